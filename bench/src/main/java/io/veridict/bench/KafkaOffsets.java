package io.veridict.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The end offset of every partition of every topic on the broker, Kafka's internal topics
 * ({@code __consumer_offsets}, {@code __transaction_state}) and Kafka Streams' changelog and
 * repartition topics included. The difference of two snapshots ({@link RecordsWritten#between})
 * is every record written in between: an end offset counts control records too, so each
 * transaction's commit markers (one per partition the transaction wrote) are in it.
 */
final class KafkaOffsets {

    private static final long TIMEOUT_S = 30;

    private final Admin admin;

    KafkaOffsets(Admin admin) {
        this.admin = admin;
    }

    /** @return the end offset of every partition now */
    Map<TopicPartition, Long> snapshot() throws Exception {
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(TIMEOUT_S, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }
}
