package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.cli.VeridictProcess;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the stack while a retention run is on its way, a restart on the same data,
 * and runs until nothing is due: every due payload is erased exactly once (the runs'
 * {@code RETENTION_APPLIED} ranges are disjoint and cover every due decision), none is skipped,
 * and the chain verifies with every erasure counted.
 */
class RetentionCrashIT {

    private static final String TENANT = "shred";
    private static final int BATCHES = 10;
    private static final int BATCH_SIZE = 100;

    @TempDir
    Path tmp;

    @Test
    void shouldEraseEveryDuePayloadExactlyOnceAcrossAKill() throws Exception {
        Path data = tmp.resolve("data");
        LedgerClient api;
        VeridictProcess first = dev(data).start(Duration.ofSeconds(120));
        try (first) {
            api = new LedgerClient(first.apiPort, first.operatorToken());
            api.keyOf(TENANT);
            String bob = api.post("/v1/keys", TENANT, null, "{\"scopes\":[\"retention:approve\"],\"holder\":\"bob\"}")
                    .json().get("key").asText();
            String proposal = api.send(HttpRequest.newBuilder(api.base().resolve("/v1/retention/policy"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + api.keyOf(TENANT)).header("X-Veridict-Tenant-Id", TENANT)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"rules\":[{\"entry_type\":\"DECISION\",\"retain\":\"PT1S\"}]}"))
                    .build()).json().get("proposal_id").asText();
            LedgerClient.Answer approved = api.send(HttpRequest.newBuilder(api.base().resolve("/v1/retention/proposals/"
                            + proposal + "/approve")).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + bob)
                    .header("X-Veridict-Tenant-Id", TENANT).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            for (int b = 0; b < BATCHES; b++) {
                int batch = b;
                String body = IntStream.range(0, BATCH_SIZE)
                        .mapToObj(i -> "{\"context\":{\"n\":" + (batch * BATCH_SIZE + i) + "},\"decision\":true}")
                        .collect(Collectors.joining(",", "{\"decisions\":[", "]}"));
                LedgerClient.Answer answer = api.post("/v1/decisions/record:batch", TENANT, "batch-" + b, body);
                assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            }
            long due = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (api.get("/v1/retention/plan", TENANT).json().get("would_erase").asInt() < BATCHES * BATCH_SIZE) {
                assertThat(System.nanoTime()).as("payloads to fall due").isLessThan(due);
                Thread.sleep(100);
            }
            LedgerClient client = api;
            CompletableFuture.runAsync(() -> {
                try {
                    client.post("/v1/retention/runs", TENANT, null, "");
                } catch (Exception killed) {
                    // the stack is killed under it
                }
            });
            // Deliberately no condition: the kill lands wherever the run is (not sent, in its
            // transaction, or committed); the assertions hold in every case.
            Thread.sleep(150);
            first.kill();
        }

        try (VeridictProcess second = VeridictProcess.restartAfterCrash(data, first, Duration.ofSeconds(150))) {
            LedgerClient again = api.at(second.apiPort);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (again.post("/v1/retention/runs", TENANT, null, "").json().get("erased").asInt() > 0) {
                assertThat(System.nanoTime()).isLessThan(deadline);
            }
            Set<Long> decisions = new TreeSet<>();
            List<long[]> erasedRanges = new ArrayList<>();
            long total = 0;
            for (JsonNode e : again.get("/v1/audit/entries?from_seq=0&limit=1000", TENANT).json().get("entries")) {
                collect(e, decisions, erasedRanges);
            }
            for (JsonNode e : again.get("/v1/audit/entries?from_seq=1000&limit=1000", TENANT).json().get("entries")) {
                collect(e, decisions, erasedRanges);
            }
            Set<Long> erased = new TreeSet<>();
            for (long[] range : erasedRanges) {
                for (long seq = range[0]; seq <= range[1]; seq++) {
                    assertThat(erased.add(seq)).as("seq %d erased twice", seq).isTrue();
                    total++;
                }
            }
            assertThat(decisions).hasSize(BATCHES * BATCH_SIZE);
            assertThat(erased).as("every due payload erased, none skipped").isEqualTo(decisions);
            assertThat(total).isEqualTo(BATCHES * BATCH_SIZE);
            JsonNode verified = again.post("/v1/audit/verify", TENANT, null, "").json();
            assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
            assertThat(verified.get("erased_payloads").asLong()).isEqualTo(BATCHES * BATCH_SIZE);
            assertThat(verified.get("unaccounted_payloads").asLong()).as("each named by its run's record").isZero();
        }
    }

    private static void collect(JsonNode entry, Set<Long> decisions, List<long[]> erasedRanges) throws Exception {
        if (entry.get("entry_type").asText().equals("DECISION")) {
            decisions.add(entry.get("seq").asLong());
            assertThat(entry.get("payload").isNull()).as("payload of seq %s", entry.get("seq")).isTrue();
        }
        if (entry.get("entry_type").asText().equals("RETENTION_OPERATION") && !entry.get("payload").isNull()) {
            JsonNode payload = LedgerClient.JSON.readTree(entry.get("payload").asText());
            if (payload.get("operation").asText().equals("RETENTION_APPLIED")) {
                payload.get("ranges").forEach(r -> erasedRanges.add(new long[] {r.get(0).asLong(), r.get(1).asLong()}));
            }
        }
    }

    private static VeridictProcess dev(Path data) {
        return VeridictProcess.dev(data).withEnv("VERIDICT_RETENTION_RUN_INTERVAL", "1h");
    }
}
