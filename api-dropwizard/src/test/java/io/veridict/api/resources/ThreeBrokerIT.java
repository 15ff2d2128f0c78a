package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.auth.AuthFactory;
import io.veridict.api.cli.VeridictProcess;
import io.veridict.dev.registry.BuiltInSchemaRegistry;
import io.veridict.dev.testing.KafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on a three-broker KRaft cluster with production replication (factor 3,
 * {@code min.insync.replicas} 2): it starts, records, and goes on recording when one broker is
 * stopped under it; no record is lost or chained twice, and every tenant's chain verifies.
 */
class ThreeBrokerIT {

    private static final Path CONFIG = Path.of("..", "config", "veridict.yml");
    private static final int TENANTS = 4;
    private static final int RECORDS = 5;

    @TempDir
    Path tmp;

    @Test
    void shouldKeepRecordingWhenABrokerIsLost() throws Exception {
        try (KafkaCluster kafka = KafkaCluster.start(tmp.resolve("kafka"), 3);
             BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.start(kafka.bootstrapServers(), "localhost", 0, (short) 3)) {
            VeridictProcess service = VeridictProcess.server(CONFIG, env(kafka, registry, tmp.resolve("state")),
                    tmp.resolve("service.log"));
            try (service) {
                service.start(Duration.ofSeconds(180));
                LedgerClient api = new LedgerClient(service.apiPort, MultiInstanceIT.OPERATOR_TOKEN);
                long[] before = new long[TENANTS];
                for (int t = 0; t < TENANTS; t++) {
                    for (int i = 0; i < RECORDS; i++) {
                        recordUntilAnswered(api, t, "before-" + i);
                    }
                    before[t] = head(api, t).get("size").asLong();
                }

                kafka.stop(0);
                long stopped = System.nanoTime();
                long slowest = 0;
                for (int t = 0; t < TENANTS; t++) {
                    for (int i = 0; i < RECORDS; i++) {
                        long sent = System.nanoTime();
                        recordUntilAnswered(api, t, "after-" + i);
                        slowest = Math.max(slowest, System.nanoTime() - sent);
                    }
                }
                System.out.printf("With one broker of three stopped: %d records chained, the slowest in %.1f s (%.1f s after the stop)%n",
                        TENANTS * RECORDS, slowest / 1e9, (System.nanoTime() - stopped) / 1e9);

                for (int t = 0; t < TENANTS; t++) {
                    assertThat(head(api, t).get("size").asLong()).as("tenant-" + t + ": each record once").isEqualTo(before[t] + RECORDS);
                    JsonNode verified = api.post("/v1/audit/verify", "tenant-" + t, null, "").json();
                    assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
                }
            }
        }
    }

    /** Records under {@code key}, retrying the same key while the answer is pending (202) or unavailable. */
    private static void recordUntilAnswered(LedgerClient api, int tenant, String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String body = "{\"context\":{\"key\":\"" + key + "\"},\"decision\":true}";
        LedgerClient.Answer answer = api.record("tenant-" + tenant, key, body);
        while (answer.status() != 200 && answer.status() != 201) {
            assertThat(answer.status()).as(answer.body()).isIn(202, 503);
            assertThat(System.nanoTime()).as("tenant-" + tenant + " " + key + " chained").isLessThan(deadline);
            Thread.sleep(100);
            answer = api.record("tenant-" + tenant, key, body);
        }
    }

    private static JsonNode head(LedgerClient api, int tenant) throws Exception {
        LedgerClient.Answer answer = api.get("/v1/audit/head", "tenant-" + tenant);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static Map<String, String> env(KafkaCluster kafka, BuiltInSchemaRegistry registry, Path stateDir) {
        Map<String, String> env = new HashMap<>();
        env.put("VERIDICT_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("VERIDICT_REGISTRY_URL", registry.url().toString());
        env.put("VERIDICT_BIND_HOST", "127.0.0.1");
        env.put("VERIDICT_STATE_DIR", stateDir.toString());
        env.put("VERIDICT_PARTITIONS", "6");
        env.put("VERIDICT_REPLICATION_FACTOR", "3");
        env.put("VERIDICT_MIN_ISR", "2");
        env.put("VERIDICT_STANDBY_REPLICAS", "0");
        env.put("VERIDICT_KEY_PEPPER", MultiInstanceIT.PEPPER);
        env.put("VERIDICT_KEKS", MultiInstanceIT.KEKS);
        env.put("VERIDICT_OPERATOR_TOKEN_SHA256", AuthFactory.hashOperatorToken(MultiInstanceIT.OPERATOR_TOKEN));
        env.put("VERIDICT_REQUIRE_HTTPS", "false");
        return env;
    }
}
