package io.veridict.schemas.serde;

import io.veridict.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A {@link Serde} of one generated Avro class in the Confluent wire format: a
 * {@link ConfluentAvroSerializer} (auto-registering) and a {@link ConfluentAvroDeserializer}
 * sharing one registry client. Build it with {@link AvroSerdes}.
 */
public class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    /**
     * @param registry the registry client, shared by both halves
     * @param type the generated class
     * @param isKey whether this serde handles record keys ({@code -key} subject)
     */
    public ConfluentAvroSerde(SchemaRegistryClient registry, Class<T> type, boolean isKey) {
        this(new ConfluentAvroSerializer<>(registry, type, isKey, true), new ConfluentAvroDeserializer<>(registry, type));
    }

    /** A serde of two halves built elsewhere (e.g. for a union schema). */
    ConfluentAvroSerde(ConfluentAvroSerializer<T> serializer, ConfluentAvroDeserializer<T> deserializer) {
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    /** Configures both halves; see {@link ConfluentAvroSerializer#configure(Map, boolean)}. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
