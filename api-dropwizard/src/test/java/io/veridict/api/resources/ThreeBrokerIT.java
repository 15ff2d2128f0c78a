package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.auth.AuthFactory;
import io.veridict.api.cli.VeridictProcess;
import io.veridict.api.deploy.ComposeFile;
import io.veridict.dev.registry.BuiltInSchemaRegistry;
import io.veridict.dev.testing.KafkaCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment of {@code docker/compose.yml}, proven without containers: a three-broker KRaft
 * cluster with production replication (factor 3, {@code min.insync.replicas} 2) and two service
 * instances started with the environment the compose file gives them. Under a load of single
 * records, one broker stops without warning, then one instance is killed ({@code kill -9}): every
 * acknowledged record is in its tenant's chain exactly once, and every chain verifies.
 */
class ThreeBrokerIT {

    private static final Path CONFIG = Path.of("..", "config", "veridict.yml");
    private static final int TENANTS = 4;

    @TempDir
    Path tmp;

    @Test
    void shouldLoseNothingWhenABrokerAndThenAnInstanceAreLost() throws Exception {
        try (KafkaCluster kafka = KafkaCluster.start(tmp.resolve("kafka"), 3);
             BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.start(kafka.bootstrapServers(), "localhost", 0, (short) 3)) {
            VeridictProcess one = VeridictProcess.server(CONFIG, env(kafka, registry, tmp.resolve("state-1")), tmp.resolve("one.log"));
            VeridictProcess two = VeridictProcess.server(CONFIG, env(kafka, registry, tmp.resolve("state-2")), tmp.resolve("two.log"));
            one.withEnv("VERIDICT_ADVERTISED_URL", "http://localhost:" + one.apiPort);
            two.withEnv("VERIDICT_ADVERTISED_URL", "http://localhost:" + two.apiPort);
            try (one; two) {
                one.start(Duration.ofSeconds(180));
                two.start(Duration.ofSeconds(180));
                // The instances serve HTTPS only, as the compose file sets them up behind its TLS proxy;
                // this test stands in for that proxy.
                LedgerClient viaOne = new LedgerClient(one.apiPort, MultiInstanceIT.OPERATOR_TOKEN).asTlsProxy();
                LedgerClient viaTwo = viaOne.at(two.apiPort);
                long[] before = new long[TENANTS];
                for (int t = 0; t < TENANTS; t++) {
                    viaOne.keyOf("tenant-" + t);
                    before[t] = head(List.of(viaOne, viaTwo), t).get("size").asLong();
                }

                AtomicBoolean running = new AtomicBoolean(true);
                AtomicBoolean oneAlive = new AtomicBoolean(true);
                AtomicInteger acknowledged = new AtomicInteger();
                ExecutorService clients = Executors.newFixedThreadPool(TENANTS);
                List<Future<Integer>> perTenant = new ArrayList<>();
                for (int t = 0; t < TENANTS; t++) {
                    int tenant = t;
                    perTenant.add(clients.submit(() -> {
                        int acked = 0;
                        while (running.get()) {
                            recordUntilAnswered(tenant % 2 == 0 ? viaOne : viaTwo, viaTwo, oneAlive, tenant, "load-" + acked);
                            acked++;
                            acknowledged.incrementAndGet();
                        }
                        return acked;
                    }));
                }
                awaitAcknowledged(acknowledged, 40);
                kafka.stop(0);
                int atBrokerLoss = acknowledged.get();
                awaitAcknowledged(acknowledged, atBrokerLoss + 40);
                oneAlive.set(false);
                one.kill();
                int atKill = acknowledged.get();
                awaitAcknowledged(acknowledged, atKill + 40);
                running.set(false);
                clients.shutdown();
                assertThat(clients.awaitTermination(180, TimeUnit.SECONDS)).isTrue();

                int total = 0;
                for (int t = 0; t < TENANTS; t++) {
                    int acked = perTenant.get(t).get();
                    total += acked;
                    assertThat(head(List.of(viaTwo), t).get("size").asLong()).as("tenant-" + t + ": every acknowledged record once")
                            .isEqualTo(before[t] + acked);
                    JsonNode verified = viaTwo.post("/v1/audit/verify", "tenant-" + t, null, "").json();
                    assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
                }
                System.out.printf("Three brokers, two instances: %d records acknowledged; a broker stopped after %d, "
                        + "an instance killed after %d; each record chained once%n", total, atBrokerLoss, atKill);
            }
        }
    }

    /**
     * Records under {@code key} until the ledger answers with a receipt, retrying the same key
     * while the answer is pending (202) or unavailable, and on the other instance once the first
     * is gone.
     */
    private static void recordUntilAnswered(LedgerClient preferred, LedgerClient other, AtomicBoolean preferredAlive,
                                            int tenant, String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String body = "{\"context\":{\"key\":\"" + key + "\"},\"decision\":true}";
        while (true) {
            assertThat(System.nanoTime()).as("tenant-" + tenant + " " + key + " chained").isLessThan(deadline);
            LedgerClient client = preferredAlive.get() ? preferred : other;
            try {
                LedgerClient.Answer answer = client.record("tenant-" + tenant, key, body);
                if (answer.status() == 200 || answer.status() == 201) {
                    return;
                }
                assertThat(answer.status()).as(answer.body()).isIn(202, 503);
            } catch (IOException instanceGone) {
                // the instance was killed under the request: the same key again, elsewhere
            }
            Thread.sleep(100);
        }
    }

    private static void awaitAcknowledged(AtomicInteger acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (acknowledged.get() < count) {
            assertThat(System.nanoTime()).as(count + " records acknowledged").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * The tenant's head from whichever of {@code instances} owns it (the others redirect, 307),
     * waiting while ownership moves.
     */
    private static JsonNode head(List<LedgerClient> instances, int tenant) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        LedgerClient.Answer answer = null;
        while (System.nanoTime() < deadline) {
            for (LedgerClient api : instances) {
                answer = api.get("/v1/audit/head", "tenant-" + tenant);
                if (answer.status() == 200) {
                    return answer.json();
                }
                assertThat(answer.status()).as(answer.body()).isIn(307, 503);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no instance answered tenant-" + tenant + "'s head: " + answer);
    }

    /**
     * The environment docker/compose.yml gives instance {@code veridict-1}, pointed at this
     * cluster and this machine's loopback address, with this test's secrets.
     */
    private static Map<String, String> env(KafkaCluster kafka, BuiltInSchemaRegistry registry, Path stateDir) {
        Map<String, String> env = new HashMap<>(ComposeFile.read().environment("veridict-1"));
        env.put("VERIDICT_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("VERIDICT_REGISTRY_URL", registry.url().toString());
        env.put("VERIDICT_ADMIN_BIND_HOST", "127.0.0.1");
        env.put("VERIDICT_BIND_HOST", "127.0.0.1");
        env.put("VERIDICT_STATE_DIR", stateDir.toString());
        env.remove("VERIDICT_ADVERTISED_URL"); // set per instance
        env.put("VERIDICT_KEY_PEPPER", MultiInstanceIT.PEPPER);
        env.put("VERIDICT_KEKS", MultiInstanceIT.KEKS);
        env.put("VERIDICT_OPERATOR_TOKEN_SHA256", AuthFactory.hashOperatorToken(MultiInstanceIT.OPERATOR_TOKEN));
        env.put("VERIDICT_CHECKPOINT_KEY", "");
        env.put("VERIDICT_TRUSTED_PROXIES", "[\"127.0.0.1\"]"); // this test is the TLS proxy
        env.forEach((name, value) -> assertThat(value).as(name + " is given a value").doesNotContain("${"));
        return env;
    }
}
