package io.veridict.bench;

import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.verifier.ReplayProgress;
import io.veridict.verifier.ReplayReport;
import io.veridict.verifier.ReplaySettings;
import io.veridict.verifier.TopicReplayVerifier;
import io.veridict.streams.topics.LedgerTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Replaying the ledger as an auditor does ({@link TopicReplayVerifier}) against the physical
 * limit of reading the same records: a raw {@link KafkaConsumer} ({@code read_committed},
 * byte-array deserializers, the verifier's {@code max.poll.records}, every partition of the
 * entries and payloads topics assigned, sought to the beginning and read to the end offsets
 * taken at its start, and {@code fetch.max.wait.ms} of {@value #RAW_FETCH_MAX_WAIT_MS}: with the
 * default 500 ms a reader that has caught up with a partition's end waits out the broker's long
 * poll, and the baseline would measure that wait instead of reading).
 *
 * <p>Both sides read the same records, the entries <em>and</em> the payloads, and both are timed
 * from before their consumer is created to the last record handled, so the ratio of their rates
 * is the ratio of their wall times for the same work: what verification costs over reading.
 */
final class ReplayComparison {

    /** The verifier's {@code max.poll.records}, used by the raw consumer too. */
    static final int MAX_POLL_RECORDS = 2000;
    /** The raw consumer's {@code fetch.max.wait.ms}. */
    static final int RAW_FETCH_MAX_WAIT_MS = 10;

    /**
     * @param records          entry and payload records read
     * @param recordsPerSecond records per second of wall time
     */
    record Raw(long records, double recordsPerSecond) {
    }

    /**
     * @param entriesVerified  entries that passed every check
     * @param entriesPerSecond entries read per second of wall time
     * @param recordsPerSecond entries plus payload records per second of wall time (comparable with {@link Raw})
     * @param errors           1 when the ledger did not verify or fewer entries verified than expected, else 0
     */
    record Verified(long entriesVerified, double entriesPerSecond, double recordsPerSecond, long errors) {
    }

    private final String bootstrapServers;
    private final SchemaRegistryClient registry;
    private final Duration timeout;

    ReplayComparison(String bootstrapServers, SchemaRegistryClient registry, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
        this.timeout = timeout;
    }

    /** Reads every record of the entries and payloads topics of {@code topics}. */
    Raw raw(LedgerTopics topics) {
        long started = System.nanoTime();
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "veridict-bench-raw-reader",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, RAW_FETCH_MAX_WAIT_MS),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.entries().name(), topics.payloads().name())) {
                consumer.partitionsFor(topic, timeout).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = started + timeout.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("raw read of " + partitions + " did not reach " + end + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records++;
                    }
                }
            }
        }
        return new Raw(records, records * 1e9 / (System.nanoTime() - started));
    }

    /**
     * Verifies every tenant of {@code topics}.
     *
     * @param expectedEntries how many entries must verify
     */
    Verified verify(LedgerTopics topics, long expectedEntries) throws Exception {
        ReplaySettings settings = new ReplaySettings(bootstrapServers, topics.entries().name(), topics.payloads().name(),
                Set.of(), timeout, Map.of());
        long started = System.nanoTime();
        ReplayReport report = new TopicReplayVerifier(settings, registry).verify(ReplayProgress.NONE);
        long elapsed = System.nanoTime() - started;
        boolean complete = report.verified() && report.entriesVerified() >= expectedEntries;
        long payloads = report.entriesVerified() - report.erasedPayloads();
        return new Verified(report.entriesVerified(), report.entriesRead() * 1e9 / elapsed,
                (report.entriesRead() + payloads) * 1e9 / elapsed, complete ? 0 : 1);
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
