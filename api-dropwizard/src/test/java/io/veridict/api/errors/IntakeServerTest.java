package io.veridict.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.veridict.api.testing.RawHttp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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

    @ParameterizedTest
    @ValueSource(strings = {"GET /%zz HTTP/1.1\r\nHost: localhost\r\n\r\n",
            "TRACE /test/echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            "GET /test/ok HTTP/1.1\r\nHost: localhost\r\nX-Big: %s\r\n\r\n",
            "GET /test/%s HTTP/1.1\r\nHost: localhost\r\n\r\n",
            "GET /test/echo HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n",
            "GET /test/ok HTTP/1.1\r\n\r\n",
            "GET /test/ok HTTP/7.1\r\nHost: localhost\r\n\r\n"})
    void shouldSendTheSecurityHeadersWithEveryRefusalJettyAnswersItself(String request) throws IOException {
        String response = raw(request.replace("%s", "a".repeat(70_000)));
        String headers = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);

        assertThat(response).matches("(?s)HTTP/1.1 (4\\d\\d|505) .*");
        assertThat(headers).contains("x-content-type-options: nosniff", "x-frame-options: deny",
                "referrer-policy: no-referrer", "cache-control: no-store\r\n").doesNotContain("must-revalidate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host: localhost\r\nHost: evil.example", "Host: localhost\r\nhost: evil.example",
            "Host: evil.example\r\nHost: evil.example", "Host: localhost, evil.example"})
    void shouldRefuseAHostHeaderSentTwice(String hosts) throws IOException {
        String response = raw("POST /test/created HTTP/1.1\r\n" + hosts + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertJettyError(response, 400, "BAD_REQUEST");
        assertThat(response).doesNotContain("Location");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:8443", "127.0.0.1:1"})
    void shouldNeverBuildALocationFromTheHostHeader(String host) throws IOException {
        String response = raw("POST /test/created HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 201 ").contains("\r\nLocation: /test/things/1\r\n");
        assertThat(response).doesNotContain(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip, chunked", "chunked, chunked", "identity", "deflate", "gzip", "chunked, gzip"})
    void shouldRefuseATransferCodingOtherThanChunked(String coding) throws IOException {
        String response = raw("POST /test/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: " + coding + "\r\nConnection: close\r\n\r\n7\r\n{\"a\":1}\r\n0\r\n\r\n");

        assertThat(response).as(coding).startsWith("HTTP/1.1 400 ");
        assertThat(body(response).get("code").asText()).isIn("UNSUPPORTED_TRANSFER_CODING", "BAD_REQUEST");
        assertThat(response).doesNotContain("\"members\"");
    }

    @Test
    void shouldReadAChunkedBody() throws IOException {
        String response = raw("POST /test/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n7\r\n{\"a\":1}\r\n0\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("{\"members\":1}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"br", "deflate", "compress", "zstd", "gzip, br", "br, gzip", "x-gzip, identity", "*"})
    void shouldRefuseAContentEncodingItCannotDecode(String coding) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/test/echo"))
                .header("Content-Type", "application/json").header("Content-Encoding", coding)
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(coding).isEqualTo(415);
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("UNSUPPORTED_CONTENT_ENCODING");
        assertThat(response.headers().firstValue("accept-encoding")).hasValue("gzip, identity");
    }

    @Test
    void shouldInflateAGzipBodyAndRefuseOneThatIsNotGzip() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write("{\"a\":1,\"b\":2}".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> inflated = http.send(HttpRequest.newBuilder(uri("/test/echo"))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> identity = http.send(HttpRequest.newBuilder(uri("/test/echo"))
                .header("Content-Type", "application/json").header("Content-Encoding", "identity")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> notGzip = http.send(HttpRequest.newBuilder(uri("/test/echo"))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(inflated.body()).isEqualTo("{\"members\":2}");
        assertThat(identity.body()).isEqualTo("{\"members\":1}");
        assertThat(notGzip.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notGzip.body()).get("code").asText()).isEqualTo("INVALID_CONTENT_ENCODING");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/test/ok;x=1", "/test;x=1/ok", "/test/ok;", "/test/ok;%2F"})
    void shouldRefuseAPathCarryingParameters(String target) throws IOException {
        String response = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response).as(target).startsWith("HTTP/1.1 400 ");
        assertThat(body(response).get("code").asText()).isEqualTo("BAD_REQUEST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Type: application/json\r\nContent-Length: 0", "Content-Type: application/json",
            "Content-Length: 0", "", "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n0",
            "Content-Type: text/plain\r\nContent-Length: 0"})
    void shouldReadAnEmptyOptionalBodyAsNoBodyWhateverItsHeadersSay(String headers) throws IOException {
        String response = raw("POST /test/optional HTTP/1.1\r\nHost: localhost\r\n" + headers
                + (headers.isEmpty() ? "" : "\r\n") + "Connection: close\r\n\r\n");

        assertThat(response).as(headers).startsWith("HTTP/1.1 200 ").endsWith("{\"members\":0}");
    }

    @Test
    void shouldStillReadAndCheckANonEmptyOptionalBody() throws IOException {
        String json = raw("POST /test/optional HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 7\r\nConnection: close\r\n\r\n{\"a\":1}");
        String untyped = raw("POST /test/optional HTTP/1.1\r\nHost: localhost\r\nContent-Length: 7\r\n"
                + "Connection: close\r\n\r\n{\"a\":1}");
        String chunkedUntyped = raw("POST /test/optional HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n7\r\n{\"a\":1}\r\n0\r\n\r\n");
        String huge = raw("POST /test/optional HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 3000000000\r\n\r\n{");

        assertThat(json).endsWith("{\"members\":1}");
        assertThat(body(untyped).get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(body(chunkedUntyped).get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(huge).startsWith("HTTP/1.1 413 ");
        assertThat(body(huge).get("code").asText()).isEqualTo("BODY_TOO_LARGE");
    }

    /** Jetty's own refusals: JSON, a stable code, a correlation id in body and header, nothing echoed. */
    private static void assertJettyError(String response, int status, String code) throws IOException {
        assertThat(response).startsWith("HTTP/1.1 " + status + " ");
        String headers = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertThat(headers).contains("content-type: application/json", "x-content-type-options: nosniff",
                "x-frame-options: deny", "referrer-policy: no-referrer", "cache-control: no-store");
        JsonNode body = body(response);
        assertThat(body.get("code").asText()).isEqualTo(code);
        String correlationId = body.get("correlation_id").asText();
        assertThat(headers).contains("x-correlation-id: " + correlationId.toLowerCase(Locale.ROOT));
        assertThat(response).doesNotContain("<html").doesNotContain("aaaa");
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + APP.getLocalPort() + path);
    }

    private static String raw(String request) throws IOException {
        return RawHttp.exchange(APP.getLocalPort(), request);
    }

    private static JsonNode body(String rawResponse) throws IOException {
        return JSON.readTree(RawHttp.body(rawResponse));
    }
}
