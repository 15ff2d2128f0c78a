package io.veridict.schemas.serde;

import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads records in the Confluent wire format into a generated Avro class.
 *
 * <p>The writer schema is fetched from the registry by the id in the record's header (cached
 * forever) and resolved against the target class's schema, so records written with older or
 * newer compatible schemas decode into the current class, missing fields taking their defaults.
 * {@code null} bytes (tombstones) decode to {@code null}.
 *
 * <p>Every failure is an {@link AvroSerdeException} naming the topic, with a stable reason code
 * for dead-letter handling: {@link UnknownMagicByteException}, {@link UnknownSchemaIdException},
 * {@link IncompatibleSchemaException}, {@link MalformedPayloadException} and
 * {@link RegistryRequestException}. Thread-safe.
 */
public class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private static final int MAX_INCOMPATIBILITIES_SHOWN = 3;

    private final SchemaRegistryClient registry;
    private final String typeName;
    private final TrustedSpecificData model;
    private final Schema readerSchema;
    private final ConcurrentMap<Integer, DatumReader<T>> readersByWriterId =
            new ConcurrentHashMap<>();

    /**
     * @param registry where writer schemas are fetched by id
     * @param type the generated class to decode into; its schema is the reader schema
     */
    public ConfluentAvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
        this(registry, TrustedSpecificData.forClass(Objects.requireNonNull(type, "type")),
                TrustedSpecificData.forClass(type).getSchema(type));
    }

    /**
     * Decodes into {@code readerSchema}, e.g. a union of generated records (a record decodes into
     * the class of the branch its writer schema resolves to).
     *
     * @param model the data model of the generated classes {@code readerSchema} names
     */
    public ConfluentAvroDeserializer(SchemaRegistryClient registry, TrustedSpecificData model, Schema readerSchema) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.model = Objects.requireNonNull(model, "model");
        this.readerSchema = Objects.requireNonNull(readerSchema, "readerSchema");
        this.typeName = readerSchema.getType() != Schema.Type.UNION ? readerSchema.getFullName()
                : readerSchema.getTypes().stream().map(Schema::getFullName).collect(Collectors.joining(" | ", "union [", "]"));
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int schemaId = WireFormat.schemaId(topic, data);
        DatumReader<T> reader = readerFor(topic, schemaId);
        int bodyLength = data.length - WireFormat.HEADER_SIZE;
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(data, WireFormat.HEADER_SIZE, bodyLength, null);
        try {
            T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new MalformedPayloadException(topic, "trailing bytes after the "
                        + typeName + " written with schema id " + schemaId, null);
            }
            return record;
        } catch (MalformedPayloadException | SecurityException e) {
            throw e; // ours, or a class Avro does not trust: not a property of these bytes
        } catch (IOException | RuntimeException e) {
            throw new MalformedPayloadException(topic, "the " + bodyLength + "-byte Avro body"
                    + " does not decode with writer schema id " + schemaId + " (" + e + ")", e);
        }
    }

    /** The resolving reader for records written with schema {@code schemaId}, cached. */
    private DatumReader<T> readerFor(String topic, int schemaId) {
        DatumReader<T> reader = readersByWriterId.get(schemaId);
        if (reader != null) {
            return reader;
        }
        Schema writerSchema = writerSchema(topic, schemaId);
        SchemaCompatibilityResult result = SchemaCompatibility
                .checkReaderWriterCompatibility(readerSchema, writerSchema).getResult();
        if (result.getCompatibility()
                != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            String details = result.getIncompatibilities().stream()
                    .limit(MAX_INCOMPATIBILITIES_SHOWN)
                    .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                    .collect(Collectors.joining("; "));
            throw new IncompatibleSchemaException(topic, schemaId, typeName, details);
        }
        reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
        DatumReader<T> previous = readersByWriterId.putIfAbsent(schemaId, reader);
        return previous != null ? previous : reader;
    }

    private Schema writerSchema(String topic, int schemaId) {
        try {
            return registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.isSchemaNotFound()) {
                throw new UnknownSchemaIdException(topic, schemaId, e);
            }
            throw new RegistryRequestException(topic, "fetching schema id " + schemaId, e);
        }
    }
}
