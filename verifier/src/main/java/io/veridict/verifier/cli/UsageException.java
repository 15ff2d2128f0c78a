package io.veridict.verifier.cli;

/** The options of {@code veridict verify} cannot be used as given; the message says why. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
