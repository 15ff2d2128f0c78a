package io.veridict.streams.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be deserialised to the dead-letter topic, with the reason in
 * headers ({@link DeadLetterHeaders}), and lets the stream thread go on.
 *
 * <p>The stream thread MUST NOT die on a bad record: one producer writing garbage to the
 * commands topic would otherwise stop every tenant's chain. The record is not lost: its
 * original key and value bytes are in the dead-letter topic, written in the same
 * transaction as the task's progress.
 *
 * <p>Configured with {@link #DEAD_LETTER_TOPIC_CONFIG} in the Streams properties.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    /** Streams property naming the dead-letter topic. */
    public static final String DEAD_LETTER_TOPIC_CONFIG = "veridict.dead.letter.topic";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(DEAD_LETTER_TOPIC_CONFIG);
        if (!(topic instanceof String name) || name.isBlank()) {
            throw new ConfigException(DEAD_LETTER_TOPIC_CONFIG, topic, "the dead-letter topic must be named");
        }
        deadLetterTopic = name;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String reason = RejectionReason.of(exception);
        LOG.warn("Unreadable record sent to {}: topic={} partition={} offset={} reason={} ({})",
                deadLetterTopic, record.topic(), record.partition(), record.offset(), reason, exception.getMessage());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.describe(headers, reason, exception.getMessage(), record.topic(), record.partition(), record.offset());
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(deadLetterTopic, null, record.key(), record.value(), headers);
        return Response.resume(List.of(dead));
    }
}
