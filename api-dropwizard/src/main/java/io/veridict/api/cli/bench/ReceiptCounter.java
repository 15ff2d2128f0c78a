package io.veridict.api.cli.bench;

import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.OutcomeStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Counts the outcomes on a receipts topic as a {@code read_committed} consumer sees them: an
 * outcome is visible only once the chain step that wrote it has committed, which is when the
 * service would answer the producer. Reads every partition from its beginning.
 */
final class ReceiptCounter implements AutoCloseable {

    /**
     * @param outcomes   outcomes seen
     * @param notChained of which not CHAINED (duplicates, conflicts)
     * @param firstNanos {@link System#nanoTime()} when the first was seen (when none was: the end)
     * @param lastNanos  {@link System#nanoTime()} when the last was seen (when none was: the end)
     */
    record Count(long outcomes, long notChained, long firstNanos, long lastNanos) {
    }

    private static final Duration POLL = Duration.ofMillis(50);

    private final KafkaConsumer<String, CommandOutcome> consumer;

    ReceiptCounter(String bootstrapServers, String topic, Deserializer<CommandOutcome> deserializer) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "veridict-bench-receipts",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20),
                new StringDeserializer(), deserializer);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        partitions.forEach(consumer::position); // resolve now, not while timing
    }

    /**
     * Polls until {@code expected} outcomes were seen or the deadline passed; then returns the
     * count so far.
     *
     * @param failure set by the Streams client's exception handler; when set, waiting stops
     * @throws IllegalStateException when {@code failure} was set
     */
    Count await(long expected, long deadlineNanos, AtomicReference<Throwable> failure) {
        long seen = 0;
        long notChained = 0;
        long first = 0;
        long last = 0;
        while (seen < expected && System.nanoTime() < deadlineNanos && failure.get() == null) {
            ConsumerRecords<String, CommandOutcome> records = consumer.poll(POLL);
            if (records.isEmpty()) {
                continue;
            }
            long now = System.nanoTime();
            first = seen == 0 ? now : first;
            last = now;
            for (ConsumerRecord<String, CommandOutcome> record : records) {
                seen++;
                if (record.value().getStatus() != OutcomeStatus.CHAINED) {
                    notChained++;
                }
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the ledger topology failed while chaining", failure.get());
        }
        long end = System.nanoTime();
        return new Count(seen, notChained, seen == 0 ? end : first, seen == 0 ? end : last);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
