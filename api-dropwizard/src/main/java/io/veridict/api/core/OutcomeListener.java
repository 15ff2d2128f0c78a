package io.veridict.api.core;

import io.dropwizard.lifecycle.Managed;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.RunEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns what became of the commands this instance published, and completes the futures of the
 * requests waiting on them. A chained command's answer is its entry in the run on the entries
 * topic (its origin names the command); a command that chained nothing (a duplicate, a conflict)
 * is answered on the receipts topic. Both are read {@code read_committed}: an answer is seen only
 * once the chain step that produced it has committed.
 *
 * <p>Every instance reads every partition of both topics from the end, without a consumer group:
 * the answer goes to whichever instance asked. A caller MUST register with {@link #expect} before
 * it publishes the command, or the answer may pass unseen.
 */
public final class OutcomeListener implements Managed {

    /** What became of a command: its entry, or an outcome that chained nothing. */
    public sealed interface Settled {
        /** The command chained this entry. */
        record Chained(LedgerEntry entry) implements Settled {
        }

        /** The command chained nothing: a duplicate (with the original receipt) or a conflict. */
        record Answered(CommandOutcome outcome) implements Settled {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeListener.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String entriesTopic;
    private final String receiptsTopic;
    private final Deserializer<EntryRun> runs;
    private final Deserializer<CommandOutcome> outcomes;
    private final Map<String, CompletableFuture<Settled>> pending = new ConcurrentHashMap<>();
    /** Per tenant: the size of its tree as far as committed runs seen since start show it. */
    private final Map<String, Long> committedSizes = new ConcurrentHashMap<>();
    private volatile Instant startedAt = Instant.MAX;
    private volatile MeterRegistry metrics;
    private volatile Counter chainedEntries;
    private final Thread thread;
    private volatile boolean running = true;

    public OutcomeListener(KafkaFactory kafka, String entriesTopic, Deserializer<EntryRun> runs, String receiptsTopic,
                           Deserializer<CommandOutcome> outcomes) {
        Map<String, Object> props = kafka.commonClientProperties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "veridict-outcomes");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.entriesTopic = entriesTopic;
        this.receiptsTopic = receiptsTopic;
        this.runs = runs;
        this.outcomes = outcomes;
        this.thread = new Thread(this::run, "veridict-outcome-listener");
        this.thread.setDaemon(true);
    }

    /**
     * Counts into {@code registry} what this listener reads: {@code veridict_entries_chained} (every
     * committed entry of the ledger, all partitions), {@code veridict_command_outcomes} (commands
     * that chained nothing, by status and reason), and {@code veridict_receipts_waiting} (requests
     * of this instance waiting for their outcome).
     */
    public void bindTo(MeterRegistry registry) {
        this.chainedEntries = Counter.builder("veridict.entries.chained")
                .description("entries committed to the ledger (all partitions, as this instance reads them)").register(registry);
        Gauge.builder("veridict.receipts.waiting", pending, Map::size)
                .description("requests of this instance waiting for their command's outcome").register(registry);
        this.metrics = registry;
    }

    /** Registers interest in what becomes of {@code commandId} (a command's or a group item's id). */
    public CompletableFuture<Settled> expect(String commandId) {
        return pending.computeIfAbsent(commandId, id -> new CompletableFuture<>());
    }

    /**
     * The size of {@code tenant}'s tree that committed runs read since this listener started show:
     * every entry below it is committed. Empty when no run of the tenant committed since then.
     */
    public OptionalLong committedSize(String tenant) {
        Long size = committedSizes.get(tenant);
        return size == null ? OptionalLong.empty() : OptionalLong.of(size);
    }

    /** When this listener began reading: every run committed after it is seen. */
    public Instant startedAt() {
        return startedAt;
    }

    /** Drops interest in {@code commandId} (the caller stopped waiting). */
    public void forget(String commandId) {
        pending.remove(commandId);
    }

    @Override
    public void start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(entriesTopic, receiptsTopic)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve now, so nothing after start is missed
        startedAt = Instant.now();
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (pending.isEmpty() && metrics == null && !record.topic().equals(entriesTopic)) {
                        continue; // nobody waits or counts: nothing to decode
                    }
                    try {
                        settle(record);
                    } catch (RuntimeException e) {
                        LOG.warn("Skipping unreadable record at {}-{} offset {}: {}", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                    }
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer
        } catch (RuntimeException e) {
            LOG.error("Outcome listener stopped; requests will answer 202 until restart", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void settle(ConsumerRecord<String, byte[]> record) {
        if (record.topic().equals(entriesTopic)) {
            List<RunEntry> entries = runs.deserialize(record.topic(), record.value()).getEntries();
            Counter chained = chainedEntries;
            if (chained != null) {
                chained.increment(entries.size());
            }
            if (!entries.isEmpty()) {
                // Before any answer: once a caller holds its receipt, the committed size holds its entry.
                LedgerEntry last = entries.get(entries.size() - 1).getHeader();
                committedSizes.merge(last.getTenantId(), last.getSeq() + 1, Math::max);
            }
            for (RunEntry entry : entries) {
                if (entry.getOrigin() != null) {
                    complete(entry.getOrigin().getCommandId(), new Settled.Chained(entry.getHeader()));
                }
            }
        } else {
            CommandOutcome outcome = outcomes.deserialize(record.topic(), record.value());
            MeterRegistry registry = metrics;
            if (registry != null) {
                registry.counter("veridict.command.outcomes", "status", outcome.getStatus().name(),
                        "reason", boundedReason(outcome.getReason())).increment();
            }
            complete(outcome.getCommandId(), new Settled.Answered(outcome));
        }
    }

    /** A reason code as a label: the chain's codes pass, anything else is {@code other}. */
    static String boundedReason(String reason) {
        if (reason == null || reason.isEmpty()) {
            return "none";
        }
        return reason.length() <= 40 && reason.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || c == '_') ? reason : "other";
    }

    private void complete(String commandId, Settled settled) {
        CompletableFuture<Settled> waiting = pending.remove(commandId);
        if (waiting != null) {
            waiting.complete(settled);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
