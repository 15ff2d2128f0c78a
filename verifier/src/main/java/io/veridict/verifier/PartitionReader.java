package io.veridict.verifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads whole partitions with a manually assigned consumer (no group, nothing committed), from
 * their beginning to an end offset fixed beforehand, so a read always terminates. Every wait
 * is bounded: Kafka calls by the consumer's API timeout, and a partition that yields no record
 * (and no position change) for {@code timeout} while short of its end fails the read.
 */
final class PartitionReader {

    private static final Duration POLL = Duration.ofMillis(200);

    /** The offsets to read of one partition: {@code [begin, end)}. */
    record Range(TopicPartition partition, long begin, long end) {
        long size() {
            return Math.max(0, end - begin);
        }
    }

    /** Handles one record; may stop the whole read by throwing. */
    @FunctionalInterface
    interface RecordHandler {
        void handle(ConsumerRecord<byte[], byte[]> record) throws ReplayException;
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Duration timeout;

    PartitionReader(Consumer<byte[], byte[]> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
    }

    /** The partitions of {@code topic}, in partition order; fails if Kafka does not answer or the topic is missing. */
    List<TopicPartition> partitionsOf(String topic) throws ReplayException {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, timeout);
        } catch (KafkaException e) {
            throw new ReplayException("Kafka did not answer within " + timeout.toSeconds() + " s for the metadata of "
                    + topic + ": " + e.getMessage(), e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new ReplayException("topic " + topic + " does not exist");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        partitions.sort(Comparator.comparingInt(TopicPartition::partition));
        return partitions;
    }

    /** The current beginning and committed end (last stable offset) of each partition. */
    List<Range> ranges(Collection<TopicPartition> partitions) throws ReplayException {
        try {
            consumer.assign(partitions); // offsets of unassigned partitions make read_committed consumers warn
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            return partitions.stream().map(tp -> new Range(tp, begin.get(tp), end.get(tp))).toList();
        } catch (KafkaException e) {
            throw new ReplayException("Kafka did not answer within " + timeout.toSeconds() + " s for the offsets of "
                    + partitions + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads every committed record of {@code range} in offset order.
     *
     * @param range      what to read
     * @param handler    called once per record
     * @param onProgress called after each poll with how many offsets were consumed by it
     *                   (records, transaction markers, aborted records), so that the sum ends
     *                   at {@code range.size()}
     */
    void read(Range range, RecordHandler handler, LongConsumer onProgress) throws ReplayException {
        if (range.size() == 0) {
            return;
        }
        TopicPartition tp = range.partition();
        try {
            consumer.assign(List.of(tp));
            consumer.seek(tp, range.begin());
            long position = range.begin();
            long lastMove = System.nanoTime();
            while (position < range.end()) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : batch.records(tp)) {
                    if (record.offset() >= range.end()) {
                        break;
                    }
                    handler.handle(record);
                }
                long now = Math.min(consumer.position(tp, timeout), range.end());
                if (now != position) {
                    onProgress.accept(now - position);
                    position = now;
                    lastMove = System.nanoTime();
                } else if (System.nanoTime() - lastMove > timeout.toNanos()) {
                    throw new ReplayException("no progress reading " + tp + " for " + timeout.toSeconds()
                            + " s, at offset " + position + " of " + range.end());
                }
            }
        } catch (KafkaException e) {
            throw new ReplayException("reading " + tp + " failed: " + e.getMessage(), e);
        } finally {
            consumer.unsubscribe();
        }
    }
}
