package io.veridict.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The physical limit of writing commands: a plain {@link KafkaProducer} (acks=all, idempotent,
 * linger 5 ms, lz4 as the service's {@code CommandPublisher}) sending already-serialized
 * commands to a fresh 3-partition topic, keyed by tenant. The values are real Confluent-framed
 * {@code LedgerCommand}s (a pool of distinct ones, cycled), so record size and compressibility
 * are the service's; only the Avro encoding is left out.
 *
 * <p>Timed from the first send to the last acknowledgement ({@code flush}); creating the topic
 * and the producer is not timed.
 */
final class ProducerBaseline {

    /** Partitions of the topic written, as the dev stack's commands topic. */
    static final int PARTITIONS = 3;

    /**
     * @param recordsPerSecond acknowledged records per second
     * @param errors           records the broker did not acknowledge
     * @param cpuMicros        CPU time of both JVMs (client and broker) per record, microseconds
     */
    record Result(double recordsPerSecond, long errors, double cpuMicros) {
    }

    private final Admin admin;
    private final String bootstrapServers;
    private final List<byte[]> values;

    /** @param values serialized commands to cycle through; each record's key is its command's tenant */
    private final CpuClock cpu;

    ProducerBaseline(Admin admin, String bootstrapServers, List<byte[]> values, CpuClock cpu) {
        this.cpu = cpu;
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.values = List.copyOf(values);
    }

    /** The producer settings under test. */
    static Map<String, Object> producerConfig(String bootstrapServers, String clientId) {
        return new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
    }

    /** Creates {@code topic} and sends {@code records} records to it. */
    Result run(String topic, int records, Duration timeout) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        TopicReadiness.awaitLeaders(admin, List.of(topic), timeout);
        AtomicLong errors = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(bootstrapServers, "veridict-bench-raw"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic); // metadata now, not in the timed part
            long cpuBefore = cpu.nanos();
            long started = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, SampleDecision.tenant(i), values.get(i % values.size())),
                        (metadata, error) -> {
                            if (error != null) {
                                errors.incrementAndGet();
                            }
                        });
            }
            producer.flush();
            long elapsed = System.nanoTime() - started;
            return new Result((records - errors.get()) * 1e9 / elapsed, errors.get(),
                    CpuClock.perItem(cpuBefore, cpu.nanos(), records) / 1e3);
        }
    }
}
