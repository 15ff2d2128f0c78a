package io.veridict.bench;

import io.veridict.api.core.KafkaFactory;
import io.veridict.api.core.StreamsFactory;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.streams.LedgerSerdes;
import io.veridict.streams.LedgerTopology;
import io.veridict.streams.crypto.LedgerCrypto;
import io.veridict.streams.crypto.LocalKms;
import io.veridict.streams.store.KafkaTopicHistory;
import io.veridict.streams.topics.LedgerTopics;
import io.veridict.streams.topics.TopicMismatch;
import io.veridict.streams.topics.TopicProvisioner;
import io.veridict.streams.topics.TopicProvisioningException;
import io.veridict.streams.topics.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * How fast the production topology chains a backlog: M commands (20 tenants, unique
 * idempotency keys, Confluent wire format through the dev stack's registry) are written to the
 * commands topic of a fresh topic set first; then {@link LedgerTopology#build} runs in this JVM
 * with a fresh application id and state folder and the settings the service uses
 * ({@link StreamsFactory#streamsProperties}: exactly-once v2, the given commit interval, one
 * stream thread), and the clock runs from {@code start()} until M outcomes are visible on the
 * receipts topic to a {@code read_committed} consumer.
 */
final class ChainThroughput {

    /**
     * @param entriesPerSecond       M over start-to-last-outcome: the judged figure, start-up included
     * @param steadyEntriesPerSecond outcomes after the first over first-to-last outcome: the rate once running
     * @param startupMillis          start to first outcome (group join, task and transaction set-up, first commit)
     * @param thread                 where the stream thread's time went, from its own metrics
     * @param topics                 the topic set written, for the replay measurement
     * @param errors                 commands not acknowledged, and outcomes other than CHAINED
     * @param cpuMicros              CPU time of both JVMs (Streams and broker) per entry, start to last outcome, microseconds
     * @param brokerCpuMicros        the part of {@code cpuMicros} used by the dev stack's JVM (the broker)
     * @param entries                entries chained
     * @param written                every record written to the broker during the run, markers included
     *                               ({@link KafkaOffsets}): backlog, topology output, changelogs,
     *                               offsets and transaction state
     */
    record Result(double entriesPerSecond, double steadyEntriesPerSecond, double startupMillis, ThreadTime thread,
                  LedgerTopics topics, long errors, double cpuMicros, double brokerCpuMicros, long entries,
                  RecordsWritten written) {

        Result withWritten(RecordsWritten records) {
            return new Result(entriesPerSecond, steadyEntriesPerSecond, startupMillis, thread, topics, errors, cpuMicros,
                    brokerCpuMicros, entries, records);
        }

        /** @return records written per entry chained */
        double recordsPerEntry() {
            return RecordsWritten.perEntry(written.total(), entries);
        }
    }

    /**
     * The stream thread's own account of a run (Kafka Streams {@code stream-thread-metrics}, over
     * their sample window, which covers a run of up to a minute; {@code NaN} when absent).
     *
     * @param processShare   share of wall time spent processing records ({@code process-ratio})
     * @param commitShare    share spent committing: flushing the producer, sending offsets,
     *                       committing the transaction ({@code commit-ratio})
     * @param processMillis  processing time per record ({@code process-latency-avg})
     * @param commitMillis   time per commit ({@code commit-latency-avg})
     * @param commits        transactions committed ({@code commit-total})
     */
    record ThreadTime(double processShare, double commitShare, double processMillis, double commitMillis, double commits) {

        static ThreadTime of(KafkaStreams streams) {
            return new ThreadTime(metric(streams, "process-ratio"), metric(streams, "commit-ratio"),
                    metric(streams, "process-latency-avg"), metric(streams, "commit-latency-avg"),
                    metric(streams, "commit-total"));
        }

        /** The one stream thread's metric {@code name}. */
        private static double metric(KafkaStreams streams, String name) {
            for (Metric metric : streams.metrics().values()) {
                if (metric.metricName().group().equals("stream-thread-metrics") && metric.metricName().name().equals(name)
                        && metric.metricValue() instanceof Number value) {
                    return value.doubleValue();
                }
            }
            return Double.NaN;
        }
    }

    private final Admin admin;
    private final String bootstrapServers;
    private final LedgerSerdes serdes;
    private final Path stateRoot;
    private final Duration commitInterval;
    private final CpuClock cpu;
    private final KafkaOffsets offsets;

    ChainThroughput(Admin admin, String bootstrapServers, LedgerSerdes serdes, Path stateRoot, Duration commitInterval,
                    CpuClock cpu, KafkaOffsets offsets) {
        this.cpu = cpu;
        this.offsets = offsets;
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.serdes = serdes;
        this.stateRoot = stateRoot;
        this.commitInterval = commitInterval;
    }

    /**
     * Chains {@code commands} commands of {@code workload} on the topic set under {@code prefix},
     * e.g. {@code bench-1.}; counts every record written to the broker from before the topics
     * are made (the backlog included, as the API would have written it) until the Streams
     * client has closed.
     */
    Result run(String prefix, ChainWorkload workload, int commands, Duration timeout) throws Exception {
        Map<TopicPartition, Long> offsetsBefore = offsets.snapshot();
        LedgerTopics topics = LedgerTopics.standard(prefix, ProducerBaseline.PARTITIONS, (short) 1, 1);
        List<TopicMismatch> mismatches = provision(topics, timeout);
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("topics under " + prefix + " are not as specified: " + mismatches);
        }
        TopicReadiness.awaitLeaders(admin, topics.all().stream().map(TopicSpec::name).toList(), timeout);
        long sendErrors = produce(topics.commands().name(), prefix, workload, commands);

        Result result;
        try (ReceiptCounter receipts = new ReceiptCounter(bootstrapServers, topics.entries().name(),
                serdes.entries().deserializer(), topics.receipts().name())) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            KafkaStreams streams = new KafkaStreams(LedgerTopology.build(topics, serdes,
                    new KafkaTopicHistory(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)),
                    // Payloads are sealed as in service, under a key-encryption key made for this run.
                    LedgerCrypto.of(LocalKms.parse(LocalKms.generate("bench")))),
                    streamsProperties(topics, prefix));
            streams.setUncaughtExceptionHandler(e -> {
                failure.set(e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            try {
                long cpuBefore = cpu.nanos();
                long brokerBefore = cpu.childNanos();
                long started = System.nanoTime();
                streams.start();
                long expected = (commands - sendErrors) * workload.decisionsPerCommand();
                ReceiptCounter.Count count = receipts.await(expected, started + timeout.toNanos(), failure);
                long entries = count.outcomes() - count.notChained();
                double cpuMicros = CpuClock.perItem(cpuBefore, cpu.nanos(), entries) / 1e3;
                double brokerCpuMicros = CpuClock.perItem(brokerBefore, cpu.childNanos(), entries) / 1e3;
                double elapsed = count.lastNanos() - started;
                double steady = count.lastNanos() - count.firstNanos();
                result = new Result(entries * 1e9 / elapsed,
                        steady <= 0 ? Double.NaN : (entries - workload.decisionsPerCommand()) * 1e9 / steady,
                        (count.firstNanos() - started) / 1e6, ThreadTime.of(streams), topics,
                        sendErrors * workload.decisionsPerCommand() + count.notChained()
                                + Math.max(0, expected - count.outcomes()), cpuMicros,
                        brokerCpuMicros, entries, null);
            } finally {
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
            }
        }
        return result.withWritten(RecordsWritten.between(offsetsBefore, offsets.snapshot()));
    }

    /**
     * Creates the topic set and compares it with its specs. On a busy broker a topic created a
     * moment ago can still be unknown to the describe that follows; that is retried (creation is
     * idempotent) until {@code timeout}.
     */
    private List<TopicMismatch> provision(LedgerTopics topics, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return new TopicProvisioner(admin, timeout).ensure(topics.all());
            } catch (TopicProvisioningException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    /** Writes the backlog; returns how many commands were not acknowledged. */
    private long produce(String topic, String prefix, ChainWorkload workload, int commands) {
        AtomicLong errors = new AtomicLong();
        Map<String, Object> config = ProducerBaseline.producerConfig(bootstrapServers, "veridict-bench-backlog");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1); // not timed: strict order over speed
        try (KafkaProducer<String, LedgerCommand> producer = new KafkaProducer<>(config,
                new StringSerializer(), serdes.commands().serializer())) {
            producer.partitionsFor(topic);
            for (int i = 0; i < commands; i++) {
                String tenant = SampleDecision.tenant(i);
                producer.send(new ProducerRecord<>(topic, tenant, workload.commands().command(tenant, prefix + i, i)),
                        (metadata, error) -> {
                            if (error != null) {
                                errors.incrementAndGet();
                            }
                        });
            }
            producer.flush();
        }
        return errors.get();
    }

    /** The service's Streams settings ({@link StreamsFactory}) with a fresh application id and state folder. */
    private Properties streamsProperties(LedgerTopics topics, String prefix) {
        KafkaFactory kafka = new KafkaFactory();
        kafka.setBootstrapServers(bootstrapServers);
        StreamsFactory streams = new StreamsFactory();
        String id = "veridict-bench-" + prefix.replaceAll("[^A-Za-z0-9-]", "") + "-" + System.nanoTime();
        streams.setApplicationId(id);
        streams.setStateDir(stateRoot.resolve(id).toString());
        streams.setReplicationFactor(1);
        streams.setCommitInterval(io.dropwizard.util.Duration.milliseconds(commitInterval.toMillis()));
        return streams.streamsProperties(kafka, topics);
    }
}
