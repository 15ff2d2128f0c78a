package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.cli.VeridictProcess;
import io.veridict.dev.testing.FilesHolding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encryption at rest, end to end on the dev stack: decisions recorded through the API (one alone,
 * two in a batch) with unique marker strings are read back in the clear through the API and an
 * export, while no file under the data folder (the broker's log segments of every topic, the
 * state stores, their changelogs) holds a marker, during the run and after a clean stop; after a
 * restart with the state folder deleted (the data keys come back from their changelog, the
 * payloads from their topic), they read back again.
 */
class EncryptionAtRestIT {

    @TempDir
    Path tmp;

    @Test
    void shouldKeepEveryRecordedPayloadOutOfEveryFileWhileTheTenantReadsItInTheClear() throws Exception {
        Path data = tmp.resolve("data");
        // Random, so that no part of a marker repeats anything else stored (and no compression hides it).
        String single = "Qz" + UUID.randomUUID().toString().replace("-", "");
        String batched = "Qb" + UUID.randomUUID().toString().replace("-", "");
        String metadata = "Qm" + UUID.randomUUID().toString().replace("-", "");
        LedgerClient api;
        try (VeridictProcess stack = VeridictProcess.dev(data).start(Duration.ofSeconds(120))) {
            api = new LedgerClient(stack.apiPort, stack.operatorToken());
            LedgerClient.Answer one = api.record("sealed", "k-1", "{\"decision_id\":\"d-1\",\"context\":{\"note\":\""
                    + single + "\"},\"decision\":\"approve\",\"metadata\":{\"m\":\"" + metadata + "\"}}");
            assertThat(one.status()).as(one.body()).isEqualTo(201);
            LedgerClient.Answer batch = api.post("/v1/decisions/record:batch", "sealed", "b-1", "{\"decisions\":["
                    + "{\"decision_id\":\"d-2\",\"context\":{\"note\":\"" + batched + "-a\"},\"decision\":\"deny\"},"
                    + "{\"decision_id\":\"d-3\",\"context\":{\"note\":\"" + batched + "-b\"},\"decision\":\"approve\"}]}");
            assertThat(batch.status()).as(batch.body()).isIn(200, 201);

            assertReadableInTheClear(api, single, batched, metadata);
            List<String> markers = List.of(single, batched, metadata);
            for (String marker : markers) {
                assertThat(FilesHolding.text(data, marker)).as("files holding %s while the service runs", marker).isEmpty();
            }
            assertThat(stack.stop()).as("a clean stop flushes every store").isIn(0, 143);
            for (String marker : markers) {
                assertThat(FilesHolding.text(data, marker)).as("files holding %s after a clean stop", marker).isEmpty();
            }
        }
        assertThat(Files.readString(data.resolve("secrets/keks"), StandardCharsets.US_ASCII)).startsWith("dev-kek-1:");
        // The data keys' only home is their changelog topic: a lost state folder loses nothing.
        deleteRecursively(data.resolve("streams"));

        try (VeridictProcess stack = VeridictProcess.dev(data).start(Duration.ofSeconds(120))) {
            assertReadableInTheClear(api.at(stack.apiPort), single, batched, metadata);
            JsonNode verified = api.at(stack.apiPort).post("/v1/audit/verify", "sealed", null, "").json();
            assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
            assertThat(verified.get("erased_payloads").asLong()).isZero();
        }
    }

    private static void deleteRecursively(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void assertReadableInTheClear(LedgerClient api, String single, String batched, String metadata)
            throws Exception {
        JsonNode first = api.get("/v1/decisions/d-1", "sealed").json();
        assertThat(first.get("payload").asText()).contains(single, metadata);
        assertThat(first.get("payload_salt").asText()).hasSize(64);
        assertThat(api.get("/v1/decisions/d-3", "sealed").json().get("payload").asText()).contains(batched + "-b");
        String export = api.get("/v1/audit/export", "sealed").body();
        assertThat(export).contains(single, batched + "-a", batched + "-b", metadata);
    }
}
