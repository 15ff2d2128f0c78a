package io.veridict.verifier;

/**
 * A verification could not be carried out: Kafka or the schema registry unreachable within the
 * timeout, a topic missing, access refused. Says nothing about the ledger's integrity; the
 * message names what was unreachable and never holds credentials.
 */
public final class ReplayException extends Exception {

    private static final long serialVersionUID = 1L;

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }

    public ReplayException(String message) {
        super(message);
    }
}
