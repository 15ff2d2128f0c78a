package io.veridict.api.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;

/** Kafka is reachable: the cluster answers a describe-cluster request in time. */
public final class KafkaHealthCheck extends HealthCheck {

    private final Admin admin;
    private final Duration timeout;

    public KafkaHealthCheck(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    @Override
    protected Result check() throws Exception {
        DescribeClusterResult cluster = admin.describeCluster();
        int brokers = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
        String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return Result.builder().healthy()
                .withDetail("clusterId", clusterId)
                .withDetail("brokers", brokers)
                .build();
    }
}
