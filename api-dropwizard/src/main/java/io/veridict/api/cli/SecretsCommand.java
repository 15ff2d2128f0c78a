package io.veridict.api.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.veridict.api.auth.AuthFactory;
import io.veridict.api.auth.TokenFormat;
import io.veridict.streams.crypto.LocalKms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.regex.Pattern;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code veridict secrets --out FILE}: makes every secret a deployment needs and writes them as an
 * environment file ({@code NAME=value} lines, mode 600) that {@code docker compose} and
 * {@code veridict server} read: the key pepper, a key-encryption key, the checkpoint signing key
 * and the operator token's hash. The operator token itself is printed once, on stdout, and kept
 * nowhere. An existing file is never overwritten: secrets that were used cannot be replaced by
 * new ones without losing what they protect.
 */
public final class SecretsCommand extends Command {

    private static final Pattern LOG_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public SecretsCommand() {
        super("secrets", "Makes a deployment's secrets and writes them to a new environment file (mode 600)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--out").dest("out").required(true).metavar("FILE")
                .help("the environment file to create, e.g. docker/.env (refused if it exists)");
        subparser.addArgument("--log-name").dest("logName").setDefault("veridict").metavar("NAME")
                .help("the ledger's name in its signed checkpoints (origin NAME/<tenant>); it never changes afterwards");
    }

    @Override
    @SuppressWarnings("SystemOut")
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws IOException {
        Path out = Path.of(namespace.getString("out"));
        String logName = namespace.getString("logName");
        if (!LOG_NAME.matcher(logName).matches()) {
            throw new IllegalArgumentException("--log-name must be 1 to 100 of A-Z a-z 0-9 . _ -");
        }
        String token = TokenFormat.newOperatorToken();
        String text = "# Veridict secrets, made " + Instant.now() + ". Keep this file secret; every instance needs the same values.\n"
                + "VERIDICT_KEY_PEPPER=" + NewSecrets.pepper() + "\n"
                + "VERIDICT_KEKS=" + LocalKms.generate("kek-1") + "\n"
                + "VERIDICT_CHECKPOINT_KEY=" + NewSecrets.checkpointKey(logName) + "\n"
                + "VERIDICT_OPERATOR_TOKEN_SHA256=" + AuthFactory.hashOperatorToken(token) + "\n";
        write(out, text);
        System.out.println("# Wrote " + out + " (mode 600). The operator token, shown only now; the service keeps its hash:");
        System.out.println("export VERIDICT_OPERATOR_TOKEN=" + token);
    }

    /** A refusal is one line, not a stack trace; the exit code stays 1. */
    @Override
    @SuppressWarnings("SystemOut")
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        System.err.println("veridict secrets: " + e.getMessage());
    }

    private static void write(Path out, String text) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try {
            Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(out);
        } catch (FileAlreadyExistsException exists) {
            throw new IllegalStateException(out + " exists: secrets in use are not replaced; choose another file");
        }
        Files.writeString(out, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
