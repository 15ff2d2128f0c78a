package io.veridict.schemas.format;

import java.util.Optional;

/**
 * The outcome of a {@link ChainVerifier} run: how many entries passed every check, how many of
 * those had their payload erased, the head after the last entry that passed, and the first
 * failure if any.
 *
 * @see "docs/ledger-format.md §9 Verifying a chain"
 */
public final class ChainVerification {

    private final long entriesChecked;
    private final long erasedPayloads;
    private final ChainHead head;
    private final ChainFailure failure;
    private final PayloadAccounting.Result payloads;

    ChainVerification(long entriesChecked, long erasedPayloads, ChainHead head, ChainFailure failure,
                      PayloadAccounting.Result payloads) {
        this.entriesChecked = entriesChecked;
        this.erasedPayloads = erasedPayloads;
        this.head = head;
        this.failure = failure;
        this.payloads = payloads;
    }

    /**
     * The account of the absent payloads (spec §9.7): per erasure record, how many it accounts
     * for, and those no record names. Empty for a verifier that does not account payloads
     * ({@link ChainVerifier#headersOnly()}).
     *
     * @return the account
     */
    public PayloadAccounting.Result payloads() {
        return payloads;
    }

    /** @return whether every entry fed passed every check */
    public boolean isValid() {
        return failure == null;
    }

    /** @return the number of entries that passed every check (those before the first failure) */
    public long entriesChecked() {
        return entriesChecked;
    }

    /** @return how many of the checked entries were fed without their payload (erased) */
    public long erasedPayloads() {
        return erasedPayloads;
    }

    /** @return the head after the last entry that passed: seq, chain hash, Merkle root and size */
    public ChainHead head() {
        return head;
    }

    /** @return the first failure, or empty if the chain is valid */
    public Optional<ChainFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Returns the verified head, or throws with the evidence of the first failure.
     *
     * @return the head after the last entry
     * @throws ChainVerificationException if any entry failed a check
     */
    public ChainHead requireValid() {
        if (failure != null) {
            throw new ChainVerificationException(failure);
        }
        return head;
    }

    @Override
    public String toString() {
        return "ChainVerification[checked=" + entriesChecked + " erased=" + erasedPayloads + " head=" + head
                + (failure == null ? " valid" : " failure=" + failure) + "]";
    }
}
