package io.veridict.webhooks.target;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 for tests, plain or TLS with {@link TestCertificates}.
 * It counts the connections it accepts, records every request (and the SNI name it came with),
 * and answers each with its handler, one request per connection. A silent server only accepts
 * and counts.
 */
final class LoopbackServer implements AutoCloseable {

    /** Writes the raw HTTP response to a request. */
    @FunctionalInterface
    interface Handler {
        void respond(Recorded request, OutputStream out) throws IOException;
    }

    /** A request as received. */
    static final class Recorded {
        final String method;
        final String target;
        final Map<String, String> headers;
        final byte[] body;
        final String serverName;

        Recorded(String method, String target, Map<String, String> headers, byte[] body, String serverName) {
            this.method = method;
            this.target = target;
            this.headers = headers;
            this.body = body;
            this.serverName = serverName;
        }
    }

    private final ServerSocket socket;
    private final Handler handler;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean closed = new AtomicBoolean();

    private LoopbackServer(ServerSocket socket, Handler handler) {
        this.socket = socket;
        this.handler = handler;
        Thread acceptor = new Thread(this::acceptLoop, "loopback-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static LoopbackServer plain(Handler handler) throws IOException {
        return new LoopbackServer(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), handler);
    }

    static LoopbackServer tls(Handler handler) throws Exception {
        SSLServerSocket s = (SSLServerSocket) TestCertificates.serverContext().getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        return new LoopbackServer(s, handler);
    }

    /** Accepts and counts connections, and never answers. */
    static LoopbackServer silent() throws IOException {
        return new LoopbackServer(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), null);
    }

    int port() {
        return socket.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** A complete response with a body and Connection: close. */
    static void write(OutputStream out, int status, String reason, Map<String, String> headers, byte[] body)
            throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    static Handler status(int status, String body) {
        return (request, out) -> write(out, status, "Status", Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    static Handler redirect(int status, String location) {
        return (request, out) -> write(out, status, "Redirect", Map.of("Location", location), new byte[0]);
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            open.add(s);
            if (handler == null) {
                continue;
            }
            Thread t = new Thread(() -> serve(s), "loopback-connection");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(30_000);
            String serverName = null;
            if (s instanceof SSLSocket) {
                SSLSocket ssl = (SSLSocket) s;
                ssl.startHandshake();
                for (SNIServerName name : ((ExtendedSSLSession) ssl.getSession()).getRequestedServerNames()) {
                    if (name instanceof SNIHostName) {
                        serverName = ((SNIHostName) name).getAsciiName();
                    }
                }
            }
            InputStream in = s.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            Recorded request = new Recorded(requestLine[0], requestLine[1], headers, body, serverName);
            requests.add(request);
            OutputStream out = s.getOutputStream();
            handler.respond(request, out);
        } catch (IOException | RuntimeException e) {
            // The client went away, or failed the handshake: both are outcomes the tests look at.
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended in the request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 64 * 1024) {
                throw new IOException("request head too long");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        closed.set(true);
        socket.close();
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }
}
