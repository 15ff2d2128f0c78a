package io.veridict.streams.topics;

/**
 * An existing topic whose shape differs from its {@link TopicSpec}.
 *
 * @param topic    the topic name
 * @param setting  what differs: {@code partitions}, {@code replication.factor} or a topic config key
 * @param expected what Veridict wants
 * @param actual   what the cluster has
 */
public record TopicMismatch(String topic, String setting, String expected, String actual) {

    @Override
    public String toString() {
        return topic + ": " + setting + " is " + actual + ", expected " + expected;
    }
}
