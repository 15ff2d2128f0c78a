package io.veridict.dev.registry;

import static io.veridict.dev.registry.Fixtures.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.dev.registry.RawHttp.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies over {@link RegistryHandler#MAX_BODY_BYTES}: refused with 413 at once, whatever
 * the client declares or keeps sending, and never answered 5xx or left hanging.
 */
class RegistryBodyLimitTest {

    private static final Duration AT_ONCE = Duration.ofSeconds(2);
    private static final String TOO_LARGE = "413 {\"error_code\":413,\"message\":\"Request body is larger than 1048576 bytes\"}";
    private static final String BAD_REQUEST = "400 {\"error_code\":400,\"message\":\"HTTP 400 Bad Request\"}";
    private static final String POST = "POST /subjects/s/versions HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/vnd.schemaregistry.v1+json\r\n";

    private RegistryHttpServer server;

    @BeforeEach
    void start() {
        server = RegistryHttpServer.start("127.0.0.1", 0, new RegistryService(new RegistryState(), r -> { }));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldAnswerADeclaredLengthAboveTheLimitWith413AtOnceAndClose() throws IOException {
        for (long declared : List.of(RegistryHandler.MAX_BODY_BYTES + 1L, 2_000_000L, 1L << 40, Long.MAX_VALUE)) {
            Exchange exchange = RawHttp.exchange(server.port(), POST + "Content-Length: " + declared + "\r\n\r\n{", AT_ONCE);

            assertThat(exchange.closed()).as("closed for %d", declared).isTrue();
            assertThat(exchange.elapsed()).as("elapsed for %d", declared).isLessThan(AT_ONCE);
            assertThat(exchange.statusAndBody()).as("answer for %d", declared).isEqualTo(TOO_LARGE);
            assertThat(exchange.answer()).contains("Connection: close", "Content-Type: " + RegistryHttp.CONTENT_TYPE);
        }
    }

    @Test
    void shouldRefuseADeclaredLengthAboveTheLimitBeforeAsking100Continue() throws IOException {
        Exchange exchange = RawHttp.exchange(server.port(),
                POST + "Expect: 100-continue\r\nContent-Length: 5000000\r\n\r\n", AT_ONCE);

        assertThat(exchange.closed()).isTrue();
        assertThat(exchange.elapsed()).isLessThan(AT_ONCE);
        assertThat(exchange.statusAndBody()).isEqualTo(TOO_LARGE);
    }

    @Test
    void shouldLetGoOfAConnectionThatDeclaredMoreThanItSends() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write((POST + "Content-Length: 5000000\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 413 ");

            long deadline = System.nanoTime() + OversizedBody.DISCARD_IDLE.plusSeconds(3).toNanos();
            while (server.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(server.openConnections()).as("connections still open on the server").isZero();
        }
    }

    @Test
    void shouldAnswerAContentLengthThatIsNoNumberWith400AtOnce() throws IOException {
        for (String declared : List.of("99999999999999999999", "18446744073709551616", "-1", "1e9", "0x10", "12 34")) {
            Exchange exchange = RawHttp.exchange(server.port(), POST + "Content-Length: " + declared + "\r\n\r\n{", AT_ONCE);

            assertThat(exchange.closed()).as("closed for %s", declared).isTrue();
            assertThat(exchange.elapsed()).as("elapsed for %s", declared).isLessThan(AT_ONCE);
            assertThat(exchange.statusAndBody()).as("answer for %s", declared).isEqualTo(BAD_REQUEST);
        }
    }

    @Test
    void shouldRefuseAChunkedBodyThatGrowsPastTheLimitWith413() throws IOException {
        byte[] body = RawHttp.chunkedStart(POST + "Transfer-Encoding: chunked\r\n\r\n", RegistryHandler.MAX_BODY_BYTES + 100_000);
        byte[] request = Arrays.copyOf(body, body.length + 5);
        System.arraycopy("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0, request, body.length, 5);

        Exchange exchange = RawHttp.exchange(server.port(), request, AT_ONCE);

        assertThat(exchange.closed()).isTrue();
        assertThat(exchange.statusAndBody()).isEqualTo(TOO_LARGE);
        assertThat(exchange.answer()).contains("Connection: close");
    }

    @Test
    void shouldAnswerAChunkedBodyThatStopsPastTheLimitAtOnce() throws IOException {
        byte[] request = RawHttp.chunkedStart(POST + "Transfer-Encoding: chunked\r\n\r\n", RegistryHandler.MAX_BODY_BYTES + 1);

        Exchange exchange = RawHttp.exchange(server.port(), request, AT_ONCE);

        assertThat(exchange.closed()).isTrue();
        assertThat(exchange.elapsed()).isLessThan(AT_ONCE);
        assertThat(exchange.statusAndBody()).isEqualTo(TOO_LARGE);
    }

    @Test
    void shouldReadABodyOfExactlyTheLimit() throws IOException {
        String body = " ".repeat(RegistryHandler.MAX_BODY_BYTES - 2) + "[]";

        Exchange exchange = RawHttp.exchange(server.port(),
                POST + "Connection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, AT_ONCE);

        assertThat(exchange.statusAndBody())
                .isEqualTo("422 {\"error_code\":422,\"message\":\"Unprocessable entity: expected a JSON object\"}");
    }

    @Test
    void shouldLetAClientStillSendingADeclaredBodySeeThe413() throws Exception {
        byte[] huge = new byte[8 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');

        HttpResponse<String> answer = send(HttpRequest.BodyPublishers.ofByteArray(huge));

        assertThat(answer.statusCode() + " " + answer.body()).isEqualTo(TOO_LARGE);
    }

    @Test
    void shouldLetAClientStillSendingAChunkedBodySeeThe413() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.BodyPublishers.ofInputStream(() -> new Spaces(8 * 1024 * 1024)));

        assertThat(answer.statusCode() + " " + answer.body()).isEqualTo(TOO_LARGE);
    }

    @Test
    void shouldKeepAnsweringOnNewConnectionsAfterRefusingABody() throws IOException {
        RawHttp.exchange(server.port(), POST + "Content-Length: 5000000\r\n\r\n", AT_ONCE);

        assertThat(new RegistryHttp(server.url()).post("/subjects/s/versions", schemaBody("user-v1.avsc")).body())
                .isEqualTo("{\"id\":1}");
    }

    private HttpResponse<String> send(HttpRequest.BodyPublisher body) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/subjects/s/versions"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", RegistryHttp.CONTENT_TYPE).POST(body).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** {@code size} spaces, read without a known length (so the client sends them chunked). */
    private static final class Spaces extends InputStream {
        private long left;

        Spaces(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? ' ' : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            Arrays.fill(buffer, offset, offset + n, (byte) ' ');
            left -= n;
            return n;
        }
    }
}
