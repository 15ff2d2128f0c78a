package io.veridict.schemas.serde;

/**
 * Confluent's default subject naming: a topic's value schemas live under {@code <topic>-value},
 * its key schemas under {@code <topic>-key}. Every Kafka tool that reads the wire format expects
 * it, so it is the only strategy Veridict uses.
 */
public final class TopicNameStrategy {

    private TopicNameStrategy() {
    }

    /** The subject of the key or value schemas of {@code topic}. */
    public static String subject(String topic, boolean isKey) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("a topic name is needed to name the subject");
        }
        return topic + (isKey ? "-key" : "-value");
    }
}
