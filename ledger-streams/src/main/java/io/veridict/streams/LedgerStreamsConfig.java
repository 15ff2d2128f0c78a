package io.veridict.streams;

import io.veridict.streams.errors.DeadLetterDeserializationHandler;
import io.veridict.streams.topics.LedgerTopics;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams settings the ledger topology depends on, whatever the deployment:
 * exactly-once v2 (a chain step commits with its outputs or not at all) and unreadable
 * records sent to the dead-letter topic instead of stopping the stream thread.
 */
public final class LedgerStreamsConfig {

    private LedgerStreamsConfig() {
    }

    /** The non-negotiable properties; deployment settings are added on top by the caller. */
    public static Properties required(LedgerTopics topics) {
        Properties p = new Properties();
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(DeadLetterDeserializationHandler.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetter().name());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return p;
    }
}
