package io.veridict.verifier;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.schemas.format.MerkleTree;
import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteSigner;
import io.veridict.schemas.note.SignedNote;
import io.veridict.verifier.TestChains.Link;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code veridict verify --file EXPORT --since CHECKPOINT}: the tampering a chain alone cannot show. */
class PinnedCheckpointTest {

    private static final NoteSigner LEDGER = NoteSigner.of("ledger.example", filled(7));
    private static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path dir;

    private final List<Link> ledger = TestChains.chain("acme", 10);

    @Test
    void aLedgerThatGrewFromTheKeptTreeHoldsIt() throws Exception {
        ReplayReport report = verify(ledger, keep(ledger, 6));
        assertThat(report.verified()).isTrue();
        assertThat(report.pinnedOrNull().checkpoint().size()).isEqualTo(6);
        assertThat(ReplayReportText.render(report)).contains("the ledger holds this tree and grew from it");
        assertThat(ReplayReportJson.toJson(report).get("checkpoint").get("held").asBoolean()).isTrue();
        assertThat(verify(ledger, keep(ledger, 10)).verified()).as("exactly the kept tree").isTrue();
    }

    @Test
    void aTruncatedTailFailsAtTheLastEntryLeft() throws Exception {
        ReplayReport report = verify(ledger.subList(0, 7), keep(ledger, 9));
        assertThat(report.verified()).isFalse();
        AuditFailure failure = report.failures().get(0);
        assertThat(failure.kind()).isEqualTo(AuditFailure.Kind.CHECKPOINT_TRUNCATED);
        assertThat(failure.seqOrNull()).isEqualTo(6L);
        assertThat(failure.location().describe()).endsWith("line 8"); // the header is line 1
        assertThat(failure.detail()).contains("entries 7..8 were removed");
        assertThat(ReplayReportText.render(report)).contains("NOT held by this ledger");
    }

    @Test
    void aRewriteFromSomeSeqOnWithEveryHashRecomputedFails() throws Exception {
        List<Link> rewritten = rewriteFrom(ledger, 3);
        assertThat(ExportVerifier.verify(write(rewritten), ReplayProgress.NONE).verified())
                .as("the chain alone cannot show it").isTrue();

        ReplayReport report = verify(rewritten, keep(ledger, 8));
        AuditFailure failure = report.failures().get(0);
        assertThat(failure.kind()).isEqualTo(AuditFailure.Kind.CHECKPOINT_MISMATCH);
        assertThat(failure.seqOrNull()).isEqualTo(7L);
        assertThat(failure.detail()).contains("seqs 0..7").contains("not those");
        assertThat(verify(rewritten, keep(ledger, 3)).verified()).as("the entries before the rewrite still match").isTrue();
    }

    @Test
    void aCheckpointOfAnotherKeyOrTenantIsRefused() throws Exception {
        Path foreign = dir.resolve("foreign.checkpoint");
        Files.writeString(foreign, SignedNote.sign(new Checkpoint("ledger.example/acme", 3,
                MerkleTree.root(leaves(ledger.subList(0, 3)))).text(), List.of(NoteSigner.of("ledger.example", filled(9)))));
        assertThatThrownBy(() -> PinnedCheckpoint.read(foreign, LEDGER.verifier())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not one ledger.example signed");
        Path otherTenant = dir.resolve("globex.checkpoint");
        Files.writeString(otherTenant, SignedNote.sign(new Checkpoint("ledger.example/globex", 3,
                MerkleTree.root(leaves(ledger.subList(0, 3)))).text(), List.of(LEDGER)));
        ReplayReport report = ExportVerifier.verify(write(ledger), ReplayProgress.NONE,
                PinnedCheckpoint.read(otherTenant, LEDGER.verifier()));
        assertThat(report.failures().get(0).kind()).isEqualTo(AuditFailure.Kind.CHECKPOINT_MISMATCH);
        Path noTenant = dir.resolve("origin.checkpoint");
        Files.writeString(noTenant, SignedNote.sign(new Checkpoint("ledger.example", 3,
                MerkleTree.root(leaves(ledger.subList(0, 3)))).text(), List.of(LEDGER)));
        assertThatThrownBy(() -> PinnedCheckpoint.read(noTenant, LEDGER.verifier())).hasMessageContaining("<key name>/<tenant id>");
    }

    @Test
    void aChainFailureIsReportedBeforeTheCheckpoint() throws Exception {
        List<Link> broken = new ArrayList<>(ledger.subList(0, 5));
        broken.set(2, new Link(TestChains.withCorrelationId(broken.get(2).header(), "forged"), broken.get(2).payload(),
                broken.get(2).salt()));
        ReplayReport report = verify(broken, keep(ledger, 9));
        assertThat(report.failures()).hasSize(1);
        assertThat(report.failures().get(0).kind()).isEqualTo(AuditFailure.Kind.LEAF_HASH_MISMATCH);
        assertThat(ReplayReportText.render(report)).contains("not judged");
    }

    @Test
    void anExportCarriesTheLedgersCheckpointOfItsTreeAndTheKeyChecksIt() throws Exception {
        String signed = note(ledger, 10, LEDGER);
        ReplayReport good = ExportVerifier.verify(write(ledger, signed), ReplayProgress.NONE, null, LEDGER.verifier());
        assertThat(good.verified()).as(String.valueOf(good.failures())).isTrue();
        assertThat(good.checkpointsRead()).isEqualTo(1);
        assertThat(good.checkpointsHeld()).isEqualTo(1);
        assertThat(ExportVerifier.verify(write(ledger, signed), ReplayProgress.NONE).verified()).as("no key: not judged").isTrue();

        assertThat(carried(ledger, null)).isEqualTo(AuditFailure.Kind.CHECKPOINT_MISSING);
        assertThat(carried(ledger, note(ledger, 10, NoteSigner.of("ledger.example", filled(9)))))
                .isEqualTo(AuditFailure.Kind.CHECKPOINT_FORGED);
        assertThat(carried(ledger.subList(0, 8), signed)).as("the tail cut, the line kept")
                .isEqualTo(AuditFailure.Kind.CHECKPOINT_TRUNCATED);
        List<Link> appended = new ArrayList<>(TestChains.chain("acme", 11));
        assertThat(carried(appended, signed)).as("an entry appended after the ledger signed")
                .isEqualTo(AuditFailure.Kind.CHECKPOINT_MISMATCH);
        assertThat(carried(rewriteFrom(ledger, 4), signed)).as("rewritten, hashes recomputed")
                .isEqualTo(AuditFailure.Kind.CHECKPOINT_MISMATCH);
    }

    @Test
    void aCheckpointLineIsAFormatErrorBeforeVersion3OrBeforeAnEntry() throws Exception {
        String signed = note(ledger, 10, LEDGER);
        String text = Files.readString(write(ledger, signed));
        Path v2 = Files.writeString(dir.resolve("v2.ndjson"), text.replace("\"version\":3", "\"version\":2"));
        assertThat(ExportVerifier.verify(v2, ReplayProgress.NONE).failures().get(0).kind())
                .isEqualTo(AuditFailure.Kind.MALFORMED_EXPORT);
        String[] lines = text.split("\n");
        String checkpointLine = lines[lines.length - 2];
        List<String> moved = new ArrayList<>(Arrays.asList(lines));
        moved.remove(lines.length - 2);
        moved.add(3, checkpointLine);
        Path early = Files.writeString(dir.resolve("early.ndjson"), String.join("\n", moved) + "\n");
        assertThat(ExportVerifier.verify(early, ReplayProgress.NONE).failures().get(0).detail())
                .contains("an entry line after the checkpoint line");
    }

    private AuditFailure.Kind carried(List<Link> links, String noteOrNull) throws Exception {
        ReplayReport report = ExportVerifier.verify(write(links, noteOrNull), ReplayProgress.NONE, null, LEDGER.verifier());
        assertThat(report.verified()).isFalse();
        return report.failures().get(0).kind();
    }

    private Path write(List<Link> links, String noteOrNull) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ExportWriter writer = ExportWriter.start(out, new ExportHeader("acme", 0, links.size() - 1, AT));
        for (Link link : links) {
            writer.write(link.header(), link.payload(), link.salt());
        }
        if (noteOrNull != null) {
            writer.checkpoint(noteOrNull);
        }
        writer.finish();
        return Files.write(Files.createTempFile(dir, "acme", ".ndjson"), out.toByteArray());
    }

    private static String note(List<Link> links, int size, NoteSigner key) {
        return SignedNote.sign(new Checkpoint("ledger.example/acme", size, MerkleTree.root(leaves(links.subList(0, size)))).text(),
                List.of(key));
    }

    private ReplayReport verify(List<Link> links, Path checkpoint) throws Exception {
        return ExportVerifier.verify(write(links), ReplayProgress.NONE, PinnedCheckpoint.read(checkpoint, LEDGER.verifier()));
    }

    private Path write(List<Link> links) throws Exception {
        Path file = Files.createTempFile(dir, "acme", ".ndjson");
        Files.write(file, ExportFormatTest.export(new ExportHeader("acme", 0, links.size() - 1, AT), links, -1));
        return file;
    }

    private Path keep(List<Link> links, int size) throws Exception {
        Path file = Files.createTempFile(dir, "kept", ".checkpoint");
        String note = SignedNote.sign(new Checkpoint("ledger.example/acme", size, MerkleTree.root(leaves(links.subList(0, size))))
                .text(), List.of(LEDGER));
        return Files.writeString(file, note, UTF_8);
    }

    /** The ledger with the payload of {@code from} changed and every later hash recomputed. */
    private static List<Link> rewriteFrom(List<Link> links, int from) {
        List<Link> out = new ArrayList<>(links.subList(0, from));
        byte[] prev = links.get(from).header().prevChainHash();
        for (int seq = from; seq < links.size(); seq++) {
            EntryHeader h = links.get(seq).header();
            byte[] payload = seq == from ? "{\"decision\":\"deny\"}".getBytes(UTF_8) : links.get(seq).payload();
            byte[] salt = links.get(seq).salt();
            EntryHeader sealed = EntryHeader.seal(h.formatVersion(), h.tenantId(), seq, h.entryId(), h.entryType(),
                    h.receivedAtMs(), h.recordedAtMs(), h.actorKeyIdOrNull(), h.correlationId(),
                    LedgerHashes.payloadHash(LedgerFormat.CURRENT_VERSION, payload, salt), prev);
            out.add(new Link(sealed, payload, salt));
            prev = sealed.chainHash();
        }
        return out;
    }

    private static List<byte[]> leaves(List<Link> links) {
        return links.stream().map(l -> l.header().leafHash()).toList();
    }

    private static byte[] filled(int n) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) n);
        return seed;
    }
}
