package io.veridict.api.cli;

import io.veridict.verifier.cli.Verify;
import io.veridict.verifier.cli.VerifyExit;

/**
 * How a command that gives a verdict ({@code verify}, {@code reevaluate}) ends: with the exit code
 * its {@link VerifyExit} carries, after the output is flushed, because Dropwizard's
 * {@code Application} ends every failed command with exit code 1; anything else is a bug,
 * reported as such with exit code 2 (no verdict).
 */
final class VerdictExit {

    private VerdictExit() {
    }

    static void exit(String command, Throwable e) {
        int code = Verify.EXIT_UNUSABLE;
        if (e instanceof VerifyExit exit) {
            code = exit.code();
        } else {
            System.err.println("veridict " + command + ": unexpected error, no verdict:");
            e.printStackTrace(System.err);
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
