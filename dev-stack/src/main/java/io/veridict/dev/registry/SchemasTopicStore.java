package io.veridict.dev.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable log: the compacted, single-partition topic {@value #TOPIC}.
 *
 * <p>{@link #append} returns only once the record is acknowledged by all in-sync replicas
 * (idempotent producer, {@code acks=all}); {@link #readAll} replays the topic from the
 * beginning to its end offset, reading committed records only.
 */
final class SchemasTopicStore implements AutoCloseable {

    static final String TOPIC = "_schemas";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(SchemasTopicStore.class);

    private final String bootstrapServers;
    private final KafkaProducer<byte[], byte[]> producer;

    private SchemasTopicStore(String bootstrapServers, KafkaProducer<byte[], byte[]> producer) {
        this.bootstrapServers = bootstrapServers;
        this.producer = producer;
    }

    /**
     * Creates {@value #TOPIC} when missing (compacted, one partition) and opens the producer.
     *
     * @throws IllegalStateException when the topic cannot be created or has more than one partition
     */
    static SchemasTopicStore open(String bootstrapServers, short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            createTopic(admin, replicationFactor);
        }
        return new SchemasTopicStore(bootstrapServers, new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "veridict-schema-registry",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT.toMillis()),
                new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /**
     * Replays the topic from its beginning to its end offset as of this call, handing each
     * decodable record to {@code sink} in order. Undecodable records are logged and skipped.
     *
     * @return the number of records handed to {@code sink}
     * @throws IllegalStateException when the end is not reached within {@link #READ_TIMEOUT}
     */
    int readAll(Consumer<RegistryRecord> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "veridict-schema-registry-reader",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // read to a known end: no fetch waits for more, so close() does not wait either
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION), TIMEOUT).get(PARTITION);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            int applied = 0;
            while (consumer.position(PARTITION, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading " + PARTITION + " up to offset " + end
                            + "; stopped at " + consumer.position(PARTITION, TIMEOUT));
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    applied += decodeInto(record, sink);
                }
            }
            return applied;
        }
    }

    /**
     * Writes {@code record} and waits for its acknowledgement.
     *
     * @throws RegistryException 50001 when the write fails or is not acknowledged in time
     */
    void append(RegistryRecord record) {
        ProducerRecord<byte[], byte[]> message = new ProducerRecord<>(TOPIC, PARTITION.partition(),
                SchemasTopicCodec.key(record), SchemasTopicCodec.value(record));
        try {
            producer.send(message).get(TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.backend("interrupted while writing " + record + " to " + TOPIC, e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw RegistryException.backend("cannot write " + record + " to " + TOPIC, e);
        }
    }

    @Override
    public void close() {
        producer.close(TIMEOUT);
    }

    private static int decodeInto(ConsumerRecord<byte[], byte[]> record, Consumer<RegistryRecord> sink) {
        try {
            Optional<RegistryRecord> decoded = SchemasTopicCodec.decode(record.key(), record.value());
            decoded.ifPresent(sink);
            return decoded.isPresent() ? 1 : 0;
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping record at {}@{}: {}", PARTITION, record.offset(), e.getMessage());
            return 0;
        }
    }

    /**
     * The topic's partition count. A broker that has not yet seen a topic created a moment ago
     * answers that it does not know it; on a cluster of several brokers the description is asked
     * again until the metadata has reached it, within {@link #TIMEOUT}.
     */
    private static int describedPartitions(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(TOPIC)).allTopicNames()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(TOPIC).partitions().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    private static void createTopic(Admin admin, short replicationFactor) {
        NewTopic topic = new NewTopic(TOPIC, 1, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            try {
                admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Created topic {} (compacted, 1 partition, replication factor {})", TOPIC, replicationFactor);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            int partitions = describedPartitions(admin);
            if (partitions != 1) {
                throw new IllegalStateException(TOPIC + " has " + partitions + " partitions; the registry needs exactly 1");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + TOPIC, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create or describe " + TOPIC + " at " + admin, e);
        }
    }
}
