package io.veridict.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Commands the service has accepted but not chained yet: the lag of its Streams application
 * (consumer group) on the commands topic. An HTTP measurement starts only once the previous
 * one's backlog is chained, so no measurement pays for another's overload.
 */
final class ServiceBacklog {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Admin admin;
    private final String group;
    private final String commandsTopic;

    ServiceBacklog(Admin admin, String group, String commandsTopic) {
        this.admin = admin;
        this.group = group;
        this.commandsTopic = commandsTopic;
    }

    /**
     * Waits until the backlog is empty, at most {@code timeout}.
     *
     * @return the backlog left (0 when drained)
     */
    long awaitDrained(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left = size();
        while (left > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
            left = size();
        }
        return left;
    }

    /** @return end offsets of the commands topic minus the group's committed offsets */
    long size() throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(commandsTopic)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(commandsTopic).partitions().stream()
                .map(p -> new TopicPartition(commandsTopic, p.partition())).toList();
        Map<TopicPartition, ListOffsetsResultInfo> end = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata done = committed.get(tp);
            lag += end.get(tp).offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }
}
