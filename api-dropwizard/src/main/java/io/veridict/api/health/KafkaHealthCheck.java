package io.veridict.api.health;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.annotation.Async;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

/**
 * Kafka is reachable: the cluster answers a describe-cluster request within {@link #PROBE_TIMEOUT}.
 * Runs in the background every {@value #PERIOD_SECONDS} s ({@link Async}); {@code /healthcheck}
 * answers from the last result, so it never waits on a dead or frozen broker, and such a broker
 * turns this check red within a few seconds.
 */
@Async(period = KafkaHealthCheck.PERIOD_SECONDS, unit = TimeUnit.SECONDS, scheduleType = Async.ScheduleType.FIXED_DELAY,
        initialState = Async.InitialState.UNHEALTHY)
public final class KafkaHealthCheck extends HealthCheck {

    /** How often the probe runs. */
    static final int PERIOD_SECONDS = 2;
    /** How long the probe waits for the cluster. */
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(1500);

    private final Admin admin;
    private final Duration timeout;

    /** @param timeout the longest the probe waits: at most {@link #PROBE_TIMEOUT} */
    public KafkaHealthCheck(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout.compareTo(PROBE_TIMEOUT) < 0 ? timeout : PROBE_TIMEOUT;
    }

    @Override
    protected Result check() throws Exception {
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
        int brokers = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
        String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return Result.builder().healthy()
                .withDetail("clusterId", clusterId)
                .withDetail("brokers", brokers)
                .build();
    }
}
