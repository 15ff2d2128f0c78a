package io.veridict.api.cli;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.veridict.api.auth.AuthFactory;
import io.veridict.api.auth.TokenFormat;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code veridict operator-token}: makes a new operator token and prints it with the hash the
 * service's {@code auth.operatorTokenSha256} (env {@code VERIDICT_OPERATOR_TOKEN_SHA256}) takes.
 * The service only ever holds the hash.
 */
public final class OperatorTokenCommand extends Command {

    public OperatorTokenCommand() {
        super("operator-token", "Makes a new operator token and prints it with the hash the service is configured with");
    }

    @Override
    public void configure(Subparser subparser) {
        // no options
    }

    @Override
    @SuppressWarnings("SystemOut")
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        String token = TokenFormat.newOperatorToken();
        System.out.println("# Keep the token secret (a password manager); configure the service with the hash.");
        System.out.println("export VERIDICT_OPERATOR_TOKEN=" + token);
        System.out.println("export VERIDICT_OPERATOR_TOKEN_SHA256=" + AuthFactory.hashOperatorToken(token));
    }
}
