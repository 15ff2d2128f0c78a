package io.veridict.api.health;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.annotation.Async;
import io.veridict.schemas.registry.SchemaRegistryClient;
import java.util.concurrent.TimeUnit;

/**
 * The schema registry is reachable: it answers a request for its global configuration.
 *
 * <p>Runs in the background every 5 s; {@code /healthcheck} answers from its last result, so a
 * slow answer of the registry never holds up a probe.
 */
@Async(period = 5, unit = TimeUnit.SECONDS, scheduleType = Async.ScheduleType.FIXED_DELAY,
        initialState = Async.InitialState.UNHEALTHY)
public final class SchemaRegistryHealthCheck extends HealthCheck {

    private final SchemaRegistryClient registry;

    public SchemaRegistryHealthCheck(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    protected Result check() {
        String compatibility = registry.globalCompatibility();
        return Result.builder().healthy().withDetail("compatibility", compatibility).build();
    }
}
