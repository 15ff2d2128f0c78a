package io.veridict.schemas.format;

/**
 * The first failure found by a {@link ChainVerifier}, with its evidence.
 *
 * <p>{@code expected} is what the spec and the entries verified so far demand; {@code actual}
 * is what the entry under test holds. Hashes are lower-case hex, seqs and versions decimal.
 * For {@link Kind#PAYLOAD_HASH_MISMATCH}, {@code expected} is the header's payload hash (the
 * header is already verified by then) and {@code actual} the hash of the payload bytes.
 *
 * @param kind     stable failure code
 * @param tenantId the tenant being verified
 * @param seq      the seq carried by the offending entry
 * @param position the caller's position info for that entry (e.g. a Kafka offset), or
 *                 {@link ChainVerifier#UNKNOWN_POSITION}
 * @param expected expected value, as text
 * @param actual   actual value, as text
 * @param detail   human-readable explanation
 * @see "docs/ledger-format.md §9 Verifying a chain"
 */
public record ChainFailure(Kind kind, String tenantId, long seq, long position, String expected,
                           String actual, String detail) {

    /** Stable failure codes, in the order the checks run. */
    public enum Kind {
        /** The entry's {@code format_version} is not one this verifier implements. */
        UNSUPPORTED_VERSION,
        /** The entry belongs to another tenant. */
        TENANT_MISMATCH,
        /** The expected seq is missing: the entry carries a higher seq, and the next entry does not fill the hole. */
        SEQ_GAP,
        /** The entry repeats the seq of the entry just before it (identical copy or conflicting entry). */
        SEQ_DUPLICATE,
        /** Entries are out of order: a swapped pair, or a seq lower than that of the previous entry. */
        SEQ_REORDERED,
        /** The entry's {@code prev_chain_hash} is not the chain hash of the previous entry (or genesis). */
        PREV_HASH_MISMATCH,
        /** The stored leaf hash differs from the one recomputed from the header fields. */
        LEAF_HASH_MISMATCH,
        /** The stored chain hash differs from {@code H(0x02 || prev || leaf)}. */
        CHAIN_HASH_MISMATCH,
        /** The payload is present and its SHA-256 differs from the header's payload hash. */
        PAYLOAD_HASH_MISMATCH,
        /** Spec §9.7: a payload is absent and no erasure record names it. */
        PAYLOAD_MISSING
    }

    /** One line with every field, for logs and exception messages. */
    @Override
    public String toString() {
        return kind + " tenant=" + tenantId + " seq=" + seq
                + (position == ChainVerifier.UNKNOWN_POSITION ? "" : " position=" + position)
                + " expected=" + expected + " actual=" + actual + ": " + detail;
    }
}
