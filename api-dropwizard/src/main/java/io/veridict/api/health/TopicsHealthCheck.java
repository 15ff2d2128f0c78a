package io.veridict.api.health;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.annotation.Async;
import io.veridict.api.core.TopicBootstrap;
import io.veridict.streams.topics.TopicMismatch;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every Veridict topic exists with the partitions, replication and configs it needs.
 *
 * <p>Runs in the background every 5 s; {@code /healthcheck} answers from its last result, so a
 * slow answer of the topics never holds up a probe.
 */
@Async(period = 5, unit = TimeUnit.SECONDS, scheduleType = Async.ScheduleType.FIXED_DELAY,
        initialState = Async.InitialState.UNHEALTHY)
public final class TopicsHealthCheck extends HealthCheck {

    private final TopicBootstrap topics;

    public TopicsHealthCheck(TopicBootstrap topics) {
        this.topics = topics;
    }

    @Override
    protected Result check() {
        List<TopicMismatch> mismatches = topics.recheck();
        if (mismatches.isEmpty()) {
            return Result.healthy("topics as specified");
        }
        return Result.builder().unhealthy()
                .withMessage(mismatches.size() + " topic setting(s) differ from what Veridict expects")
                .withDetail("mismatches", mismatches.stream().map(TopicMismatch::toString).toList())
                .build();
    }
}
