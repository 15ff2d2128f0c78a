package io.veridict.api.core;

import io.dropwizard.lifecycle.Managed;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.streams.crypto.CommandSeal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes commands to the commands topic, keyed by tenant id, so that a tenant's commands
 * share one partition and one chain task. Idempotent and acks=all: a command the broker
 * acknowledged is durable and written once.
 */
public final class CommandPublisher implements Managed {

    /** Kafka record header carrying the request's correlation id. */
    public static final String CORRELATION_HEADER = "veridict.correlation-id";

    private final KafkaProducer<String, LedgerCommand> producer;
    private final String topic;
    private final CommandSeal seal;

    /**
     * @param seal seals every command's body before it leaves the process
     */
    public CommandPublisher(KafkaFactory kafka, String topic, Serializer<LedgerCommand> serializer, CommandSeal seal) {
        this.seal = seal;
        Map<String, Object> props = kafka.commonClientProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "veridict-commands");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), serializer);
        this.topic = topic;
    }

    /**
     * Sends the commands in order, each body sealed; the future completes when the broker has
     * acknowledged all of them.
     */
    public CompletableFuture<Void> publish(List<LedgerCommand> commands) {
        @SuppressWarnings("unchecked")
        CompletableFuture<RecordMetadata>[] acks = new CompletableFuture[commands.size()];
        for (int i = 0; i < commands.size(); i++) {
            LedgerCommand command = seal.seal(commands.get(i));
            RecordHeaders headers = new RecordHeaders();
            headers.add(CORRELATION_HEADER, command.getCorrelationId().getBytes(StandardCharsets.UTF_8));
            CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
            producer.send(new ProducerRecord<>(topic, null, command.getTenantId(), command, headers), (metadata, error) -> {
                if (error != null) {
                    ack.completeExceptionally(error);
                } else {
                    ack.complete(metadata);
                }
            });
            acks[i] = ack;
        }
        return CompletableFuture.allOf(acks);
    }

    @Override
    public void start() {
        // the producer connects lazily
    }

    @Override
    public void stop() {
        producer.close(Duration.ofSeconds(10));
    }
}
