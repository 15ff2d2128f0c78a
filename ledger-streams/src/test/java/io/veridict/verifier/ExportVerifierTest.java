package io.veridict.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.format.LedgerHashes;
import io.veridict.schemas.format.MerkleTree;
import io.veridict.verifier.AuditFailure.Kind;
import io.veridict.verifier.RecordLocation.FileLine;
import io.veridict.verifier.TestChains.Link;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportVerifierTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    private static final HexFormat HEX = HexFormat.of();

    /** Five decisions, then (seq 5) the erasure record of the run that erased the payload of seq 2. */
    private final List<Link> chain = withErasureRecord();

    private static List<Link> withErasureRecord() {
        List<Link> links = new ArrayList<>(TestChains.chain("acme", 5));
        TestChains.appendErasureRecord(links, 2);
        return links;
    }

    @Test
    void shouldFailAnExportWithAnAbsentPayloadNoErasureRecordNamesAtItsLine() throws IOException {
        ReplayReport report = verify(ExportFormatTest.export(new ExportHeader("acme", 0, 5, AT), chain, 3));

        assertThat(report.verified()).isFalse();
        AuditFailure failure = report.failures().get(0);
        assertThat(failure.kind()).isEqualTo(Kind.PAYLOAD_MISSING);
        assertThat(failure.seqOrNull()).isEqualTo(3);
        assertThat(failure.location()).isEqualTo(new FileLine("acme.ndjson", 5));
        assertThat(report.tenants().get(0).entriesVerified()).isEqualTo(6);
        assertThat(report.tenants().get(0).payloads().erasures())
                .containsExactly(new io.veridict.schemas.format.PayloadAccounting.Erasure(5, "RETENTION_APPLIED", 0));
    }

    @Test
    void shouldVerifyAWholeExportAndReportTheHeadAndMerkleRoot() throws IOException {
        List<long[]> progress = new ArrayList<>();
        ReplayReport report = verify(ExportFormatTest.export(new ExportHeader("acme", 0, 5, AT), chain, 2),
                (phase, done, total) -> progress.add(new long[] {done, total}));

        assertThat(report.verified()).isTrue();
        assertThat(report.entriesRead()).isEqualTo(6);
        assertThat(report.source()).isEqualTo("file acme.ndjson");
        TenantResult acme = report.tenants().get(0);
        assertThat(acme.tenantId()).isEqualTo("acme");
        assertThat(acme.entriesVerified()).isEqualTo(6);
        assertThat(acme.erasedPayloads()).isEqualTo(1);
        assertThat(acme.payloads().accounted()).isEqualTo(1);
        assertThat(acme.head().chainHash()).isEqualTo(chain.get(5).header().chainHash());
        assertThat(acme.head().merkleRoot()).hasValueSatisfying(root -> assertThat(root)
                .isEqualTo(MerkleTree.root(chain.stream().map(l -> l.header().leafHash()).toList())));
        assertThat(progress).last().satisfies(p -> assertThat(p).containsExactly(6, 6));
    }

    @Test
    void shouldVerifyAnEmptyPartialRangeWithoutNamingAHead() throws IOException {
        ReplayReport report = verify(ExportFormatTest.export(new ExportHeader("acme", 4, 3, AT), List.of(), -1));

        assertThat(report.verified()).isTrue();
        assertThat(report.tenants().get(0).entriesVerified()).isZero();
        assertThat(report.tenants().get(0).head()).as("no entry line to take a head from").isNull();
        assertThat(ReplayReportJson.toJson(report).get("tenants").get(0).get("head").isNull()).isTrue();
        assertThat(ReplayReportText.render(report)).contains("(no entry in the range: no head)");
        assertThat(verify(ExportFormatTest.export(new ExportHeader("acme", 0, -1, AT), List.of(), -1)).tenants().get(0)
                .head().size()).as("an empty export from seq 0 is the empty tree").isZero();
    }

    @Test
    void shouldVerifyARangeFromItsFirstPrevChainHashWithoutAMerkleRoot() throws IOException {
        ReplayReport report = verify(ExportFormatTest.export(new ExportHeader("acme", 3, 5, AT), chain.subList(3, 6), -1));

        assertThat(report.verified()).isTrue();
        TenantResult acme = report.tenants().get(0);
        assertThat(acme.entriesVerified()).isEqualTo(3);
        assertThat(acme.head().size()).isEqualTo(6);
        assertThat(acme.head().chainHash()).isEqualTo(chain.get(5).header().chainHash());
        assertThat(acme.head().merkleRoot()).isEmpty();
    }

    @Test
    void shouldPinpointAnAlteredPayloadByLine() throws IOException {
        String text = new String(ExportFormatTest.export(new ExportHeader("acme", 0, 5, AT), chain, -1), StandardCharsets.UTF_8);
        byte[] tampered = text.replace("Zoë 4", "Zoë 9").getBytes(StandardCharsets.UTF_8);

        ReplayReport report = verify(tampered);

        assertThat(report.verified()).isFalse();
        AuditFailure failure = report.failures().get(0);
        assertThat(failure.kind()).isEqualTo(Kind.PAYLOAD_HASH_MISMATCH);
        assertThat(failure.tenantOrNull()).isEqualTo("acme");
        assertThat(failure.seqOrNull()).isEqualTo(4);
        assertThat(failure.location()).isEqualTo(new FileLine("acme.ndjson", 6));
        assertThat(failure.expectedOrNull()).isEqualTo(HEX.formatHex(chain.get(4).header().payloadHash()));
        byte[] alteredPayload = new String(TestChains.payload(4), StandardCharsets.UTF_8).replace("Zoë 4", "Zoë 9")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(failure.actualOrNull()).isEqualTo(HEX.formatHex(LedgerHashes.saltedPayloadHash(TestChains.salt(4), alteredPayload)));
        assertThat(report.tenants().get(0).entriesVerified()).isEqualTo(4);
        assertThat(report.tenants().get(0).verified()).isFalse();
    }

    @Test
    void shouldReportTheGapRatherThanTheEndCountWhenAnEntryLineIsRemoved() throws IOException {
        List<String> lines = lines(ExportFormatTest.export(new ExportHeader("acme", 0, 5, AT), chain, -1));
        lines.remove(3); // seq 2

        ReplayReport report = verify(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));

        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.SEQ_GAP);
            assertThat(f.seqOrNull()).isEqualTo(3);
            assertThat(f.location()).isEqualTo(new FileLine("acme.ndjson", 4));
            assertThat(f.expectedOrNull()).isEqualTo("2");
        });
    }

    @Test
    void shouldReportATruncatedFileAsMalformedAfterItsLastLine() throws IOException {
        List<String> lines = lines(ExportFormatTest.export(new ExportHeader("acme", 0, 5, AT), chain, -1));

        ReplayReport report = verify(String.join("\n", lines.subList(0, 5)).getBytes(StandardCharsets.UTF_8));

        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.MALFORMED_EXPORT);
            assertThat(f.tenantOrNull()).isEqualTo("acme");
            assertThat(f.location()).isEqualTo(new FileLine("acme.ndjson", 6));
            assertThat(f.detail()).contains("truncated");
        });
        assertThat(report.tenants().get(0).entriesVerified()).isEqualTo(4);
    }

    @Test
    void shouldReportAFileThatIsNoExportWithoutATenant() throws IOException {
        ReplayReport report = verify("hello\n".getBytes(StandardCharsets.UTF_8));

        assertThat(report.tenants()).isEmpty();
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.MALFORMED_EXPORT);
            assertThat(f.tenantOrNull()).isNull();
            assertThat(f.location()).isEqualTo(new FileLine("acme.ndjson", 1));
        });
    }

    @Test
    void shouldReportAnAlteredHeaderAsALeafHashMismatch() throws IOException {
        List<Link> tampered = new ArrayList<>(chain);
        tampered.set(1, new Link(TestChains.withCorrelationId(chain.get(1).header(), "req-forged"), chain.get(1).payload(),
                chain.get(1).salt()));

        ReplayReport report = verify(ExportFormatTest.export(new ExportHeader("acme", 0, 5, AT), tampered, -1));

        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.LEAF_HASH_MISMATCH);
            assertThat(f.seqOrNull()).isEqualTo(1);
            assertThat(f.location()).isEqualTo(new FileLine("acme.ndjson", 3));
            assertThat(f.actualOrNull()).isEqualTo(HEX.formatHex(chain.get(1).header().leafHash()));
        });
    }

    private static ReplayReport verify(byte[] file) throws IOException {
        return verify(file, ReplayProgress.NONE);
    }

    private static ReplayReport verify(byte[] file, ReplayProgress progress) throws IOException {
        return ExportVerifier.verify(new ByteArrayInputStream(file), "acme.ndjson", progress);
    }

    private static List<String> lines(byte[] file) {
        return new ArrayList<>(Arrays.asList(new String(file, StandardCharsets.UTF_8).split("\n")));
    }
}
