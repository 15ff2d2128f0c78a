package io.veridict.schemas.format;

/**
 * Base of every failure raised by the ledger format library. Subclasses carry the evidence
 * (reason codes, expected and computed values); this class itself is thrown for malformed
 * encodings, for example a {@link MerkleFrontier} that cannot be parsed.
 */
public class LedgerFormatException extends RuntimeException {

    /**
     * Creates an exception with a human-readable message.
     *
     * @param message what went wrong, with the values involved
     */
    public LedgerFormatException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a human-readable message and the underlying cause.
     *
     * @param message what went wrong, with the values involved
     * @param cause   the lower-level failure
     */
    public LedgerFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
