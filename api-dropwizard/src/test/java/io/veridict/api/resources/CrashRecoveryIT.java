package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.cli.VeridictProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the whole stack in the middle of a load of single records (grouped by the
 * service into group commands) and batches (atomic group commands), then a restart on the same
 * data and the clients' retries: every acknowledged decision is in its tenant's chain exactly
 * once, with its original receipt; no seq is missing or doubled; the chains verify.
 */
class CrashRecoveryIT {

    private static final List<String> TENANTS = List.of("crash-a", "crash-b", "crash-c");
    private static final int REQUESTS = 300;
    private static final String BATCH_TENANT = "crash-batch";
    private static final int BATCHES = 60;
    private static final int BATCH_SIZE = 5;
    private static final int KILL_AFTER_ACKS = 100;

    /** Entries every tenant starts with: its creation and its admin key. */
    private static final int SETUP_ENTRIES = 2;

    @TempDir
    Path tmp;

    @Test
    void shouldKeepEveryAcknowledgedDecisionExactlyOnceAcrossAKillAndRetries() throws Exception {
        Path data = tmp.resolve("data");
        Map<String, JsonNode> acknowledged = new ConcurrentHashMap<>();
        Map<Integer, JsonNode> acknowledgedBatches = new ConcurrentHashMap<>();
        LedgerClient[] shared = new LedgerClient[1];
        VeridictProcess first = VeridictProcess.dev(data).start(Duration.ofSeconds(120));
        try (first) {
            LedgerClient api = new LedgerClient(first.apiPort, first.operatorToken());
            shared[0] = api;
            for (String tenant : TENANTS) {
                api.keyOf(tenant);
            }
            api.keyOf(BATCH_TENANT);
            AtomicInteger acks = new AtomicInteger();
            CountDownLatch enoughAcks = new CountDownLatch(1);
            ExecutorService clients = Executors.newFixedThreadPool(6);
            for (int i = 0; i < REQUESTS; i++) {
                int n = i;
                if (n % 5 == 0 && n / 5 < BATCHES) {
                    clients.submit(() -> {
                        try {
                            LedgerClient.Answer answer = recordBatch(api, n / 5);
                            if (answer.status() == 201 || answer.status() == 200) {
                                acknowledgedBatches.put(n / 5, answer.json());
                            }
                        } catch (IOException | InterruptedException killed) {
                            // retried after the restart
                        }
                    });
                }
                clients.submit(() -> {
                    try {
                        LedgerClient.Answer answer = api.record(tenantOf(n), keyOf(n), body(n));
                        if (answer.status() == 201 || answer.status() == 200) {
                            acknowledged.put(keyOf(n), answer.json());
                            if (acks.incrementAndGet() >= KILL_AFTER_ACKS) {
                                enoughAcks.countDown();
                            }
                        }
                    } catch (IOException | InterruptedException killed) {
                        // the server died under this request: the client will retry it
                    }
                });
            }
            assertThat(enoughAcks.await(120, TimeUnit.SECONDS)).as("acknowledgements before the kill").isTrue();
            first.kill();
            clients.shutdownNow();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(KILL_AFTER_ACKS).isLessThan(REQUESTS);

        try (VeridictProcess second = VeridictProcess.restartAfterCrash(data, first, Duration.ofSeconds(150))) {
            LedgerClient api = shared[0].at(second.apiPort);
            for (int n = 0; n < REQUESTS; n++) {
                LedgerClient.Answer retry = retryUntilAnswered(api, n);
                JsonNode before = acknowledged.get(keyOf(n));
                if (before != null) {
                    assertThat(retry.status()).as(keyOf(n)).isEqualTo(200);
                    assertThat(retry.json().get("seq")).as(keyOf(n)).isEqualTo(before.get("seq"));
                    assertThat(retry.json().get("chain_hash")).as(keyOf(n)).isEqualTo(before.get("chain_hash"));
                } else {
                    assertThat(retry.status()).as(keyOf(n) + ": " + retry.body()).isIn(200, 201);
                }
            }
            for (int b = 0; b < BATCHES; b++) {
                LedgerClient.Answer retry = retryBatchUntilAnswered(api, b);
                JsonNode before = acknowledgedBatches.get(b);
                if (before != null) {
                    assertThat(retry.status()).as("batch " + b).isEqualTo(200);
                    assertThat(retry.json().get("receipts").findValues("seq")).as("batch " + b)
                            .isEqualTo(before.get("receipts").findValues("seq"));
                } else {
                    assertThat(retry.status()).as("batch " + b + ": " + retry.body()).isIn(200, 201);
                }
            }
            for (String tenant : TENANTS) {
                assertChainHoldsEachDecisionOnce(api, tenant, java.util.stream.IntStream.range(0, REQUESTS)
                        .filter(n -> tenantOf(n).equals(tenant)).count());
            }
            assertChainHoldsEachDecisionOnce(api, BATCH_TENANT, (long) BATCHES * BATCH_SIZE);
        }
        assertThat(acknowledgedBatches).as("batches acknowledged before the kill").isNotEmpty();
    }

    private static LedgerClient.Answer recordBatch(LedgerClient api, int b) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("{\"decisions\":[");
        for (int i = 0; i < BATCH_SIZE; i++) {
            body.append(i == 0 ? "" : ",").append("{\"decision_id\":\"crash-batch-").append(b).append('-').append(i)
                    .append("\",\"context\":{\"b\":").append(b).append("},\"decision\":\"approve\"}");
        }
        return api.post("/v1/decisions/record:batch", BATCH_TENANT, "crash-batch-" + b, body.append("]}").toString());
    }

    private static LedgerClient.Answer retryBatchUntilAnswered(LedgerClient api, int b) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        LedgerClient.Answer answer = recordBatch(api, b);
        while ((answer.status() == 202 || answer.status() == 503) && System.nanoTime() < deadline) {
            answer = recordBatch(api, b);
        }
        return answer;
    }

    /** The tenant's chain: its creation and admin key (seq 0, 1), then each decision exactly once, gapless. */
    private static void assertChainHoldsEachDecisionOnce(LedgerClient api, String tenant, long decisions) throws Exception {
        long expected = decisions + SETUP_ENTRIES;
        JsonNode verified = api.post("/v1/audit/verify", tenant, null, "{}").json();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("entries_checked").asLong()).as(tenant).isEqualTo(expected);

        Set<String> decisionIds = new HashSet<>();
        List<Long> seqs = new ArrayList<>();
        for (long from = 0; from < expected; from += 1000) {
            for (JsonNode entry : api.get("/v1/audit/entries?from_seq=" + from + "&limit=1000", tenant).json().get("entries")) {
                seqs.add(entry.get("seq").asLong());
                JsonNode payload = LedgerClient.JSON.readTree(entry.get("payload").asText());
                if (payload.get("kind").asText().equals("decision")) {
                    decisionIds.add(payload.get("decision_id").asText());
                }
            }
        }
        assertThat(seqs).containsExactlyElementsOf(java.util.stream.LongStream.range(0, expected).boxed().toList());
        assertThat(decisionIds).as("each decision exactly once").hasSize((int) decisions);
    }

    private static LedgerClient.Answer retryUntilAnswered(LedgerClient api, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        LedgerClient.Answer answer = api.record(tenantOf(n), keyOf(n), body(n));
        while ((answer.status() == 202 || answer.status() == 503) && System.nanoTime() < deadline) {
            answer = api.record(tenantOf(n), keyOf(n), body(n));
        }
        return answer;
    }

    private static String tenantOf(int n) {
        return TENANTS.get(n % TENANTS.size());
    }

    private static String keyOf(int n) {
        return "crash-key-" + n;
    }

    private static String body(int n) {
        return "{\"decision_id\":\"crash-" + n + "\",\"context\":{\"n\":" + n + "},\"decision\":\"approve\"}";
    }
}
