package io.veridict.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The intake layer on a real Jetty, for what only a real connection shows: chunked bodies, declared lengths, Jetty's own errors. */
@ExtendWith(DropwizardExtensionsSupport.class)
class IntakeServerTest {

    private static final DropwizardAppExtension<Configuration> APP =
            new DropwizardAppExtension<>(IntakeTestApplication.class, IntakeTestApplication.configuration());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void shouldCountAChunkedBodyAgainstTheLimit() throws Exception {
        byte[] body = ("{\"a\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri("/test/echo"))
                .header("Content-Type", "application/json")
                .header(CorrelationId.HEADER, "chunked-0001")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("x-correlation-id")).hasValue("chunked-0001");
        assertThat(response.body()).isEqualTo("{\"code\":\"BODY_TOO_LARGE\",\"message\":\"the request body is larger than "
                + IntakeTestResource.LIMITS.maxBodyBytes() + " bytes\",\"correlation_id\":\"chunked-0001\"}");
    }

    @Test
    void shouldRefuseADeclaredLengthOverTheLimitBeforeTheBodyArrives() throws IOException {
        String response = raw("POST /test/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 99999999\r\nX-Correlation-Id: declared-0001\r\n\r\n{");

        assertThat(response).startsWith("HTTP/1.1 413 ");
        assertThat(body(response).get("code").asText()).isEqualTo("BODY_TOO_LARGE");
        assertThat(body(response).get("correlation_id").asText()).isEqualTo("declared-0001");
    }

    @Test
    void shouldRefuseADeclaredLengthBeyondTwoGibibytesAsTooLarge() throws IOException {
        String response = raw("POST /test/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 99999999999\r\n\r\n{");

        assertThat(response).startsWith("HTTP/1.1 413 ");
        assertThat(body(response).get("code").asText()).isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    void shouldAnswerABrokenChunkedBodyAsIncomplete() throws IOException {
        String response = raw("POST /test/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n");

        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(body(response).get("code").asText()).isEqualTo("BODY_INCOMPLETE");
    }

    @Test
    void shouldAnswerAnUnknownPathInTheErrorShape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/v1/nothing-here")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        String id = response.headers().firstValue("x-correlation-id").orElseThrow();
        assertThat(response.body()).isEqualTo("{\"code\":\"NOT_FOUND\",\"message\":\"no resource at this path\","
                + "\"correlation_id\":\"" + id + "\"}");
    }

    @Test
    void shouldRecordAValidDecisionOverARealConnection() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/test/decisions"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Veridict-Tenant-Id", "acme-corp")
                .header("Idempotency-Key", "order-42")
                .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"amount\":0.1},\"decision\":true}"))
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("tenant").asText()).isEqualTo("acme-corp");
        assertThat(body.get("idempotency_key").asText()).isEqualTo("order-42");
        assertThat(response.headers().firstValue("x-correlation-id")).isPresent();
    }

    /**
     * Jetty refuses these before Jersey runs, with its own HTML page: not our shape, but without
     * stack traces or internals (see docs/api-errors.md, "Errors answered by Jetty").
     */
    @ParameterizedTest
    @ValueSource(strings = {"/%zz", "/test/ok%00", "/../../etc/passwd", "/test/..%2F..%2Fok", "/test//ok"})
    void shouldAnswerMalformedUrisWithoutStackTraces(String target) throws IOException {
        String response = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(response).doesNotContain("Exception", "\tat ", "at org.", "at java.", "jetty-12", "Caused by");
    }

    @Test
    void shouldAnswerHeaderFieldsTooLargeInTheErrorShape() throws IOException {
        String response = raw("GET /test/echo HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");

        assertJettyError(response, 431, "HEADERS_TOO_LARGE");
    }

    @Test
    void shouldAnswerAnOverlongUriInTheErrorShape() throws IOException {
        String response = raw("GET /test/" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertJettyError(response, 414, "URI_TOO_LONG");
    }

    @Test
    void shouldAnswerAnUnparsableHeaderLineInTheErrorShape() throws IOException {
        String response = raw("GET /test/echo HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n");

        assertJettyError(response, 400, "BAD_REQUEST");
    }

    @Test
    void shouldAnswerAMethodJettyRefusesInTheErrorShapeWithTheClientsCorrelationId() throws IOException {
        String response = raw("TRACE /test/echo HTTP/1.1\r\nHost: localhost\r\nX-Correlation-Id: trace-000001\r\n"
                + "Connection: close\r\n\r\n");

        assertJettyError(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(body(response).get("correlation_id").asText()).isEqualTo("trace-000001");
    }

    /** Jetty's own refusals: JSON, a stable code, a correlation id in body and header, nothing echoed. */
    private static void assertJettyError(String response, int status, String code) throws IOException {
        assertThat(response).startsWith("HTTP/1.1 " + status + " ");
        String headers = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertThat(headers).contains("content-type: application/json");
        JsonNode body = body(response);
        assertThat(body.get("code").asText()).isEqualTo(code);
        String correlationId = body.get("correlation_id").asText();
        assertThat(headers).contains("x-correlation-id: " + correlationId.toLowerCase(Locale.ROOT));
        assertThat(response).doesNotContain("<html").doesNotContain("aaaa");
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + APP.getLocalPort() + path);
    }

    /** Sends raw bytes and reads the first response (the server closes or answers within 5 s). */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            byte[] buffer = new byte[8192];
            int contentLength = -1;
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                response.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                int headersEnd = response.indexOf("\r\n\r\n");
                if (headersEnd > 0 && contentLength < 0) {
                    contentLength = contentLength(response.substring(0, headersEnd));
                }
                if (headersEnd > 0 && contentLength >= 0 && response.length() >= headersEnd + 4 + contentLength) {
                    break;
                }
            }
            return response.toString();
        }
    }

    private static int contentLength(String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return -1;
    }

    private static JsonNode body(String rawResponse) throws IOException {
        return JSON.readTree(rawResponse.substring(rawResponse.indexOf("\r\n\r\n") + 4));
    }
}
