package io.veridict.api.core;

import io.dropwizard.lifecycle.Managed;
import io.veridict.schemas.avro.CommandOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the receipts topic (read_committed: an outcome is seen only once the chain step
 * that produced it has committed) and completes the futures of requests waiting on it.
 *
 * <p>Every instance reads every partition from the end, without a consumer group: the
 * outcome of a command goes to whichever instance asked. A caller MUST register with
 * {@link #expect} before it publishes the command, or the outcome may pass unseen.
 */
public final class OutcomeListener implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeListener.class);

    private final KafkaConsumer<String, CommandOutcome> consumer;
    private final String topic;
    private final Map<String, CompletableFuture<CommandOutcome>> pending = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public OutcomeListener(KafkaFactory kafka, String topic, Deserializer<CommandOutcome> deserializer) {
        Map<String, Object> props = kafka.commonClientProperties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "veridict-outcomes");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer);
        this.topic = topic;
        this.thread = new Thread(this::run, "veridict-outcome-listener");
        this.thread.setDaemon(true);
    }

    /** Registers interest in {@code commandId}'s outcome. */
    public CompletableFuture<CommandOutcome> expect(String commandId) {
        return pending.computeIfAbsent(commandId, id -> new CompletableFuture<>());
    }

    /** Drops interest in {@code commandId} (the caller stopped waiting). */
    public void forget(String commandId) {
        pending.remove(commandId);
    }

    @Override
    public void start() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve now, so nothing after start is missed
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, CommandOutcome> record : consumer.poll(Duration.ofMillis(200))) {
                        CompletableFuture<CommandOutcome> waiting = pending.remove(record.value().getCommandId());
                        if (waiting != null) {
                            waiting.complete(record.value());
                        }
                    }
                } catch (RecordDeserializationException e) {
                    LOG.warn("Skipping unreadable outcome at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer
        } catch (RuntimeException e) {
            LOG.error("Outcome listener on {} stopped; requests will answer 202 until restart", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
