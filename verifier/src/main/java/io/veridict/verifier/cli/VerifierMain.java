package io.veridict.verifier.cli;

import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code java -jar veridict-verifier.jar [options]}: {@code veridict verify} without the service,
 * for auditors. Same options, output and exit codes ({@link Verify}).
 */
public final class VerifierMain {

    private VerifierMain() {
    }

    public static void main(String[] args) {
        ArgumentParser parser = ArgumentParsers.newFor("veridict-verifier").build()
                .description("Verifies tenants' hash chains from the Kafka topics or an export file, or one proof bundle");
        Verify.configure(parser);
        int code;
        try {
            Namespace namespace = parser.parseArgs(args);
            code = Verify.run(namespace);
        } catch (ArgumentParserException e) {
            parser.handleError(e);
            code = Verify.EXIT_UNUSABLE;
        } catch (Exception | Error e) {
            System.err.println("veridict-verifier: unexpected error, no verdict:");
            e.printStackTrace(System.err);
            code = Verify.EXIT_UNUSABLE;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
