package io.veridict.dev.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller roles) running
 * inside this JVM, built from Kafka's main artifacts.
 *
 * <p>Its data lives in {@code dataDir}; starting again on the same folder reuses the
 * cluster id recorded in {@code meta.properties}, so topics and offsets survive restarts.
 * Settings are the ones a single node needs for exactly-once Streams: replication factor
 * and min ISR 1 on the internal topics, no initial rebalance delay.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    /**
     * Formats {@code dataDir} when it is new, then starts the broker.
     *
     * @param dataDir        folder for the log and metadata; created if missing
     * @param brokerPort     client port on localhost; 0 picks a free one
     * @param controllerPort controller port on localhost; 0 picks a free one
     * @param overrides      extra broker properties (they win over the defaults)
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int brokerPort, int controllerPort,
                                            Map<String, String> overrides) {
        int clientPort = brokerPort == 0 ? freePort() : brokerPort;
        int quorumPort = controllerPort == 0 ? freePort() : controllerPort;
        return startNode(dataDir, NODE_ID, Uuid.randomUuid().toString(), clientPort, quorumPort,
                NODE_ID + "@localhost:" + quorumPort, overrides);
    }

    /**
     * Starts one node (broker and controller) of a KRaft cluster whose controllers are
     * {@code voters} ({@code id@host:port,...}). A node of several blocks until a majority of the
     * voters runs, so start them in parallel.
     *
     * @param clusterId the cluster's id, the same for every node; used when {@code dataDir} is new
     */
    public static EmbeddedKafkaBroker startNode(Path dataDir, int nodeId, String clusterId, int brokerPort, int controllerPort,
                                                String voters, Map<String, String> overrides) {
        Path logDir = dataDir.resolve("kafka-logs");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data folder " + logDir, e);
        }
        Properties props = brokerProperties(logDir, nodeId, brokerPort, controllerPort, voters);
        overrides.forEach(props::setProperty);
        KafkaConfig config = new KafkaConfig(props, false);
        formatIfNew(logDir, nodeId, clusterId);

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        String bootstrap = "localhost:" + brokerPort;
        LOG.info("Embedded Kafka broker {} listening on {} (data in {})", nodeId, bootstrap, logDir);
        return new EmbeddedKafkaBroker(server, bootstrap, dataDir);
    }

    /** Starts a broker on free ports with default settings. */
    public static EmbeddedKafkaBroker start(Path dataDir) {
        return start(dataDir, 0, 0, Map.of());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Embedded Kafka broker on {} stopped", bootstrapServers);
    }

    private static Properties brokerProperties(Path logDir, int nodeId, int clientPort, int quorumPort, String voters) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(nodeId));
        p.setProperty("controller.quorum.voters", voters);
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + clientPort
                + "," + CONTROLLER_LISTENER + "://localhost:" + quorumPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
        p.setProperty("listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("log.cleaner.backoff.ms", "1000");
        // After kill -9 the restarted broker cannot register again until the controller has timed
        // out the registration of the broker it was (9 s by default, plus heartbeats): a single
        // node on one machine uses a short session instead.
        p.setProperty("broker.session.timeout.ms", "2500");
        p.setProperty("broker.heartbeat.interval.ms", "500");
        // A killed producer's open transaction is aborted when it times out; brokers look for such
        // transactions every 10 s by default.
        p.setProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        return p;
    }

    /** Formats the log folder unless {@code meta.properties} shows it was formatted before. */
    private static void formatIfNew(Path logDir, int nodeId, String clusterId) {
        Path meta = logDir.resolve("meta.properties");
        if (Files.exists(meta)) {
            LOG.info("Reusing Kafka cluster {} in {}", readClusterId(meta).orElse("?"), logDir);
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream(), false,
                            java.nio.charset.StandardCharsets.UTF_8))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logDir.toString()))
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka data folder " + logDir, e);
        }
    }

    private static Optional<String> readClusterId(Path meta) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(p.getProperty("cluster.id"));
    }

    /** A port free on this machine now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
