package io.veridict.api.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client sends: two {@code Host} lines, a
 * {@code Content-Length} the body does not match, unknown transfer codings, malformed lines.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends {@code request} (ISO-8859-1 bytes, as written) to {@code 127.0.0.1:port} and reads the
     * first response: its head, and its body as far as its Content-Length, or its last chunk, or
     * (neither given) until the server closes; at most 10 s without a byte.
     */
    public static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                response.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (complete(response)) {
                    break;
                }
            }
            return response.toString();
        }
    }

    /** The body of a response {@link #exchange} read. */
    public static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private static boolean complete(StringBuilder response) {
        int headEnd = response.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        for (String line : response.substring(0, headEnd).toLowerCase(Locale.ROOT).split("\r\n")) {
            if (line.startsWith("content-length:")) {
                return response.length() >= headEnd + 4 + Integer.parseInt(line.substring("content-length:".length()).trim());
            }
            if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                return response.indexOf("\r\n0\r\n\r\n", headEnd) > 0;
            }
        }
        return false;
    }
}
