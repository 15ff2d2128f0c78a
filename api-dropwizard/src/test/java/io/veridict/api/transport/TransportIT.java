package io.veridict.api.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.api.cli.VeridictProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits, security headers and CORS over real HTTP against {@code veridict dev}, with a
 * small per-client quota (burst 20, one request a second) and one allowed origin. The burst
 * test runs last: it spends this client's quota.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransportIT {

    private static final String ALLOWED_ORIGIN = "https://app.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path tmp;
    static VeridictProcess stack;
    static URI api;
    static String demoKey;

    @BeforeAll
    static void startStack() throws Exception {
        stack = VeridictProcess.dev(tmp.resolve("data"))
                .withEnv("VERIDICT_CLIENT_IP_RATE", "1")
                .withEnv("VERIDICT_CLIENT_IP_BURST", "20")
                .withEnv("VERIDICT_CORS_ALLOWED_ORIGINS", "[\"" + ALLOWED_ORIGIN + "\"]")
                .start(Duration.ofSeconds(120));
        api = URI.create("http://localhost:" + stack.apiPort);
        demoKey = stack.exported("VERIDICT_KEY", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopStack() throws Exception {
        stack.close();
    }

    @Test
    @Order(1)
    void shouldHardenSuccessesAndNotFoundsAndAnnounceTheClientQuota() throws Exception {
        HttpResponse<String> head = send(get("/v1/audit/head").header("X-Veridict-Tenant-Id", "demo").header("Authorization", "Bearer " + demoKey));
        HttpResponse<String> missing = send(get("/v1/no-such-thing"));

        assertThat(head.statusCode()).as(head.body()).isEqualTo(200);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("code").asText()).isEqualTo("NOT_FOUND");
        for (HttpResponse<String> response : new HttpResponse[] {head, missing}) {
            assertHardened(response.headers());
        }
        // An authenticated request is announced with its tenant's quota, an anonymous one with the client's.
        assertThat(head.headers().firstValue("RateLimit-Policy")).hasValue("\"tenant\";q=2000;w=2");
        assertThat(head.headers().firstValue("RateLimit")).hasValueSatisfying(
                value -> assertThat(value).matches("\"tenant\";r=1[0-9]{3};t=[0-9]+"));
        assertThat(missing.headers().firstValue("RateLimit-Policy")).hasValue("\"client-ip\";q=20;w=20");
        assertThat(missing.headers().firstValue("RateLimit")).hasValueSatisfying(
                value -> assertThat(value).matches("\"client-ip\";r=1[0-9];t=[0-9]+"));
    }

    @Test
    @Order(2)
    void shouldAnswerAPreflightForTheAllowedOriginOnly() throws Exception {
        HttpResponse<String> allowed = send(preflight(ALLOWED_ORIGIN));
        HttpResponse<String> other = send(preflight("https://evil.example"));

        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                value -> assertThat(value).contains("Authorization", "Idempotency-Key", "X-Veridict-Tenant-Id"));
        assertThat(allowed.headers().allValues("Vary")).contains("Origin");
        assertThat(other.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));

        HttpResponse<String> read = send(get("/v1/audit/head").header("X-Veridict-Tenant-Id", "demo").header("Authorization", "Bearer " + demoKey)
                .header("Origin", ALLOWED_ORIGIN));
        assertThat(read.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                value -> assertThat(value).contains("X-Correlation-Id", "RateLimit", "RateLimit-Policy", "Retry-After"));
    }

    @Test
    @Order(3)
    void shouldRefuseABurstOverTheClientQuotaWith429InTheErrorShape() throws Exception {
        HttpResponse<String> refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            HttpResponse<String> response = send(get("/v1/no-such-thing").header("X-Correlation-Id", "burst-request-" + i));
            if (response.statusCode() == 429) {
                refused = response;
            }
        }

        assertThat(refused).as("a 429 within 200 requests at burst 20").isNotNull();
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(body.get("correlation_id").asText()).startsWith("burst-request-")
                .isEqualTo(refused.headers().firstValue("x-correlation-id").orElseThrow());
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                value -> assertThat(value).startsWith("application/json"));
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isGreaterThanOrEqualTo(1);
        assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue("\"client-ip\";q=20;w=20");
        assertThat(refused.headers().firstValue("RateLimit")).hasValueSatisfying(
                value -> assertThat(value).matches("\"client-ip\";r=0;t=[1-9][0-9]*"));
        assertHardened(refused.headers());
    }

    @Test
    void shouldRefuseToStartTheProductionConfigurationOnPlainHttp() {
        Map<String, String> env = Map.of("VERIDICT_BIND_HOST", "127.0.0.1",
                "VERIDICT_STATE_DIR", tmp.resolve("refused-state").toString());
        VeridictProcess server = VeridictProcess.server(Path.of("..", "config", "veridict.yml"), env, tmp.resolve("refused.log"));

        assertThatThrownBy(() -> server.start(Duration.ofSeconds(60))).hasMessageContaining("exited with 1")
                .hasMessageContaining("transport.requireHttps needs every server.applicationConnectors entry to be of type https");
    }

    private static void assertHardened(HttpHeaders headers) {
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(headers.firstValue("Cache-Control")).hasValue("no-store");
        assertThat(headers.firstValue("Strict-Transport-Security")).as("plain HTTP from no proxy").isEmpty();
        assertThat(headers.firstValue("x-correlation-id")).isPresent();
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
    }

    private static HttpRequest.Builder preflight(String origin) {
        return HttpRequest.newBuilder(api.resolve("/v1/decisions/record")).timeout(Duration.ofSeconds(30))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, idempotency-key");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
