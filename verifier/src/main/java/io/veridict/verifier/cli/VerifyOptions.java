package io.veridict.verifier.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.ArgumentParser;

/**
 * The options of {@code veridict verify}. Defaults point at the {@code veridict dev} stack, so
 * that {@code veridict verify} alone verifies every tenant there.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param registryUrl      schema registry base URL (any Confluent-compatible registry)
 * @param topicPrefix      prefix of the ledger's topics
 * @param tenants          tenants to verify; empty: all
 * @param fileOrNull       an export file to verify instead of Kafka
 * @param json             print one JSON document instead of text
 * @param progress         whether a progress bar may be drawn (still only on a terminal)
 * @param timeout          how long to wait for Kafka and the registry
 * @param consumerConfig   extra Kafka consumer configs (security settings), from a properties file
 * @param proofOrNull      a proof bundle to check offline instead of a ledger
 * @param keys             the checkpoint verifier keys checkpoints are checked against (empty: none)
 * @param sinceOrNull      a signed checkpoint kept from an earlier audit, which the ledger must still hold
 */
public record VerifyOptions(String bootstrapServers, String registryUrl, String topicPrefix, List<String> tenants,
                            Path fileOrNull, boolean json, boolean progress, Duration timeout,
                            Map<String, Object> consumerConfig, Path proofOrNull, List<String> keys, Path sinceOrNull) {

    static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    static final String DEFAULT_REGISTRY = "http://localhost:8081";
    static final String DEFAULT_PREFIX = "veridict.";
    static final int DEFAULT_TIMEOUT_SECONDS = 15;

    /** Declares the options on the {@code verify} subcommand. */
    public static void addTo(ArgumentParser subparser) {
        subparser.addArgument("--bootstrap-servers").dest("bootstrap").setDefault(DEFAULT_BOOTSTRAP)
                .metavar("HOST:PORT").help("Kafka bootstrap servers");
        subparser.addArgument("--registry-url").dest("registry").setDefault(DEFAULT_REGISTRY)
                .metavar("URL").help("schema registry URL (any Confluent-compatible registry)");
        subparser.addArgument("--topic-prefix").dest("prefix").setDefault(DEFAULT_PREFIX)
                .metavar("PREFIX").help("prefix of the ledger's topic names");
        subparser.addArgument("--tenant").dest("tenants").action(Arguments.append()).metavar("ID")
                .help("verify only this tenant; repeat for several (without it: every tenant)");
        subparser.addArgument("--file").dest("file").metavar("EXPORT")
                .help("verify an NDJSON export file instead of the Kafka topics");
        subparser.addArgument("--proof").dest("proof").metavar("BUNDLE")
                .help("check a decision's proof bundle (GET /v1/decisions/{id}/proof) offline; needs --key");
        subparser.addArgument("--since").dest("since").metavar("CHECKPOINT")
                .help("a signed checkpoint kept from an earlier audit (GET /v1/audit/checkpoint): fail unless the ledger"
                        + " still holds that tree (truncation, rewrites); needs --key");
        subparser.addArgument("--key").dest("key").action(Arguments.append()).metavar("VERIFIER_KEY")
                .help("the checkpoint verifier key to trust (GET /v1/checkpoint-keys), or @FILE to read it from a file;"
                        + " every checkpoint the ledger signed (on the topics, or an export's own) is checked with it;"
                        + " repeat for a log's keys across a rotation");
        subparser.addArgument("--json").dest("json").action(Arguments.storeTrue())
                .help("print one JSON document instead of text (see docs/export-format.md)");
        subparser.addArgument("--no-progress").dest("no_progress").action(Arguments.storeTrue())
                .help("never draw a progress bar");
        subparser.addArgument("--timeout").dest("timeout").type(Integer.class).setDefault(DEFAULT_TIMEOUT_SECONDS)
                .metavar("SECONDS").help("give up (exit 2) when Kafka or the registry does not answer within this time");
        subparser.addArgument("--consumer-config").dest("consumer_config").metavar("FILE")
                .help("Kafka consumer properties to add, e.g. security.protocol and SASL settings");
    }

    /**
     * Reads and checks the parsed options.
     *
     * @throws UsageException if they contradict each other or a file cannot be read
     */
    public static VerifyOptions from(Namespace ns) throws UsageException {
        List<String> tenants = ns.getList("tenants") == null ? List.of() : List.copyOf(ns.<String>getList("tenants"));
        String file = ns.getString("file");
        if (file != null && !tenants.isEmpty()) {
            throw new UsageException("--tenant selects tenants on Kafka; an export holds one tenant, so give --file alone");
        }
        String proof = ns.getString("proof");
        List<String> keyTexts = ns.getList("key") == null ? List.of() : List.copyOf(ns.<String>getList("key"));
        if (proof != null && (file != null || !tenants.isEmpty())) {
            throw new UsageException("--proof checks one bundle offline; give it without --file or --tenant");
        }
        String since = ns.getString("since");
        if (proof != null && since != null) {
            throw new UsageException("--proof checks one bundle; --since judges a ledger: give one of them");
        }
        if ((proof != null || since != null) && keyTexts.isEmpty()) {
            throw new UsageException((proof != null ? "--proof" : "--since")
                    + " needs --key: the checkpoint verifier key you trust (GET /v1/checkpoint-keys)");
        }

        int timeout = ns.getInt("timeout");
        if (timeout <= 0) {
            throw new UsageException("--timeout must be a positive number of seconds, got " + timeout);
        }
        if (tenants.stream().anyMatch(String::isBlank)) {
            throw new UsageException("--tenant must not be blank");
        }
        return new VerifyOptions(ns.getString("bootstrap"), ns.getString("registry"), ns.getString("prefix"), tenants,
                file == null ? null : Path.of(file), ns.getBoolean("json"), !ns.getBoolean("no_progress"),
                Duration.ofSeconds(timeout), consumerConfig(ns.getString("consumer_config")),
                proof == null ? null : Path.of(proof), verifierKeys(keyTexts),
                since == null ? null : Path.of(since));
    }

    private static List<String> verifierKeys(List<String> texts) throws UsageException {
        List<String> keys = new java.util.ArrayList<>();
        for (String text : texts) {
            keys.add(verifierKey(text));
        }
        return keys;
    }

    /** The key as given, or read from the file after {@code @} (one line, surrounding white space dropped). */
    private static String verifierKey(String value) throws UsageException {
        if (!value.startsWith("@")) {
            return value.strip();
        }
        try {
            return Files.readString(Path.of(value.substring(1)), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UsageException("cannot read the verifier key from " + value.substring(1) + ": " + e);
        }
    }

    private static Map<String, Object> consumerConfig(String file) throws UsageException {
        if (file == null) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UsageException("cannot read --consumer-config " + file + ": " + e);
        }
        Map<String, Object> config = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> config.put(name, properties.getProperty(name)));
        return config;
    }
}
