package io.veridict.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.veridict.api.core.LedgerStreams;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The ledger topology is RUNNING: chaining, and its stores readable. Rebalancing or
 * restoring counts as not ready, so a load balancer keeps requests away meanwhile.
 */
public final class StreamsHealthCheck extends HealthCheck {

    private final LedgerStreams streams;

    public StreamsHealthCheck(LedgerStreams streams) {
        this.streams = streams;
    }

    @Override
    protected Result check() {
        KafkaStreams.State state = streams.state();
        boolean healthy = state == KafkaStreams.State.RUNNING;
        HealthCheck.ResultBuilder result = healthy ? Result.builder().healthy() : Result.builder().unhealthy();
        return result.withMessage("streams state " + state).withDetail("state", state.name()).build();
    }
}
