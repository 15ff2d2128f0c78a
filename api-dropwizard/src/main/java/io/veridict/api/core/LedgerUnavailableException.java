package io.veridict.api.core;

/** The ledger cannot be read right now (stores rebalancing or restoring); retry shortly. */
public class LedgerUnavailableException extends RuntimeException {

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
