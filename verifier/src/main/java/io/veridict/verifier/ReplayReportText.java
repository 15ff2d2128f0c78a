package io.veridict.verifier;

import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.PayloadAccounting;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A {@link ReplayReport} for a human at a terminal: the verdict, the counts and the rate, one
 * line per tenant with its head, then each failure with where it sits and expected versus
 * actual, then each orphan payload. Hashes are printed in full (an auditor records heads).
 *
 * <p>Text from the ledger (tenant ids, details) is printed with control characters escaped,
 * so a forged record cannot drive the terminal. Payload contents never appear.
 */
public final class ReplayReportText {

    private static final HexFormat HEX = HexFormat.of();
    private static final String NL = System.lineSeparator();

    private ReplayReportText() {
    }

    /**
     * @param report the report
     * @return the text, ending with a line separator
     */
    public static String render(ReplayReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Veridict verification: ").append(report.verified() ? "VERIFIED" : "FAILED").append(NL);
        row(out, "Source", safe(report.source()));
        row(out, "Tenants", number(report.tenants().size()));
        row(out, "Entries", number(report.entriesRead()) + " read, " + number(report.entriesVerified()) + " verified");
        long unaccounted = report.tenants().stream().mapToLong(t -> t.payloads().unaccounted()).sum();
        row(out, "Erased payloads", number(report.erasedPayloads()) + (report.erasedPayloads() == 0 ? ""
                : unaccounted == 0 ? ", each named by an erasure record"
                : ", " + number(unaccounted) + " named by no erasure record"));
        if (report.encryptedPayloads() > 0) {
            row(out, "Encrypted", number(report.encryptedPayloads()) + " payloads not checkable without the tenant key");
        }
        row(out, "Orphan payloads", number(report.orphans().size()));
        if (report.pinnedOrNull() != null) {
            PinnedCheckpoint kept = report.pinnedOrNull();
            boolean broken = report.failures().stream().anyMatch(f -> f.kind() == AuditFailure.Kind.CHECKPOINT_TRUNCATED
                    || f.kind() == AuditFailure.Kind.CHECKPOINT_MISMATCH);
            row(out, "Checkpoint", safe(kept.describe()) + (broken ? ": NOT held by this ledger"
                    : report.verified() ? ": the ledger holds this tree and grew from it" : ": not judged (an earlier failure)"));
        }
        if (report.checkpointsRead() >= 0) {
            row(out, "Checkpoints", number(report.checkpointsRead()) + " signed checkpoints read, "
                    + number(report.checkpointsHeld()) + " tree sizes found held");
        }
        row(out, "Failures", number(report.failures().size()));
        row(out, "Rate", number(Math.round(report.entriesPerSecond())) + " entries/s ("
                + String.format(Locale.ROOT, "%.2f", report.elapsed().toMillis() / 1000.0) + " s)");
        tenants(out, report);
        erasures(out, report);
        failures(out, report);
        orphans(out, report);
        return out.toString();
    }

    private static void tenants(StringBuilder out, ReplayReport report) {
        if (report.tenants().isEmpty()) {
            return;
        }
        int width = report.tenants().stream().mapToInt(t -> safe(t.tenantId()).length()).max().orElse(0);
        out.append(NL).append("Tenant heads (status, entries verified, erased, last seq, chain hash, Merkle root):").append(NL);
        for (TenantResult t : report.tenants()) {
            ChainHead head = t.head();
            if (head == null) {
                out.append(String.format(Locale.ROOT, "  %-" + width + "s  %-6s  %s  %s  (no entry in the range: no head)",
                        safe(t.tenantId()), t.verified() ? "OK" : "FAILED", number(t.entriesVerified()),
                        number(t.erasedPayloads()))).append(NL);
                continue;
            }
            out.append(String.format(Locale.ROOT, "  %-" + width + "s  %-6s  %s  %s  %d  %s  %s",
                    safe(t.tenantId()), t.verified() ? "OK" : "FAILED", number(t.entriesVerified()),
                    number(t.erasedPayloads()), head.lastSeq(), HEX.formatHex(head.chainHash()),
                    head.merkleRoot().map(HEX::formatHex).orElse("(root unknown)"))).append(NL);
        }
    }

    private static void erasures(StringBuilder out, ReplayReport report) {
        boolean any = report.tenants().stream().anyMatch(t -> !t.payloads().erasures().isEmpty());
        if (!any) {
            return;
        }
        out.append(NL).append("Erasure records (tenant, seq, operation, absent payloads it accounts for):").append(NL);
        for (TenantResult t : report.tenants()) {
            for (PayloadAccounting.Erasure e : t.payloads().erasures()) {
                out.append("  ").append(safe(t.tenantId())).append("  seq ").append(e.seq()).append("  ")
                        .append(e.operation()).append("  ").append(number(e.erased())).append(NL);
            }
        }
    }

    private static void failures(StringBuilder out, ReplayReport report) {
        int n = 0;
        for (AuditFailure f : report.failures()) {
            if (n == 0) {
                out.append(NL).append("Failures:").append(NL);
            }
            out.append("  ").append(++n).append(". ").append(f.kind())
                    .append("  tenant ").append(f.tenantOrNull() == null ? "(unknown)" : safe(f.tenantOrNull()))
                    .append(f.seqOrNull() == null ? "" : "  seq " + f.seqOrNull()).append(NL);
            detail(out, "at", safe(f.location().describe()));
            if (f.expectedOrNull() != null) {
                detail(out, "expected", safe(f.expectedOrNull()));
            }
            if (f.actualOrNull() != null) {
                detail(out, "actual", safe(f.actualOrNull()));
            }
            detail(out, "why", safe(f.detail()));
        }
    }

    private static void orphans(StringBuilder out, ReplayReport report) {
        if (report.orphans().isEmpty()) {
            return;
        }
        out.append(NL).append("Orphan payloads (no entry refers to them):").append(NL);
        for (OrphanPayload o : report.orphans()) {
            out.append("  tenant ").append(safe(o.tenantId())).append("  seq ").append(o.seq())
                    .append("  at ").append(safe(o.location().describe()))
                    .append(o.payloadHashOrNull() == null ? "" : "  payload_hash " + o.payloadHashOrNull()).append(NL);
        }
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-17s%s", label, value)).append(NL);
    }

    private static void detail(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "     %-9s%s", label, value)).append(NL);
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Escapes control characters (C0, DEL, C1) and invisible format characters (bidi overrides…) as {@code \\uXXXX}. */
    static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
