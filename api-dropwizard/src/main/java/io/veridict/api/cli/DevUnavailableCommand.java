package io.veridict.api.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code veridict dev} where the dev stack is not installed, as in the service image: it takes
 * the options of the real command and refuses in one line, exit 1 (see {@link DevClasspath}).
 */
final class DevUnavailableCommand extends Command {

    static final String MESSAGE = "veridict dev: the dev stack (an embedded Kafka broker and schema registry) is not part"
            + " of this installation; run the service with `veridict server config.yml` against your Kafka,"
            + " or ./veridict dev from a source checkout";

    DevUnavailableCommand() {
        super("dev", "Not part of this installation: the one-JVM dev stack runs from a source checkout (./veridict dev)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("file").nargs("?").help("application configuration file");
        DevOption.addAllTo(subparser);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        throw new IllegalStateException(MESSAGE);
    }

    /** A refusal is one line, not a stack trace; the exit code stays 1. */
    @Override
    @SuppressWarnings("SystemOut")
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        System.err.println(e.getMessage());
    }
}
