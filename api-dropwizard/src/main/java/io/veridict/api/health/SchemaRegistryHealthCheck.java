package io.veridict.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.veridict.schemas.registry.SchemaRegistryClient;

/** The schema registry is reachable: it answers a request for its global configuration. */
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
