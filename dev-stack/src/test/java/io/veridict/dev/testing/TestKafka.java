package io.veridict.dev.testing;

import io.veridict.dev.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.Map;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The Kafka broker an integration test talks to.
 *
 * <p>By default the real embedded KRaft broker ({@link EmbeddedKafkaBroker}) on free
 * ports. With {@code -Dveridict.it.kafka=testcontainers} a Testcontainers Kafka instead,
 * for machines that have a Docker engine; the embedded path is the default and is never
 * skipped.
 */
public final class TestKafka implements AutoCloseable {

    public static final String MODE_PROPERTY = "veridict.it.kafka";
    private static final String KAFKA_IMAGE = "apache/kafka-native:4.1.1";

    private final Path dataDir;
    private EmbeddedKafkaBroker embedded;
    private KafkaContainer container;

    private TestKafka(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts a broker whose data (when embedded) lives in {@code dataDir}. */
    public static TestKafka start(Path dataDir) {
        TestKafka kafka = new TestKafka(dataDir);
        kafka.startBroker();
        return kafka;
    }

    public static boolean usesTestcontainers() {
        return "testcontainers".equals(System.getProperty(MODE_PROPERTY, "embedded"));
    }

    public String bootstrapServers() {
        return usesTestcontainers() ? container.getBootstrapServers() : embedded.bootstrapServers();
    }

    /**
     * Stops and starts the broker again on the same data. Embedded only: a container's
     * data does not outlive it.
     */
    public void restart() {
        if (usesTestcontainers()) {
            throw new UnsupportedOperationException("a Testcontainers broker cannot be restarted on its data");
        }
        embedded.close();
        startBroker();
    }

    private void startBroker() {
        if (usesTestcontainers()) {
            container = new KafkaContainer(KAFKA_IMAGE);
            container.start();
        } else {
            embedded = EmbeddedKafkaBroker.start(dataDir, 0, 0, Map.of());
        }
    }

    @Override
    public void close() {
        if (container != null) {
            container.stop();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
