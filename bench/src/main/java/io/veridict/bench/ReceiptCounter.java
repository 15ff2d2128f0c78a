package io.veridict.bench;

import io.veridict.schemas.avro.EntryRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts what became of commands as a {@code read_committed} consumer sees it, which is when the
 * service would answer the producer: each entry of each run on the entries topic is a chained
 * command, each outcome on the receipts topic one that chained nothing. Reads every partition of
 * both from its beginning.
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

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String entriesTopic;
    private final Deserializer<EntryRun> runs;

    ReceiptCounter(String bootstrapServers, String entriesTopic, Deserializer<EntryRun> runs, String receiptsTopic) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "veridict-bench-receipts",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.entriesTopic = entriesTopic;
        this.runs = runs;
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(entriesTopic, receiptsTopic)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
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
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            if (records.isEmpty()) {
                continue;
            }
            long now = System.nanoTime();
            first = seen == 0 ? now : first;
            last = now;
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.topic().equals(entriesTopic)) {
                    seen += runs.deserialize(record.topic(), record.value()).getEntries().size();
                } else {
                    seen++;
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
