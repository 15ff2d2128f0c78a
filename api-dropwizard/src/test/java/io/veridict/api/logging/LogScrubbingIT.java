package io.veridict.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.api.auth.AuthFactory;
import io.veridict.api.auth.TokenFormat;
import io.veridict.api.cli.VeridictProcess;
import io.veridict.dev.registry.BuiltInSchemaRegistry;
import io.veridict.dev.testing.TestKafka;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code veridict server config/veridict.yml}, the production logging configuration, driven with
 * requests that carry an e-mail address, a telephone number, an API key and a distinctive
 * decision-context value in bodies (valid, invalid and malformed), headers, paths and query
 * strings; none of them may appear in what the service printed, and every request's correlation
 * id must.
 */
class LogScrubbingIT {

    private static final Path CONFIG = Path.of("..", "config", "veridict.yml");
    private static final String TENANT = "logscrub";
    private static final String PEPPER = "bG9nLXNjcnViYmluZy1pdC1wZXBwZXItb2YtMzItYnl0ZXM=";
    private static final String KEKS = io.veridict.streams.crypto.LocalKms.generate("log-kek");
    private static final String OPERATOR_TOKEN = TokenFormat.newOperatorToken();
    /** The credentials every request carries (the tenant's admin key); the secret after the key id must never be logged. */
    private static String apiKey;
    private static final String EMAIL = "ada.lovelace.q7x2@example.org";
    private static final String EMAIL_LOCAL_PART = "ada.lovelace.q7x2";
    private static final String PHONE = "+44 20 7946 0958";
    private static final String CONTEXT_MARKER = "ctx-marker-5d9e1b";
    /** Raises the one request-handling logger to DEBUG, so that every 4xx writes an application log line. */
    private static final String DEBUG_ERRORS = "-Ddw.logging.loggers.io\\.veridict\\.api\\.errors\\.ApiExceptionMapper=DEBUG";

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The headers of every request: the tenant and the credentials. */
    private static Map<String, String> baseHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Veridict-Tenant-Id", TENANT);
        headers.put("Authorization", "Bearer " + apiKey);
        headers.put("Referer", "https://portal.example.com/profile?email=" + EMAIL + "&phone=" + encode(PHONE));
        headers.put("User-Agent", "probe/1.0 (" + EMAIL + "; " + PHONE + ")");
        headers.put("X-Contact", EMAIL + " " + PHONE + " " + CONTEXT_MARKER);
        return headers;
    }

    @Test
    void shouldKeepPersonalDataCredentialsAndContextsOutOfTheLogAndTagEveryRequestWithItsCorrelationId() throws Exception {
        try (TestKafka kafka = TestKafka.start(tmp.resolve("kafka"));
             BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.start(kafka.bootstrapServers(), "localhost", 0, (short) 1)) {
            VeridictProcess server = VeridictProcess.server(CONFIG, Map.ofEntries(
                    Map.entry("VERIDICT_KAFKA_BOOTSTRAP", kafka.bootstrapServers()),
                    Map.entry("VERIDICT_REGISTRY_URL", registry.url().toString()),
                    Map.entry("VERIDICT_BIND_HOST", "127.0.0.1"),
                    Map.entry("VERIDICT_STATE_DIR", tmp.resolve("state").toString()),
                    Map.entry("VERIDICT_PARTITIONS", "1"),
                    Map.entry("VERIDICT_REPLICATION_FACTOR", "1"),
                    Map.entry("VERIDICT_MIN_ISR", "1"),
                    Map.entry("VERIDICT_STANDBY_REPLICAS", "0"),
                    Map.entry("VERIDICT_KEY_PEPPER", PEPPER),
                    Map.entry("VERIDICT_KEKS", KEKS),
                    Map.entry("VERIDICT_OPERATOR_TOKEN_SHA256", AuthFactory.hashOperatorToken(OPERATOR_TOKEN)),
                    Map.entry("VERIDICT_REQUIRE_HTTPS", "false"),
                    Map.entry("JAVA_TOOL_OPTIONS", DEBUG_ERRORS)), tmp.resolve("server.log"));
            try (server) {
                server.start(Duration.ofSeconds(120));
                URI base = URI.create("http://localhost:" + server.apiPort);
                apiKey = createTenant(base);
                String keySecret = apiKey.substring(apiKey.lastIndexOf('_') + 1);
                String operatorSecret = OPERATOR_TOKEN.substring(4);
                List<Answer> answers = driveRequests(base);
                assertThat(server.stop()).isIn(0, 143); // flushes the asynchronous appenders

                String output = server.output();
                assertThat(answers.get(0).status()).as(answers.get(0).body()).isEqualTo(201);
                assertThat(answers).allSatisfy(a -> assertThat(a.correlationId()).as(a.name()).isNotBlank());
                assertThat(output).as("the log output").doesNotContain(EMAIL_LOCAL_PART,
                        "7946 0958", "7946+0958", "7946%200958", "79460958", keySecret, operatorSecret, CONTEXT_MARKER,
                        KEKS.substring(KEKS.indexOf(':') + 1), PEPPER);
                assertThat(output).as("masked request lines").contains("?email=a***%40example.org&phone=*** HTTP/1.1",
                        "\"probe/1.0 (a***@example.org; ***)\"");
                for (Answer answer : answers) {
                    assertThat(output).as("request log line of " + answer.name())
                            .contains("[" + answer.correlationId() + "]");
                    if (answer.status() >= 400) {
                        assertThat(output).as("MDC of the error line of " + answer.name())
                                .contains("] [" + answer.correlationId() + "] io.veridict.api.errors.ApiExceptionMapper: Answered "
                                        + answer.status());
                    }
                }
            }
        }
    }

    private List<Answer> driveRequests(URI base) throws Exception {
        String context = "{\"applicant_email\":\"" + EMAIL + "\",\"phone\":\"" + PHONE + "\",\"note\":\"" + CONTEXT_MARKER
                + "\",\"token\":\"Bearer " + apiKey + "\"}";
        String valid = "{\"decision_id\":\"scrub-1\",\"context\":" + context + ",\"decision\":{\"approved\":true},"
                + "\"metadata\":{\"contact\":\"" + EMAIL + "\",\"phone\":\"" + PHONE + "\"}}";
        String query = "?email=" + encode(EMAIL) + "&phone=" + encode(PHONE);
        List<Answer> answers = new ArrayList<>();
        answers.add(send(base, "valid", "POST", "/v1/decisions/record" + query, valid, Map.of("Idempotency-Key", "scrub-1")));
        answers.add(send(base, "key reused with another body", "POST", "/v1/decisions/record", valid.replace("scrub-1", "scrub-2"),
                Map.of("Idempotency-Key", "scrub-1")));
        answers.add(send(base, "invalid context", "POST", "/v1/decisions/record",
                "{\"context\":\"" + CONTEXT_MARKER + " " + EMAIL + " " + PHONE + "\",\"decision\":1}", Map.of("Idempotency-Key", "scrub-3")));
        answers.add(send(base, "unknown member named after the data", "POST", "/v1/decisions/record",
                "{\"context\":" + context + ",\"decision\":1,\"" + EMAIL + "\":\"" + CONTEXT_MARKER + "\"}", Map.of("Idempotency-Key", "scrub-4")));
        answers.add(send(base, "malformed", "POST", "/v1/decisions/record",
                "{\"context\":{\"note\":\"" + CONTEXT_MARKER + "\",\"email\":" + EMAIL + "}", Map.of("Idempotency-Key", "scrub-5")));
        answers.add(send(base, "truncated", "POST", "/v1/decisions/record",
                "{\"context\":" + context.substring(0, context.length() - 10), Map.of("Idempotency-Key", "scrub-6")));
        answers.add(send(base, "invalid batch item", "POST", "/v1/decisions/record:batch",
                "{\"decisions\":[{\"context\":" + context + ",\"decision\":1},{\"context\":\"" + CONTEXT_MARKER + "\"}]}",
                Map.of("Idempotency-Key", "scrub-7")));
        answers.add(send(base, "data in the idempotency key", "POST", "/v1/decisions/record", valid,
                Map.of("Idempotency-Key", EMAIL + " " + PHONE)));
        answers.add(send(base, "data in the tenant header", "POST", "/v1/decisions/record", valid,
                Map.of("Idempotency-Key", "scrub-9", "X-Veridict-Tenant-Id", EMAIL)));
        answers.add(send(base, "wrong media type", "POST", "/v1/decisions/record", valid,
                Map.of("Idempotency-Key", "scrub-10", "Content-Type", "text/plain")));
        answers.add(send(base, "data in the path", "GET", "/v1/decisions/" + EMAIL + query, null, Map.of()));
        answers.add(send(base, "data in a seq", "GET", "/v1/audit/entries?from_seq=" + encode(PHONE) + "&limit=" + encode(EMAIL),
                null, Map.of()));
        answers.add(send(base, "data in a verify range", "POST", "/v1/audit/verify",
                "{\"from_seq\":\"" + CONTEXT_MARKER + "\",\"to_seq\":\"" + EMAIL + "\"}", Map.of()));
        answers.add(send(base, "unsupported method", "DELETE", "/v1/decisions/record" + query, null, Map.of()));
        answers.add(send(base, "client correlation id", "GET", "/v1/audit/head", null, Map.of("X-Correlation-Id", "scrub-corr-0001")));
        answers.add(send(base, "a key with a wrong secret", "GET", "/v1/audit/head", null,
                Map.of("Authorization", "Bearer " + wrongSecret(apiKey))));
        answers.add(send(base, "data as correlation id", "GET", "/v1/audit/head", null, Map.of("X-Correlation-Id", EMAIL)));
        return answers;
    }

    /** Creates the tenant with the operator token; returns its admin key. */
    private String createTenant(URI base) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/v1/tenants")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + OPERATOR_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant_id\":\"" + TENANT + "\",\"display_name\":\"Log scrub\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).get("admin_key").get("key").asText();
    }

    /** The same key id with another (well-formed, correctly check-summed) secret. */
    private static String wrongSecret(String key) {
        TokenFormat.ApiKey other = TokenFormat.newSecret(key.substring(4, 20));
        return other.text();
    }

    private Answer send(URI base, String name, String method, String pathAndQuery, String body, Map<String, String> extra)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        Map<String, String> headers = baseHeaders();
        headers.put("Content-Type", "application/json");
        headers.putAll(extra);
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(name, response.statusCode(), response.body(),
                response.headers().firstValue("x-correlation-id").orElse(null));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Answer(String name, int status, String body, String correlationId) {
    }
}
