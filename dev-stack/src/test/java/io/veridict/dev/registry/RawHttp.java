package io.veridict.dev.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 over a plain socket, for requests {@link java.net.http.HttpClient} will not send:
 * a declared length that never arrives, a malformed header, a chunked body cut short.
 */
final class RawHttp {

    /**
     * What came back: the answer's bytes as text, how long until the server closed the
     * connection (or the wait ended), and whether it did close.
     */
    record Exchange(String answer, Duration elapsed, boolean closed) {
        /** {@code "413 {...}"}: the status code and the body. */
        String statusAndBody() {
            if (!answer.startsWith("HTTP/1.1 ")) {
                return answer;
            }
            return answer.substring(9, 12) + " " + answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code request} (ISO-8859-1 text; nothing more is sent after it) and reads the
     * answer until the server closes the connection or {@code wait} passes.
     */
    static Exchange exchange(int port, String request, Duration wait) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), wait);
    }

    static Exchange exchange(int port, byte[] request, Duration wait) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) wait.toMillis());
            long start = System.nanoTime();
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            boolean closed = readUntilClosed(socket.getInputStream(), answer, start + wait.toNanos());
            return new Exchange(answer.toString(StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start), closed);
        }
    }

    /** A chunked request head followed by {@code size} body bytes of spaces, in 64 KiB chunks, without the last chunk. */
    static byte[] chunkedStart(String head, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        for (int left = size; left > 0; ) {
            int n = Math.min(left, 64 * 1024);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(" ".repeat(n).getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            left -= n;
        }
        return out.toByteArray();
    }

    private static boolean readUntilClosed(InputStream in, ByteArrayOutputStream answer, long deadline) throws IOException {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
                if (System.nanoTime() > deadline) {
                    return false;
                }
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
