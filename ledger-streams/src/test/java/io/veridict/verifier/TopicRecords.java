package io.veridict.verifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Raw access to topics for tamper tests: read every committed record of a topic, write records
 * to chosen partitions. Kafka logs are append-only, so a "rewritten" log is a copy of the
 * original topic, record by record, into a fresh topic with the change applied.
 */
final class TopicRecords {

    /** A record's placement and bytes; {@code offset} is where it was read (-1 for a new record). */
    record Rec(int partition, long offset, byte[] key, byte[] value) {
        Rec withValue(byte[] newValue) {
            return new Rec(partition, -1, key, newValue);
        }
    }

    private TopicRecords() {
    }

    /** Every committed record of {@code topic}, by partition then offset. */
    static List<Rec> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<Rec> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(topic, r.partition()))) {
                        records.add(new Rec(r.partition(), r.offset(), r.key(), r.value()));
                    }
                }
            }
            records.sort(Comparator.comparingInt(Rec::partition).thenComparingLong(Rec::offset));
            return records;
        }
    }

    /** Appends {@code records} to {@code topic}, each to its partition, in list order. */
    static void append(String bootstrap, String topic, List<Rec> records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                // One request at a time keeps the order through retries. (An idempotent producer, on a
                // partition created a moment ago, at times never sent its first batch again after a
                // NOT_LEADER_OR_FOLLOWER and let it expire.)
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (Rec r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, r.partition(), r.key(), r.value())));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> ack : sent) {
                try {
                    ack.get(); // a copy with a record missing would be a different ledger: fail loudly
                } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("could not copy every record to " + topic, e);
                }
            }
        }
    }

    /** The index a record will have in its partition of a fresh copy: its position among the partition's records. */
    static long copyOffset(List<Rec> records, Rec record) {
        return records.stream().filter(r -> r.partition() == record.partition()).toList().indexOf(record);
    }
}
