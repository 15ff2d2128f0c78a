package io.veridict.api.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.veridict.verifier.cli.Verify;
import io.veridict.verifier.cli.VerifyExit;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code veridict verify}: the auditor's tool ({@link Verify}), also built on its own as
 * {@code verifier/target/veridict-verifier.jar}. Non-zero exit codes are set with
 * {@code System.exit} from {@link #onError}, after the output is flushed, because Dropwizard's
 * {@code Application} ends every failed command with exit code 1.
 */
public final class VerifyCommand extends Command {

    /** Every tenant verified. */
    public static final int EXIT_VERIFIED = Verify.EXIT_VERIFIED;
    /** At least one verification failure. */
    public static final int EXIT_FAILED = Verify.EXIT_FAILED;
    /** No verdict: usage error, Kafka or registry unreachable, missing topic or file. */
    public static final int EXIT_UNUSABLE = Verify.EXIT_UNUSABLE;

    public VerifyCommand() {
        super("verify", "Verifies tenants' hash chains from the Kafka topics or an export file");
    }

    @Override
    public void configure(Subparser subparser) {
        Verify.configure(subparser);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        int code = Verify.run(namespace);
        if (code != EXIT_VERIFIED) {
            throw new VerifyExit(code);
        }
    }

    /** Exits with the outcome's code; anything else is a bug, reported as such (exit 2). */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        VerdictExit.exit("verify", e);
    }
}
