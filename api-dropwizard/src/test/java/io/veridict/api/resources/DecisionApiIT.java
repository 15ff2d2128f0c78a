package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.cli.VeridictProcess;
import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteFormatException;
import io.veridict.schemas.note.NoteVerifier;
import io.veridict.schemas.note.SignedNote;
import io.veridict.verifier.ExportVerifier;
import io.veridict.verifier.ReplayProgress;
import io.veridict.verifier.ReplayReport;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording and reading decisions over real HTTP against `veridict dev` on a real broker. */
class DecisionApiIT {

    private static final String DECISION = """
            {"decision_id":"%s","context":{"applicant":"a-17","amount":250.5},"decision":{"approved":false},
             "policy":{"id":"credit-limit","version":"7"},
             "violations":[{"rule_id":"limit.daily","severity":"HIGH","message":"over the daily limit"}],
             "metadata":{"channel":"web"},"evidence":[{"uri":"s3://bucket/doc-1.pdf","media_type":"application/pdf"}]}""";

    @TempDir
    static Path tmp;
    static VeridictProcess stack;
    static LedgerClient api;

    @BeforeAll
    static void startStack() throws Exception {
        stack = VeridictProcess.dev(tmp.resolve("data")).start(Duration.ofSeconds(120));
        api = new LedgerClient(stack.apiPort, stack.operatorToken());
    }

    @AfterAll
    static void stopStack() throws Exception {
        stack.close();
    }

    @Test
    void shouldRecordADecisionAndAnswerItsReceiptThenTheSameReceiptOnRetry() throws Exception {
        LedgerClient.Answer first = api.record("acme", "rec-1", DECISION.formatted("loan-1"));
        LedgerClient.Answer retry = api.record("acme", "rec-1", DECISION.formatted("loan-1"));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonNode receipt = first.json();
        assertThat(receipt.get("status").asText()).isEqualTo("chained");
        assertThat(receipt.get("tenant_id").asText()).isEqualTo("acme");
        assertThat(receipt.get("decision_id").asText()).isEqualTo("loan-1");
        assertThat(receipt.get("chain_hash").asText()).hasSize(64);
        assertThat(receipt.get("correlation_id").asText()).isEqualTo(first.correlationId());
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("status").asText()).isEqualTo("duplicate");
        assertThat(retry.json().get("seq")).isEqualTo(receipt.get("seq"));
        assertThat(retry.json().get("entry_id")).isEqualTo(receipt.get("entry_id"));

        JsonNode read = api.get("/v1/decisions/loan-1", "acme").json();
        assertThat(read.get("seq")).isEqualTo(receipt.get("seq"));
        assertThat(read.get("chain_hash")).isEqualTo(receipt.get("chain_hash"));
        assertThat(LedgerClient.JSON.readTree(read.get("payload").asText()).get("context").get("applicant").asText())
                .isEqualTo("a-17");
        // Format version 2: the payload hash commits under the salt the API hands back with the payload.
        byte[] payload = read.get("payload").asText().getBytes(StandardCharsets.UTF_8);
        byte[] salt = HexFormat.of().parseHex(read.get("payload_salt").asText());
        assertThat(read.get("format_version").asInt()).isEqualTo(2);
        assertThat(HexFormat.of().formatHex(io.veridict.schemas.format.LedgerHashes.saltedPayloadHash(salt, payload)))
                .isEqualTo(read.get("payload_hash").asText())
                .isNotEqualTo(HexFormat.of().formatHex(io.veridict.schemas.format.LedgerHashes.payloadHash(payload)));
    }

    @Test
    void shouldRefuseTheSameIdempotencyKeyWithAnotherBodyAndATakenDecisionId() throws Exception {
        assertThat(api.record("acme", "rec-2", DECISION.formatted("loan-2")).status()).isEqualTo(201);

        LedgerClient.Answer reused = api.record("acme", "rec-2", DECISION.formatted("loan-2b"));
        LedgerClient.Answer taken = api.record("acme", "rec-3", DECISION.formatted("loan-2"));

        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(reused.json().get("correlation_id").asText()).isEqualTo(reused.correlationId());
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("code").asText()).isEqualTo("DECISION_ID_TAKEN");
    }

    @Test
    void shouldRecordABatchWithOneReceiptPerDecisionInOrder() throws Exception {
        String batch = IntStream.range(0, 5).mapToObj(i -> DECISION.formatted("batch-" + i))
                .collect(Collectors.joining(",", "{\"decisions\":[", "]}"));

        LedgerClient.Answer answer = api.post("/v1/decisions/record:batch", "globex", "batch-1", batch);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode receipts = answer.json().get("receipts");
        assertThat(receipts).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(receipts.get(i).get("decision_id").asText()).isEqualTo("batch-" + i);
            if (i > 0) {
                assertThat(receipts.get(i).get("seq").asLong()).isEqualTo(receipts.get(i - 1).get("seq").asLong() + 1);
                assertThat(receipts.get(i).get("prev_chain_hash")).isEqualTo(receipts.get(i - 1).get("chain_hash"));
            }
        }
    }

    @Test
    void shouldRefuseBadInputWithAStableCodeAndLetNothingReachTheLedger() throws Exception {
        long before = api.get("/v1/audit/head", "initech").json().get("size").asLong();
        String tooDeep = "{\"context\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + ",\"decision\":1}";
        String tooManyFields = IntStream.range(0, 6000).mapToObj(i -> "\"f" + i + "\":1")
                .collect(Collectors.joining(",", "{\"context\":{", "},\"decision\":1}"));
        String oversized = "{\"context\":{\"blob\":\"" + "x".repeat(60_000) + "\"},\"decision\":1,\"metadata\":{"
                + IntStream.range(0, 20).mapToObj(i -> "\"m" + i + "\":\"" + "y".repeat(60_000) + "\"").collect(Collectors.joining(",")) + "}}";
        String tooBigBatch = IntStream.range(0, 501).mapToObj(i -> "{\"context\":{},\"decision\":1}")
                .collect(Collectors.joining(",", "{\"decisions\":[", "]}"));
        record Case(String name, LedgerClient.Answer answer, int status, String code) { }
        List<Case> cases = List.of(
                new Case("malformed", api.record("initech", "bad-1", "{\"context\":{},"), 400, "MALFORMED_JSON"),
                new Case("wrong type", api.record("initech", "bad-2", "{\"context\":\"x\",\"decision\":1}"), 422, "INVALID_REQUEST"),
                new Case("duplicate key", api.record("initech", "bad-3", "{\"context\":{},\"decision\":1,\"decision\":2}"), 400, "DUPLICATE_JSON_KEY"),
                new Case("non-finite", api.record("initech", "bad-4", "{\"context\":{},\"decision\":NaN}"), 400, "NON_FINITE_NUMBER"),
                new Case("invalid utf-8", api.postBytes("/v1/decisions/record", "initech", "bad-5",
                        "{\"context\":{\"a\":\"\u00ff\"},\"decision\":1}".getBytes(StandardCharsets.ISO_8859_1)), 400, "INVALID_UTF8"),
                new Case("too large", api.record("initech", "bad-6", oversized), 413, "BODY_TOO_LARGE"),
                new Case("too deep", api.record("initech", "bad-7", tooDeep), 400, "NESTING_TOO_DEEP"),
                new Case("too many fields", api.record("initech", "bad-8", tooManyFields), 400, "TOO_MANY_FIELDS"),
                new Case("bad tenant header", api.record("Initech!", "bad-9", "{\"context\":{},\"decision\":1}"), 400, "INVALID_TENANT_HEADER"),
                new Case("no idempotency key", api.record("initech", null, "{\"context\":{},\"decision\":1}"), 400, "MISSING_IDEMPOTENCY_KEY"),
                new Case("batch too large", api.post("/v1/decisions/record:batch", "initech", "bad-10", tooBigBatch), 413, "BATCH_TOO_LARGE"));

        for (Case c : cases) {
            assertThat(c.answer().status()).as(c.name() + ": " + c.answer().body()).isEqualTo(c.status());
            JsonNode error = c.answer().json();
            assertThat(error.get("code").asText()).as(c.name()).isEqualTo(c.code());
            assertThat(error.get("correlation_id").asText()).as(c.name()).isEqualTo(c.answer().correlationId());
            assertThat(c.answer().body()).as(c.name()).doesNotContain("Exception", "\tat ");
        }
        assertThat(api.get("/v1/audit/head", "initech").json().get("size").asLong()).isEqualTo(before);
    }

    @Test
    void shouldPageExportAndVerifyATenantsEntriesAndKeepOtherTenantsOut() throws Exception {
        for (int i = 0; i < 7; i++) {
            assertThat(api.record("umbrella", "page-" + i, DECISION.formatted("u-" + i)).status()).isEqualTo(201);
        }

        // The tenant's ledger opens with its creation and its admin key (seq 0 and 1): 9 entries.
        JsonNode firstPage = api.get("/v1/audit/entries?from_seq=0&limit=5", "umbrella").json();
        JsonNode secondPage = api.get("/v1/audit/entries?from_seq=" + firstPage.get("next_from_seq").asLong() + "&limit=5", "umbrella").json();
        JsonNode head = api.get("/v1/audit/head", "umbrella").json();
        JsonNode verified = api.post("/v1/audit/verify", "umbrella", null, "{}").json();
        LedgerClient.Answer export = api.get("/v1/audit/export", "umbrella");

        assertThat(firstPage.get("entries")).hasSize(5);
        assertThat(firstPage.get("entries").get(0).get("entry_type").asText()).isEqualTo("TENANT_OPERATION");
        assertThat(firstPage.get("entries").get(1).get("entry_type").asText()).isEqualTo("KEY_OPERATION");
        assertThat(secondPage.get("entries")).hasSize(4);
        assertThat(secondPage.get("next_from_seq").isNull()).isTrue();
        assertThat(head.get("size").asLong()).isEqualTo(9);
        assertThat(head.get("chain_hash")).isEqualTo(secondPage.get("entries").get(3).get("chain_hash"));
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("entries_checked").asLong()).isEqualTo(9);
        assertThat(verified.get("head").get("merkle_root")).isEqualTo(head.get("merkle_root"));
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body().lines()).as("header, 9 entries, the signed checkpoint, end").hasSize(12);
        assertThat(export.body().lines().toList().get(10)).startsWith("{\"type\":\"checkpoint\",\"note\":\"veridict-dev/umbrella\\n9\\n");
        ReplayReport offline = ExportVerifier.verify(new ByteArrayInputStream(export.body().getBytes(StandardCharsets.UTF_8)),
                "umbrella.ndjson", ReplayProgress.NONE);
        assertThat(offline.verified()).as(offline.failures().toString()).isTrue();
        assertThat(offline.entriesVerified()).isEqualTo(9);
        assertThat(api.get("/v1/audit/entries/3", "umbrella").json().get("seq").asLong()).isEqualTo(3);

        LedgerClient.Answer foreign = api.get("/v1/decisions/u-1", "acme");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("umbrella");
        assertThat(api.get("/v1/audit/entries/9999", "umbrella").status()).isEqualTo(404);
    }

    @Test
    void shouldServeACheckpointOfTheTenantsHeadSignedWithThePublishedKey() throws Exception {
        String tenant = "checkpointed";
        for (int i = 0; i < 3; i++) {
            assertThat(api.record(tenant, "cp-" + i, DECISION.formatted("cp-" + i)).status()).isEqualTo(201);
        }
        LedgerClient.Answer keys = api.send(HttpRequest.newBuilder(api.base().resolve("/v1/checkpoint-keys"))
                .timeout(Duration.ofSeconds(30)).GET().build());
        assertThat(keys.status()).as("no credentials needed").isEqualTo(200);
        NoteVerifier key = NoteVerifier.parse(
                keys.json().get("keys").get(0).get("verifier_key").asText());
        assertThat(key.name()).isEqualTo("veridict-dev");

        LedgerClient.Answer signed = api.get("/v1/audit/checkpoint", tenant);
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        SignedNote.Opened opened = SignedNote.open(
                signed.body().getBytes(StandardCharsets.UTF_8), List.of(key));
        Checkpoint checkpoint = Checkpoint.parse(opened.text());
        JsonNode head = api.get("/v1/audit/head", tenant).json();
        assertThat(checkpoint.origin()).isEqualTo("veridict-dev/" + tenant);
        assertThat(checkpoint.size()).isEqualTo(head.get("size").asLong());
        assertThat(HexFormat.of().formatHex(checkpoint.rootHash())).isEqualTo(head.get("merkle_root").asText());

        String forged = signed.body().replace("\n" + checkpoint.size() + "\n", "\n" + (checkpoint.size() + 1) + "\n");
        assertThatThrownBy(() -> SignedNote.open(
                forged.getBytes(StandardCharsets.UTF_8), List.of(key)))
                .isInstanceOf(NoteFormatException.class);
        assertThat(api.send(HttpRequest.newBuilder(api.base().resolve("/v1/audit/checkpoint"))
                .header("X-Veridict-Tenant-Id", tenant).timeout(Duration.ofSeconds(30)).GET().build()).status())
                .as("a tenant's checkpoint needs its key").isEqualTo(401);
    }
}
