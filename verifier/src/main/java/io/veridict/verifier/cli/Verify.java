package io.veridict.verifier.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.note.NoteFormatException;
import io.veridict.schemas.note.NoteVerifier;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistryException;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import io.veridict.verifier.ExportVerifier;
import io.veridict.verifier.PinnedCheckpoint;
import io.veridict.verifier.ReplayException;
import io.veridict.verifier.ReplayProgress;
import io.veridict.verifier.ReplayReport;
import io.veridict.verifier.ReplayReportJson;
import io.veridict.verifier.ReplayReportText;
import io.veridict.verifier.ReplaySettings;
import io.veridict.verifier.TopicReplayVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * The auditor's verification, as {@code veridict verify} and the standalone verifier jar run it.
 * Replays the ledger's entries and payloads topics (every tenant, or those given with
 * {@code --tenant}) or reads an export file ({@code --file}), verifies each tenant's hash chain,
 * payload hashes and Merkle tree, and prints a summary on stdout: text, or one JSON document
 * with {@code --json}. With {@code --proof BUNDLE --key VERIFIER_KEY} it checks one decision's
 * proof bundle offline instead. On a terminal a progress bar with the rate is drawn on stderr.
 * Payload contents are never printed.
 *
 * <p>Exit codes: {@value #EXIT_VERIFIED} everything verifies; {@value #EXIT_FAILED} a
 * verification failure (a broken chain, an unreadable record, an orphan payload, a malformed
 * export); {@value #EXIT_UNUSABLE} nothing could be verified (bad options, Kafka or the
 * registry unreachable within {@code --timeout}, a missing topic or file).
 */
public final class Verify {

    /** Every tenant verified. */
    public static final int EXIT_VERIFIED = 0;
    /** At least one verification failure. */
    public static final int EXIT_FAILED = 1;
    /** No verdict: usage error, Kafka or registry unreachable, missing topic or file. */
    public static final int EXIT_UNUSABLE = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_REGISTRY_CONNECT = Duration.ofSeconds(5);

    private Verify() {
    }

    /** Adds the options to {@code parser}. */
    public static void configure(ArgumentParser parser) {
        VerifyOptions.addTo(parser);
    }

    /** Runs the verification the options ask for and returns its exit code. */
    public static int run(Namespace namespace) throws IOException {
        StderrLogging.install();
        boolean json = Boolean.TRUE.equals(namespace.getBoolean("json"));
        try {
            VerifyOptions options = VerifyOptions.from(namespace);
            if (options.proofOrNull() != null) {
                ProofCheck.Outcome outcome = ProofCheck.run(options.proofOrNull(), options.keys());
                print(json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(outcome.json()) + System.lineSeparator()
                        : outcome.text());
                return outcome.ok() ? EXIT_VERIFIED : EXIT_FAILED;
            }
            ReplayReport report = verify(options);
            print(json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ReplayReportJson.toJson(report))
                    + System.lineSeparator() : ReplayReportText.render(report));
            return report.verified() ? EXIT_VERIFIED : EXIT_FAILED;
        } catch (UsageException | ReplayException | IOException | SchemaRegistryException | IllegalArgumentException e) {
            unusable(e.getMessage(), json);
            return EXIT_UNUSABLE;
        }
    }

    private static ReplayReport verify(VerifyOptions options) throws IOException, ReplayException {
        PinnedCheckpoint pinned = pinned(options);
        if (options.fileOrNull() != null) {
            try {
                List<NoteVerifier> keys = keys(options);
                return withProgress(options, progress -> ExportVerifier.verify(options.fileOrNull(), progress, pinned, keys));
            } catch (IOException e) {
                throw new IOException("cannot read " + options.fileOrNull() + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
            }
        }
        SchemaRegistryClient registry = new SchemaRegistryClient(SchemaRegistrySettings.forUrl(options.registryUrl())
                .withTimeouts(min(MAX_REGISTRY_CONNECT, options.timeout()), options.timeout())
                .withRetries(1, Duration.ofMillis(200), Duration.ofSeconds(1)));
        probe(registry, options);
        ReplaySettings settings = ReplaySettings.forPrefix(options.bootstrapServers(), options.topicPrefix())
                .withTenants(options.tenants())
                .withTimeout(options.timeout())
                .withConsumerOverrides(options.consumerConfig());
        TopicReplayVerifier replay = new TopicReplayVerifier(settings, registry);
        if (pinned != null) {
            replay.since(pinned);
        }
        if (!options.keys().isEmpty()) {
            replay.checkpointsSignedBy(keys(options));
        }
        return withProgress(options, replay::verify);
    }

    /** The verifier keys of {@code --key}. */
    private static List<NoteVerifier> keys(VerifyOptions options) {
        List<NoteVerifier> keys = new java.util.ArrayList<>();
        for (String text : options.keys()) {
            try {
                keys.add(NoteVerifier.parse(text));
            } catch (NoteFormatException e) {
                throw new IllegalArgumentException("--key is not a signed-note verifier key (name+id+base64): " + e.getMessage());
            }
        }
        return keys;
    }

    /** The checkpoint of {@code --since}, opened with {@code --key}; null without {@code --since}. */
    private static PinnedCheckpoint pinned(VerifyOptions options) throws IOException {
        if (options.sinceOrNull() == null) {
            return null;
        }
        try {
            return PinnedCheckpoint.read(options.sinceOrNull(), keys(options));
        } catch (IOException e) {
            throw new IOException("cannot read " + options.sinceOrNull() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    /** Fails fast when the registry does not answer; a refusal (4xx) still proves it is there. */
    private static void probe(SchemaRegistryClient registry, VerifyOptions options) throws ReplayException {
        try {
            registry.globalCompatibility();
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == SchemaRegistryException.NO_HTTP_STATUS || e.httpStatus() >= 500) {
                throw new ReplayException("the schema registry at " + options.registryUrl() + " did not answer within "
                        + options.timeout().toSeconds() + " s: " + e.getMessage(), e);
            }
        }
    }

    private interface Verification {
        ReplayReport run(ReplayProgress progress) throws IOException, ReplayException;
    }

    private static ReplayReport withProgress(VerifyOptions options, Verification verification)
            throws IOException, ReplayException {
        if (!options.progress() || options.json() || System.console() == null) {
            return verification.run(ReplayProgress.NONE);
        }
        try (ProgressBars bars = new ProgressBars(System.err)) {
            return verification.run(bars);
        }
    }

    private static void unusable(String message, boolean json) throws IOException {
        write(System.err, "veridict verify: " + message + System.lineSeparator());
        if (json) {
            ObjectNode error = JSON.createObjectNode();
            error.putNull("verified");
            error.put("error", message);
            print(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(error) + System.lineSeparator());
        }
    }

    private static void print(String text) {
        write(System.out, text);
    }

    /** Writes UTF-8 whatever the platform charset, so tenant ids print as they are. */
    private static void write(PrintStream stream, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        stream.write(bytes, 0, bytes.length);
        stream.flush();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
