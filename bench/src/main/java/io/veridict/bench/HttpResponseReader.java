package io.veridict.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response from the bytes received so far on a connection (no pipelining:
 * one response per request). The body is skipped, not kept: by {@code Content-Length}, by
 * chunks ({@code Transfer-Encoding: chunked}), or, with neither, up to the end of the
 * connection. Bytes arrive in pieces; {@link #read} says whether the response is complete.
 */
final class HttpResponseReader {

    /** Most bytes of a response head. */
    static final int MAX_HEAD = 16 * 1024;

    /** Where reading stands. */
    enum State {
        /** More bytes are needed. */
        INCOMPLETE,
        /** The response is complete; {@link #status()} and {@link #keepAlive()} tell the rest. */
        COMPLETE,
        /** The bytes are not an HTTP/1.x response this reader understands. */
        MALFORMED
    }

    private byte[] bytes = new byte[1024];
    private int length;
    private int headEnd = -1;
    private int status;
    private long contentLength = -1;
    private boolean chunked;
    private boolean close;
    /** Where the next chunk-size line starts (chunked bodies), or the body's end reached so far. */
    private int position;
    private State state = State.INCOMPLETE;

    /** Forgets the previous response, for the next request on the same connection. */
    void reset() {
        length = 0;
        headEnd = -1;
        status = 0;
        contentLength = -1;
        chunked = false;
        close = false;
        position = 0;
        state = State.INCOMPLETE;
    }

    /** Adds {@code count} received bytes. @return where reading stands */
    State read(byte[] received, int offset, int count) {
        if (state != State.INCOMPLETE) {
            return state;
        }
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        }
        System.arraycopy(received, offset, bytes, length, count);
        length += count;
        state = advance();
        if (state == State.INCOMPLETE && !chunked && contentLength < 0 && headEnd >= 0) {
            length = headEnd; // a body read to the end of the connection: keep no bytes of it
        }
        return state;
    }

    /** The connection ended. @return {@link State#COMPLETE} when the response is complete by that */
    State endOfStream() {
        if (state == State.INCOMPLETE) {
            state = headEnd >= 0 && !chunked && contentLength < 0 ? State.COMPLETE : State.MALFORMED;
            close = true;
        }
        return state;
    }

    /** @return the status code (once the head has been read) */
    int status() {
        return status;
    }

    /** @return whether the connection may carry the next request */
    boolean keepAlive() {
        return !close;
    }

    private State advance() {
        if (headEnd < 0) {
            int end = indexOf(bytes, length, 0, "\r\n\r\n");
            if (end < 0) {
                return length > MAX_HEAD ? State.MALFORMED : State.INCOMPLETE;
            }
            headEnd = end + 4;
            if (!head(new String(bytes, 0, end, StandardCharsets.ISO_8859_1))) {
                return State.MALFORMED;
            }
            position = headEnd;
            if (status / 100 == 1 || status == 204 || status == 304) {
                contentLength = 0;
                chunked = false;
            }
        }
        if (chunked) {
            return chunks();
        }
        if (contentLength >= 0) {
            return length - headEnd >= contentLength ? State.COMPLETE : State.INCOMPLETE;
        }
        return State.INCOMPLETE;
    }

    /** Reads the status line and the headers that frame the body. @return false when malformed */
    private boolean head(String head) {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.") || statusLine[1].length() != 3) {
            return false;
        }
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        close = statusLine[0].equals("HTTP/1.0");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                return false;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
                case "transfer-encoding" -> chunked = value.endsWith("chunked");
                case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
                default -> {
                }
            }
        }
        return true;
    }

    /** Skips whole chunks from {@link #position}; the last one (size 0) and its trailers end the body. */
    private State chunks() {
        while (true) {
            int lineEnd = indexOf(bytes, length, position, "\r\n");
            if (lineEnd < 0) {
                return State.INCOMPLETE;
            }
            String sizeLine = new String(bytes, position, lineEnd - position, StandardCharsets.ISO_8859_1);
            int extension = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            } catch (NumberFormatException e) {
                return State.MALFORMED;
            }
            if (size == 0) {
                // trailers, then an empty line
                int trailerEnd = lineEnd + 2;
                while (true) {
                    int end = indexOf(bytes, length, trailerEnd, "\r\n");
                    if (end < 0) {
                        return State.INCOMPLETE;
                    }
                    if (end == trailerEnd) {
                        return State.COMPLETE;
                    }
                    trailerEnd = end + 2;
                }
            }
            long next = lineEnd + 2 + size + 2;
            if (next > length) {
                return State.INCOMPLETE;
            }
            position = (int) next;
        }
    }

    private static int indexOf(byte[] bytes, int length, int from, String ascii) {
        outer:
        for (int i = from; i <= length - ascii.length(); i++) {
            for (int j = 0; j < ascii.length(); j++) {
                if (bytes[i + j] != ascii.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
