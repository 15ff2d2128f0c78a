package io.veridict.api.resources;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.cli.VeridictProcess;
import io.veridict.schemas.format.ConsistencyProofVerifier;
import io.veridict.schemas.format.InclusionProofVerifier;
import io.veridict.schemas.format.MerkleTree;
import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteVerifier;
import io.veridict.schemas.note.SignedNote;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.verifier.ExportEntry;
import io.veridict.verifier.ExportHeader;
import io.veridict.verifier.ExportReader;
import io.veridict.verifier.ExportWriter;
import io.veridict.verifier.ProofBundleVerifier;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proofs through the API on a real broker: inclusion and consistency proofs at every size agree
 * with the tree the entries make, checkpoints by size sign those roots, proof bundles verify
 * offline (and with {@code veridict verify --proof}), and bad questions get 4xx with stable codes.
 */
class ProofApiIT {

    private static final String TENANT = "proved";
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    static Path tmp;
    static VeridictProcess stack;
    static LedgerClient api;
    static NoteVerifier key;
    static List<byte[]> leaves;
    static JsonNode lastReceipt;

    @BeforeAll
    static void startStack() throws Exception {
        stack = VeridictProcess.dev(tmp.resolve("data")).start(Duration.ofSeconds(120));
        api = new LedgerClient(stack.apiPort, stack.operatorToken());
        StringJoiner batch = new StringJoiner(",", "{\"decisions\":[", "]}");
        for (int i = 0; i < 35; i++) {
            batch.add("{\"decision_id\":\"batch-" + i + "\",\"context\":{\"i\":" + i + "},\"decision\":\"approve\"}");
        }
        assertThat(api.post("/v1/decisions/record:batch", TENANT, "proof-batch", batch.toString()).status()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            LedgerClient.Answer single = api.record(TENANT, "proof-" + i,
                    "{\"decision_id\":\"single-" + i + "\",\"context\":{\"i\":" + i + "},\"decision\":\"deny\"}");
            assertThat(single.status()).isEqualTo(201);
            lastReceipt = single.json();
        }
        key = NoteVerifier.parse(api.send(HttpRequest.newBuilder(api.base().resolve("/v1/checkpoint-keys")).GET().build())
                .json().get("keys").get(0).get("verifier_key").asText());
        leaves = new ArrayList<>();
        for (JsonNode entry : api.get("/v1/audit/entries?limit=1000", TENANT).json().get("entries")) {
            leaves.add(HEX.parseHex(entry.get("leaf_hash").asText()));
        }
    }

    @AfterAll
    static void stopStack() throws Exception {
        stack.close();
    }

    @Test
    void everyInclusionProofLeadsToTheRootOfItsTreeAndEveryCheckpointBySizeSignsThatRoot() throws Exception {
        int size = leaves.size();
        assertThat(size).isEqualTo(2 + 35 + 3);
        for (int treeSize = 1; treeSize <= size; treeSize++) {
            byte[] root = MerkleTree.root(leaves.subList(0, treeSize));
            Checkpoint signed = checkpoint("?size=" + treeSize);
            assertThat(signed.size()).isEqualTo(treeSize);
            assertThat(signed.rootHash()).isEqualTo(root);
            for (int seq : new int[] {0, treeSize / 2, treeSize - 1}) {
                JsonNode proof = ok(api.get("/v1/audit/proofs/inclusion?seq=" + seq + "&tree_size=" + treeSize, TENANT));
                assertThat(HEX.parseHex(proof.get("root_hash").asText())).isEqualTo(root);
                assertThat(HEX.parseHex(proof.get("leaf_hash").asText())).isEqualTo(leaves.get(seq));
                InclusionProofVerifier.verify(seq, treeSize, leaves.get(seq), hashes(proof.get("proof")), root);
            }
        }
        JsonNode atHead = ok(api.get("/v1/audit/proofs/inclusion?seq=3", TENANT));
        assertThat(atHead.get("tree_size").asLong()).isEqualTo(size);
        assertThat(atHead.get("root_hash").asText()).isEqualTo(api.get("/v1/audit/head", TENANT).json().get("merkle_root").asText());
        assertThat(checkpoint("").rootHash()).isEqualTo(MerkleTree.root(leaves));
    }

    @Test
    void everyOlderTreeIsProvedConsistentWithTheCurrentOne() throws Exception {
        int size = leaves.size();
        byte[] head = MerkleTree.root(leaves);
        for (int from = 0; from <= size; from++) {
            JsonNode proof = ok(api.get("/v1/audit/proofs/consistency?from_size=" + from, TENANT));
            assertThat(proof.get("to_size").asLong()).isEqualTo(size);
            byte[] fromRoot = from == 0 ? MerkleTree.emptyRoot() : MerkleTree.root(leaves.subList(0, from));
            assertThat(HEX.parseHex(proof.get("from_root").asText())).isEqualTo(fromRoot);
            ConsistencyProofVerifier.verify(from, size, fromRoot, head, hashes(proof.get("proof")));
        }
        JsonNode between = ok(api.get("/v1/audit/proofs/consistency?from_size=13&to_size=29", TENANT));
        ConsistencyProofVerifier.verify(13, 29, MerkleTree.root(leaves.subList(0, 13)), MerkleTree.root(leaves.subList(0, 29)),
                hashes(between.get("proof")));
    }

    @Test
    void aDecisionsProofBundleVerifiesOfflineAndTamperingWithItFails() throws Exception {
        String proofUrl = lastReceipt.get("proof_url").asText();
        assertThat(proofUrl).isEqualTo("/v1/decisions/single-2/proof");
        LedgerClient.Answer bundle = api.get(proofUrl, TENANT);
        assertThat(bundle.status()).as(bundle.body()).isEqualTo(200);
        ProofBundleVerifier.Verified verified = ProofBundleVerifier.verify(bundle.body().getBytes(UTF_8), key);
        assertThat(verified.entry().header().seq()).isEqualTo(lastReceipt.get("seq").asLong());
        assertThat(new String(verified.entry().payloadOrNull(), UTF_8)).contains("\"decision_id\":\"single-2\"");
        LedgerClient.Answer inBatch = api.get("/v1/decisions/batch-17/proof", TENANT);
        assertThat(ProofBundleVerifier.verify(inBatch.body().getBytes(UTF_8), key).entry().header().seq()).isEqualTo(2 + 17);

        Path good = Files.writeString(tmp.resolve("single-2.tlog-proof"), bundle.body());
        VeridictProcess.Outcome verifiedByCli = VeridictProcess.runOnce(Duration.ofSeconds(60), "verify", "--proof", good.toString(),
                "--key", key.toString());
        assertThat(verifiedByCli.exitCode()).as(verifiedByCli.stderr()).isZero();
        assertThat(verifiedByCli.stdout()).as("no payload content").startsWith("VERIFIED").doesNotContain("deny");

        String index = "\nindex " + verified.entry().header().seq() + "\n";
        Path moved = Files.writeString(tmp.resolve("moved.tlog-proof"),
                bundle.body().replace(index, "\nindex " + (verified.entry().header().seq() - 1) + "\n"));
        VeridictProcess.Outcome refused = VeridictProcess.runOnce(Duration.ofSeconds(60), "verify", "--proof", moved.toString(),
                "--key", "@" + Files.writeString(tmp.resolve("key.txt"), key + "\n"), "--json");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stdout()).contains("\"code\" : \"INDEX_MISMATCH\"");
    }

    @Test
    void anExportCarriesTheLedgersCheckpointSoAnAppendedForgedEntryFails() throws Exception {
        Path export = Files.writeString(tmp.resolve("proved.ndjson"), api.get("/v1/audit/export", TENANT).body());
        VeridictProcess.Outcome signed = VeridictProcess.runOnce(Duration.ofSeconds(60), "verify", "--file", export.toString(),
                "--key", key.toString(), "--json");
        assertThat(signed.exitCode()).as(signed.stdout() + signed.stderr()).isZero();
        assertThat(signed.stdout()).contains("\"checkpoints_held\" : 1");

        // A forger appends an entry chained after the last one, with every hash right, and fixes header and end line.
        List<ExportEntry> entries = new ArrayList<>();
        String note;
        ExportHeader header;
        try (ExportReader reader = ExportReader.open(Files.newInputStream(export))) {
            header = reader.header();
            for (var next = reader.next(); next.isPresent(); next = reader.next()) {
                entries.add(next.get());
            }
            note = reader.checkpointNoteOrNull();
        }
        assertThat(note).isNotNull();
        EntryHeader last = entries.get(entries.size() - 1).header();
        byte[] payload = "{\"decision\":\"approve\",\"kind\":\"decision\"}".getBytes(UTF_8);
        byte[] salt = new byte[32];
        EntryHeader forged = EntryHeader.seal(last.formatVersion(), TENANT, last.seq() + 1, "forged-entry", "DECISION",
                last.receivedAtMs() + 1, last.recordedAtMs() + 1, null, "forged", LedgerHashes.saltedPayloadHash(salt, payload),
                last.chainHash());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ExportWriter writer = ExportWriter.start(out, new ExportHeader(TENANT, 0, header.toSeq() + 1, header.exportedAt()));
        for (ExportEntry entry : entries) {
            writer.write(entry.header(), entry.payloadOrNull(), entry.saltOrNull());
        }
        writer.write(forged, payload, salt);
        writer.checkpoint(note);
        writer.finish();
        Path appended = Files.write(tmp.resolve("appended.ndjson"), out.toByteArray());

        assertThat(VeridictProcess.runOnce(Duration.ofSeconds(60), "verify", "--file", appended.toString()).exitCode())
                .as("the chain alone cannot tell").isZero();
        VeridictProcess.Outcome caught = VeridictProcess.runOnce(Duration.ofSeconds(60), "verify", "--file", appended.toString(),
                "--key", key.toString());
        assertThat(caught.exitCode()).isEqualTo(1);
        assertThat(caught.stdout()).contains("CHECKPOINT_MISMATCH").contains("are not signed by veridict-dev");
    }

    @Test
    void badQuestionsGetAClientErrorWithAStableCode() throws Exception {
        int size = leaves.size();
        refused("/v1/audit/proofs/inclusion?seq=" + size, 404, "NOT_FOUND");
        refused("/v1/audit/proofs/inclusion?seq=5&tree_size=5", 400, "PROOF_RANGE_INVALID");
        refused("/v1/audit/proofs/inclusion?seq=0&tree_size=0", 400, "PROOF_RANGE_INVALID");
        refused("/v1/audit/proofs/inclusion?seq=1&tree_size=" + (size + 1), 400, "TREE_SIZE_BEYOND_HEAD");
        refused("/v1/audit/proofs/inclusion?seq=1&tree_size=" + Long.MAX_VALUE, 400, "TREE_SIZE_BEYOND_HEAD");
        refused("/v1/audit/proofs/consistency?from_size=9&to_size=8", 400, "PROOF_RANGE_INVALID");
        refused("/v1/audit/proofs/consistency?from_size=" + (size + 1), 400, "TREE_SIZE_BEYOND_HEAD");
        refused("/v1/audit/proofs/consistency?from_size=1&to_size=" + (size + 7), 400, "TREE_SIZE_BEYOND_HEAD");
        refused("/v1/audit/checkpoint?size=" + (size + 1), 400, "TREE_SIZE_BEYOND_HEAD");
        refused("/v1/audit/checkpoint?size=0", 400, "PROOF_RANGE_INVALID");
        for (String bad : List.of("", "-1", "1.5", "0x10", "+3", "99999999999999999999", "%20")) {
            refused("/v1/audit/proofs/inclusion?seq=" + bad, 422, "INVALID_REQUEST");
            refused("/v1/audit/proofs/inclusion?seq=1&tree_size=" + bad + (bad.isEmpty() ? "x" : ""), 422, "INVALID_REQUEST");
            refused("/v1/audit/proofs/consistency?from_size=" + bad, 422, "INVALID_REQUEST");
            refused("/v1/audit/checkpoint?size=" + bad + (bad.isEmpty() ? "x" : ""), 422, "INVALID_REQUEST");
        }
        refused("/v1/audit/proofs/inclusion", 422, "INVALID_REQUEST");
        refused("/v1/decisions/never-recorded/proof", 404, "NOT_FOUND");
        // Another tenant's seqs are not in this tenant's tree: a fresh tenant has none of them.
        refusedFor("fresh-tenant", "/v1/audit/proofs/inclusion?seq=3", 404, "NOT_FOUND");
        refusedFor("fresh-tenant", "/v1/audit/proofs/inclusion?seq=1&tree_size=30", 400, "TREE_SIZE_BEYOND_HEAD");
        refusedFor("fresh-tenant", "/v1/decisions/batch-1/proof", 404, "NOT_FOUND");
    }

    private static void refused(String path, int status, String code) throws Exception {
        refusedFor(TENANT, path, status, code);
    }

    private static void refusedFor(String tenant, String path, int status, String code) throws Exception {
        LedgerClient.Answer answer = api.get(path, tenant);
        assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(status);
        assertThat(answer.json().get("code").asText()).as(path).isEqualTo(code);
        assertThat(answer.json().get("correlation_id").asText()).isNotBlank();
    }

    private static Checkpoint checkpoint(String query) throws Exception {
        LedgerClient.Answer signed = api.get("/v1/audit/checkpoint" + query, TENANT);
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        return Checkpoint.parse(SignedNote.open(signed.body().getBytes(UTF_8), List.of(key)).text());
    }

    private static JsonNode ok(LedgerClient.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        array.forEach(h -> out.add(HEX.parseHex(h.asText())));
        return out;
    }
}
