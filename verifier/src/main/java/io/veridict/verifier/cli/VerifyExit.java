package io.veridict.verifier.cli;

/**
 * Ends {@code veridict verify} with a non-zero exit code once the outcome is printed. Thrown
 * out of the command so that Dropwizard's {@code Cli} hands it to the command's
 * {@code onError}, which exits with {@link #code()} instead of printing a stack trace.
 */
public final class VerifyExit extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;

    public VerifyExit(int code) {
        super("veridict verify exits with " + code, null, false, false);
        this.code = code;
    }

    /** @return the process exit code */
    public int code() {
        return code;
    }
}
