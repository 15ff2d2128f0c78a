package io.veridict.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.api.cli.VeridictProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /prometheus} on the admin port of a running dev stack counts what was done to it:
 * requests by route template and status, chained entries, commands that chained nothing by
 * reason, error responses by code, rate-limit refusals by tier, receipts waiting, chain lag, and
 * the JVM's and Kafka Streams' own metrics. No label holds a tenant id.
 */
class MetricsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int RECORDS = 3;

    @TempDir
    Path tmp;

    @Test
    void shouldCountWhatTheServiceDid() throws Exception {
        VeridictProcess stack = VeridictProcess.dev(tmp.resolve("data"))
                .withEnv("VERIDICT_TENANT_RATE", "1").withEnv("VERIDICT_TENANT_BURST", String.valueOf(RECORDS + 2));
        try (stack) {
            stack.start(Duration.ofSeconds(120));
            String key = stack.exported("VERIDICT_KEY", Duration.ofSeconds(60));
            double chainedBefore = value(scrape(stack), "veridict_entries_chained_total");

            for (int i = 0; i < RECORDS; i++) {
                assertThat(stack.record("demo", key, "metrics-" + i, decision(i)).statusCode()).isEqualTo(201);
            }
            HttpResponse<String> reused = stack.record("demo", key, "metrics-0", decision(99));
            assertThat(reused.statusCode()).as(reused.body()).isEqualTo(409);
            assertThat(send(stack, "/v1/audit/head", "Bearer vdk_not_a_key").statusCode()).isEqualTo(401);
            int limited = 0;
            for (int i = 0; i < 10; i++) {
                limited += send(stack, "/v1/audit/head", "Bearer " + key).statusCode() == 429 ? 1 : 0;
            }
            assertThat(limited).as("the tenant's burst is spent").isPositive();

            String metrics = scrape(stack);
            assertThat(value(metrics, "veridict_http_requests_seconds_count{method=\"POST\",route=\"/v1/decisions/record\",status=\"201\"}"))
                    .isEqualTo(RECORDS);
            assertThat(value(metrics, "veridict_http_requests_seconds_count{method=\"GET\",route=\"/v1/audit/head\",status=\"429\"}"))
                    .isEqualTo(limited);
            assertThat(metrics).contains("veridict_http_requests_seconds_bucket{method=\"POST\",route=\"/v1/decisions/record\",status=\"201\",le=\"0.1\"}");
            assertThat(value(metrics, "veridict_entries_chained_total") - chainedBefore).isEqualTo(RECORDS);
            assertThat(value(metrics, "veridict_command_outcomes_total{reason=\"IDEMPOTENCY_KEY_REUSED\",status=\"CONFLICT\"}"))
                    .isEqualTo(1);
            assertThat(value(metrics, "veridict_error_responses_total{code=\"IDEMPOTENCY_KEY_REUSED\",status=\"409\"}")).isEqualTo(1);
            assertThat(value(metrics, "veridict_rate_limited_total{tier=\"tenant\"}")).isEqualTo(limited);
            assertThat(value(metrics, "veridict_error_responses_total{code=\"RATE_LIMITED\",status=\"429\"}")).isEqualTo(limited);
            assertThat(metrics).contains("\nveridict_receipts_waiting ", "\nveridict_chain_lag ");
            assertThat(value(metrics, "veridict_receipts_waiting")).isZero();
            assertThat(value(metrics, "veridict_chain_lag")).isZero();
            assertThat(metrics).contains("jvm_memory_used_bytes{", "kafka_stream_thread_", "kafka_consumer_fetch_manager_records_lag");
            assertThat(Arrays.stream(metrics.split("\n")).filter(l -> !l.startsWith("#") && l.contains("error_responses")))
                    .anyMatch(l -> l.contains("code=\"") && l.contains("status=\"401\""));
            assertThat(Arrays.stream(metrics.split("\n")).filter(l -> !l.startsWith("#")))
                    .as("no label holds the tenant id").noneMatch(l -> l.contains("\"demo\""));
        }
    }

    private static String decision(int n) {
        return "{\"context\":{\"n\":" + n + "},\"decision\":true}";
    }

    private static HttpResponse<String> send(VeridictProcess stack, String path, String authorization) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + stack.apiPort + path))
                .header("X-Veridict-Tenant-Id", "demo").header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String scrape(VeridictProcess stack) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + stack.adminPort + "/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return answer.body();
    }

    /** The value of the series named exactly {@code series} (name and labels); 0 when absent. */
    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
