package io.veridict.streams.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * {@link TopicHistory} read from Kafka by a consumer of its own: partition assigned by hand, no
 * group, nothing committed, {@code read_committed}, so aborted writes are never replayed.
 */
public final class KafkaTopicHistory implements TopicHistory {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final Map<String, Object> clientConfig;

    /** @param clientConfig connection settings (bootstrap servers, security) for the replay consumer */
    public KafkaTopicHistory(Map<String, Object> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
    }

    @Override
    public long end(String topic, int partition) {
        TopicPartition tp = new TopicPartition(topic, partition);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return consumer.endOffsets(List.of(tp), PATIENCE).get(tp);
        }
    }

    @Override
    public long replay(String topic, int partition, long from, Sink sink) {
        TopicPartition tp = new TopicPartition(topic, partition);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), PATIENCE).get(tp);
            if (from >= end) {
                return Math.max(from, end);
            }
            consumer.seek(tp, from);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (consumer.position(tp, PATIENCE) < end) {
                if (System.nanoTime() > deadline) {
                    throw new StreamsException("replaying " + tp + " made no progress to offset " + end + " in " + PATIENCE);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end) {
                        sink.accept(record.key(), record.value());
                        deadline = System.nanoTime() + PATIENCE.toNanos();
                    }
                }
            }
            return end;
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The history read ends at an end offset known beforehand: a fetch that finds nothing new
        // should not wait for more (500 ms by default), and closing the consumer waits for the
        // fetch it has in flight, so each replay would otherwise cost half a second at its end.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
