package io.veridict.api.metrics;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Commands published but not yet chained on this instance: the sum of the stream threads'
 * consumer lag ({@code records-lag}) on the partitions of the commands topic this instance owns.
 * Summed over instances, the ledger's backlog.
 */
public final class ChainLag {

    private final KafkaStreams streams;
    private final String commandsTopic;

    public ChainLag(KafkaStreams streams, String commandsTopic) {
        this.streams = streams;
        this.commandsTopic = commandsTopic;
    }

    /** The current lag in commands; 0 before the consumers have fetched. */
    public double commands() {
        double lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                    && commandsTopic.equals(name.tags().get("topic")) && name.tags().containsKey("partition")
                    && metric.getValue().metricValue() instanceof Number value && !Double.isNaN(value.doubleValue())) {
                lag += value.doubleValue();
            }
        }
        return lag;
    }
}
