package io.veridict.schemas.format;

/**
 * A chain did not verify. Thrown by {@link ChainVerification#requireValid()}; carries the
 * first failure with its evidence.
 *
 * @see "docs/ledger-format.md §9 Verifying a chain"
 */
public final class ChainVerificationException extends LedgerFormatException {

    private final transient ChainFailure failure;

    ChainVerificationException(ChainFailure failure) {
        super("chain verification failed: " + failure);
        this.failure = failure;
    }

    /** @return the first failure, with kind, seq, position, expected and actual values */
    public ChainFailure failure() {
        return failure;
    }
}
