package io.veridict.bench;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * Records written to each topic between two {@link KafkaOffsets} snapshots: for every partition
 * of the later snapshot, its end offset minus the earlier one's (0 for a partition that did not
 * exist yet). Data records and control records (transaction markers) alike.
 *
 * @param byTopic records written per topic, in name order; topics with none are left out
 */
record RecordsWritten(Map<String, Long> byTopic) {

    RecordsWritten {
        byTopic = Map.copyOf(byTopic);
    }

    /**
     * @param before end offsets before
     * @param after  end offsets after
     * @throws IllegalArgumentException when an end offset went back (a topic deleted and made anew)
     */
    static RecordsWritten between(Map<TopicPartition, Long> before, Map<TopicPartition, Long> after) {
        Map<String, Long> byTopic = new TreeMap<>();
        for (Map.Entry<TopicPartition, Long> end : after.entrySet()) {
            long written = end.getValue() - before.getOrDefault(end.getKey(), 0L);
            if (written < 0) {
                throw new IllegalArgumentException("the end offset of " + end.getKey() + " went back from "
                        + before.get(end.getKey()) + " to " + end.getValue());
            }
            if (written > 0) {
                byTopic.merge(end.getKey().topic(), written, Long::sum);
            }
        }
        return new RecordsWritten(byTopic);
    }

    /** @return every record written */
    long total() {
        return byTopic.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return records written to Kafka Streams' changelog and repartition topics */
    long streamsInternal() {
        return sum(topic -> topic.endsWith("-changelog") || topic.endsWith("-repartition"));
    }

    /** @return records written to the broker's own topics ({@code __consumer_offsets}, {@code __transaction_state}) */
    long brokerInternal() {
        return sum(topic -> topic.startsWith("__"));
    }

    /** @return {@code records / entries}, or {@code NaN} without entries */
    static double perEntry(long records, long entries) {
        return entries > 0 ? records / (double) entries : Double.NaN;
    }

    /** @return the topics with the most records first, e.g. {@code "veridict.entries 1,020, ..."}, for the log */
    String describe(long entries) {
        return byTopic.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .map(e -> e.getKey() + " " + Table.number(perEntry(e.getValue(), entries)))
                .collect(Collectors.joining(", ", "records per entry by topic: ", ""));
    }

    private long sum(java.util.function.Predicate<String> topics) {
        return byTopic.entrySet().stream().filter(e -> topics.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }
}
