package io.veridict.verifier;

import io.veridict.schemas.format.ChainFailure;
import java.util.Objects;

/**
 * A verification failure with its evidence: what kind, whose chain, which seq, where the
 * record sits, what was expected and what was found (hashes in lower-case hex). Never holds
 * payload contents.
 *
 * @param kind          stable failure code
 * @param tenantOrNull  the tenant whose chain fails, or null when a record cannot be
 *                      attributed to a tenant (e.g. neither its key nor its value decodes)
 * @param seqOrNull     the seq of the offending entry, or null when unknown
 * @param location      where the offending record sits
 * @param expectedOrNull what the spec and the entries verified so far demand, or null
 * @param actualOrNull  what the record holds, or null
 * @param detail        a human explanation
 * @see "docs/ledger-format.md §9.2 Checks"
 */
public record AuditFailure(Kind kind, String tenantOrNull, Long seqOrNull, RecordLocation location,
                           String expectedOrNull, String actualOrNull, String detail) {

    /** Stable failure codes: the ledger format's own (spec §9.2), then those of reading records. */
    public enum Kind {
        /** Spec §9.2 check 1. */
        UNSUPPORTED_VERSION,
        /** Spec §9.2 check 2. */
        TENANT_MISMATCH,
        /** Spec §9.3: a seq is missing. */
        SEQ_GAP,
        /** Spec §9.3: the previous seq appears again. */
        SEQ_DUPLICATE,
        /** Spec §9.3: entries out of order. */
        SEQ_REORDERED,
        /** Spec §9.2 check 4. */
        PREV_HASH_MISMATCH,
        /** Spec §9.2 check 5. */
        LEAF_HASH_MISMATCH,
        /** Spec §9.2 check 6. */
        CHAIN_HASH_MISMATCH,
        /** Spec §9.2 check 7: the payload present does not hash to the header's payload hash. */
        PAYLOAD_HASH_MISMATCH,
        /** Spec §9.7: a payload is absent and no erasure record names it. */
        PAYLOAD_MISSING,
        /** A record on the entries or payloads topic that cannot be decoded (wire format, schema, Avro). */
        UNREADABLE_RECORD,
        /** An entry outside its tenant's partition: every record of a tenant lives in one partition. */
        WRONG_PARTITION,
        /** An export file that breaks the export format (including a truncated file). */
        MALFORMED_EXPORT,
        /** The ledger holds fewer entries than a signed checkpoint says (one kept with {@code --since}, or the ledger's own). */
        CHECKPOINT_TRUNCATED,
        /** The first entries of the ledger do not make the tree a signed checkpoint signed (one kept, or the ledger's own). */
        CHECKPOINT_MISMATCH,
        /** A checkpoint (on the checkpoints topic, or an export's) that the verifier key did not sign for the tenant it names. */
        CHECKPOINT_FORGED,
        /** An export verified with a verifier key carries no checkpoint: nothing signed vouches for its entries. */
        CHECKPOINT_MISSING
    }

    public AuditFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * The report form of a chain verifier's failure.
     *
     * @param failure  the verifier's first failure
     * @param location where the entry it names sits (its position resolved by the caller)
     * @return the same facts with the location
     */
    public static AuditFailure of(ChainFailure failure, RecordLocation location) {
        return new AuditFailure(Kind.valueOf(failure.kind().name()), failure.tenantId(), failure.seq(), location,
                failure.expected(), failure.actual(), failure.detail());
    }

    /** One line: kind, tenant, seq, location, expected, actual, detail. */
    @Override
    public String toString() {
        return kind + " tenant=" + tenantOrNull + " seq=" + seqOrNull + " at " + location.describe()
                + " expected=" + expectedOrNull + " actual=" + actualOrNull + ": " + detail;
    }
}
