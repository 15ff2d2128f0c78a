package io.veridict.schemas.serde;

import io.veridict.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds Confluent-wire-format serdes for generated Avro classes, e.g.
 * {@code AvroSerdes.forValue(registry, LedgerCommand.class)}. Schemas are registered
 * automatically under {@code <topic>-value} or {@code <topic>-key}.
 */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A serde for record values of {@code type}, registering under {@code <topic>-value}. */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forValue(
            SchemaRegistryClient registry, Class<T> type) {
        return new ConfluentAvroSerde<>(registry, type, false);
    }

    /** A serde for record keys of {@code type}, registering under {@code <topic>-key}. */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forKey(
            SchemaRegistryClient registry, Class<T> type) {
        return new ConfluentAvroSerde<>(registry, type, true);
    }
}
