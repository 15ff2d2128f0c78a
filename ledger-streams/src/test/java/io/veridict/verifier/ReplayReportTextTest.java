package io.veridict.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.schemas.format.ChainHead;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayReportTextTest {

    private static final String NL = System.lineSeparator();

    @Test
    void shouldSummariseCountsRateHeadsFailuresAndOrphans() {
        ReplayReport report = ReportFixtures.failed();
        String text = ReplayReportText.render(report);
        String acmeHash = HexFormat.of().formatHex(ReportFixtures.head("acme", 3).chainHash());
        String acmeRoot = HexFormat.of().formatHex(ReportFixtures.head("acme", 3).merkleRoot().orElseThrow());

        assertThat(text).startsWith("Veridict verification: FAILED" + NL
                + "Source           kafka localhost:9092 veridict.entries, veridict.payloads" + NL
                + "Tenants          2" + NL
                + "Entries          7 read, 5 verified" + NL
                + "Erased payloads  1, each named by an erasure record" + NL
                + "Orphan payloads  1" + NL
                + "Failures         2" + NL
                + "Rate             14 entries/s (0.50 s)" + NL);
        assertThat(text).contains("  acme    OK      3  1  2  " + acmeHash + "  " + acmeRoot + NL);
        assertThat(text).contains("  globex  FAILED  2  0  1  " + ReportFixtures.CHAIN_HASH + "  (root unknown)" + NL);
        assertThat(text).contains("Erasure records (tenant, seq, operation, absent payloads it accounts for):" + NL
                + "  acme  seq 2  RETENTION_APPLIED  1" + NL);
        assertThat(text).contains("  1. PAYLOAD_HASH_MISMATCH  tenant globex  seq 2" + NL
                + "     at       veridict.payloads partition 1 offset 41" + NL
                + "     expected " + ReportFixtures.EXPECTED + NL
                + "     actual   " + ReportFixtures.ACTUAL + NL
                + "     why      SHA-256 of the payload differs" + NL);
        assertThat(text).contains("  2. UNREADABLE_RECORD  tenant (unknown)" + NL
                + "     at       veridict.entries partition 2 offset 9" + NL
                + "     why      entry record that cannot be decoded, nor can its key" + NL);
        assertThat(text).endsWith("Orphan payloads (no entry refers to them):" + NL
                + "  tenant acme  seq 3  at veridict.payloads partition 0 offset 12  payload_hash " + ReportFixtures.ACTUAL + NL);
    }

    @Test
    void shouldSayVerifiedAndNameTheFileLineOfAFormatError() {
        assertThat(ReplayReportText.render(ReportFixtures.verifiedFile())).startsWith("Veridict verification: VERIFIED" + NL)
                .doesNotContain("Failures:").doesNotContain("Orphan payloads (");
        assertThat(ReplayReportText.render(ReportFixtures.malformedFile()))
                .contains("  1. MALFORMED_EXPORT  tenant acme" + NL + "     at       export.ndjson line 5" + NL);
    }

    @Test
    void shouldEscapeControlAndBidiCharactersFromTheLedger() {
        String tenant = "evil\u001b[2J\u202e";
        ReplayReport report = new ReplayReport("file x", 0,
                List.of(new TenantResult(tenant, 0, 0, 0, ChainHead.genesis(tenant), true)), List.of(), List.of(), Duration.ZERO);

        assertThat(ReplayReportText.render(report)).contains("  evil\\u001b[2J\\u202e  OK  ").doesNotContain("\u001b");
    }
}
