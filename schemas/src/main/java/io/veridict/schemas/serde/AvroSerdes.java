package io.veridict.schemas.serde;

import io.veridict.schemas.registry.SchemaRegistryClient;
import java.util.Arrays;
import org.apache.avro.Schema;
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

    /**
     * A serde for record values that are any one of {@code branches}, written and read with the
     * union of their schemas in this order (registered under {@code <topic>-value}). All branches
     * MUST be generated classes of one package.
     */
    @SafeVarargs
    public static ConfluentAvroSerde<SpecificRecord> forUnionValue(SchemaRegistryClient registry,
                                                                   Class<? extends SpecificRecord>... branches) {
        TrustedSpecificData model = TrustedSpecificData.forClass(branches[0]);
        Schema union = Schema.createUnion(Arrays.stream(branches).map(model::getSchema).toList());
        return new ConfluentAvroSerde<>(new ConfluentAvroSerializer<>(registry, model, union, false, true),
                new ConfluentAvroDeserializer<>(registry, model, union));
    }

    /** A serde for record keys of {@code type}, registering under {@code <topic>-key}. */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forKey(
            SchemaRegistryClient registry, Class<T> type) {
        return new ConfluentAvroSerde<>(registry, type, true);
    }
}
