package io.veridict.verifier;

import java.time.Instant;
import java.util.Objects;

/**
 * The first line of an export: whose entries it holds and which seqs.
 *
 * <p>An export holds every entry of one tenant from {@code fromSeq} to {@code toSeq}
 * inclusive, in seq order. An empty export has {@code toSeq = fromSeq - 1}.
 *
 * @param tenantId   the tenant
 * @param fromSeq    seq of the first entry, {@code >= 0}
 * @param toSeq      seq of the last entry, {@code >= fromSeq - 1}
 * @param exportedAt when the export was made
 * @see "docs/export-format.md"
 */
public record ExportHeader(String tenantId, long fromSeq, long toSeq, Instant exportedAt) {

    /**
     * Validates the range.
     *
     * @throws IllegalArgumentException if {@code fromSeq < 0} or {@code toSeq < fromSeq - 1}
     */
    public ExportHeader {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(exportedAt, "exportedAt");
        if (fromSeq < 0) {
            throw new IllegalArgumentException("from_seq must not be negative: " + fromSeq);
        }
        if (toSeq < fromSeq - 1) {
            throw new IllegalArgumentException("to_seq " + toSeq + " is before from_seq " + fromSeq);
        }
    }

    /** @return how many entry lines the export holds: {@code toSeq - fromSeq + 1} */
    public long entryCount() {
        return toSeq - fromSeq + 1;
    }
}
