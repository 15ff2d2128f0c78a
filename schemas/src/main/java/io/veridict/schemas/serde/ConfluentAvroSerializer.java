package io.veridict.schemas.serde;

import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in the Confluent wire format: magic byte {@code 0}, the 4-byte
 * big-endian schema id, the Avro binary encoding.
 *
 * <p>The id is that of the target class's schema under the topic's subject
 * ({@link TopicNameStrategy}: {@code <topic>-value}, or {@code <topic>-key} for a key
 * serialiser). With auto-registration (the default) the schema is registered on first use per
 * subject; without it the serialiser only looks the id up and fails with
 * {@link UnregisteredSchemaException} when it is absent. Ids are cached per subject, so the
 * registry is asked once per subject. {@code null} is written as {@code null} (a tombstone).
 *
 * <p>Failures are {@link AvroSerdeException}s naming the topic. Thread-safe.
 */
public class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    public static final String AUTO_REGISTER_SCHEMAS_DOC = "Whether the serialiser registers the"
            + " record schema under the topic's subject (true, default) or only looks up its id.";

    private final SchemaRegistryClient registry;
    private final Schema schema;
    private final DatumWriter<T> writer;
    /** The same bytes as {@link #writer}, faster; null for a schema it does not cover. */
    private final CompiledWriter<T> compiled;
    private final ConcurrentMap<String, Integer> idsBySubject = new ConcurrentHashMap<>();
    private volatile boolean isKey;
    private volatile boolean autoRegister;

    /**
     * @param registry where schemas are registered or looked up
     * @param type the generated class of the records
     * @param isKey whether this serialises record keys ({@code -key} subject)
     * @param autoRegister whether to register the schema, rather than only look up its id
     */
    public ConfluentAvroSerializer(
            SchemaRegistryClient registry, Class<T> type, boolean isKey, boolean autoRegister) {
        this(registry, TrustedSpecificData.forClass(type), TrustedSpecificData.forClass(type).getSchema(type), isKey,
                autoRegister);
    }

    /**
     * Writes with {@code schema}, e.g. a union of generated records (each record is written as
     * the union branch of its class), registered under the topic's subject like any other.
     *
     * @param model the data model of the generated classes {@code schema} names
     */
    public ConfluentAvroSerializer(SchemaRegistryClient registry, TrustedSpecificData model, Schema schema,
                                   boolean isKey, boolean autoRegister) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.writer = new SpecificDatumWriter<>(schema, model);
        this.compiled = CompiledWriter.of(schema, model);
        this.isKey = isKey;
        this.autoRegister = autoRegister;
    }

    /**
     * Takes the key/value role from {@code isKey} and, if present,
     * {@link #AUTO_REGISTER_SCHEMAS_CONFIG} (a boolean or "true"/"false") from {@code configs}.
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        Object value = configs.get(AUTO_REGISTER_SCHEMAS_CONFIG);
        if (value != null) {
            this.autoRegister = Boolean.parseBoolean(value.toString().trim());
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        int schemaId = schemaId(topic);
        if (compiled != null) {
            try {
                return write(schemaId, record, compiled::write);
            } catch (IOException | RuntimeException e) {
                // not a value the compiled writer takes: the datum writer writes it, or says what is wrong
            }
        }
        try {
            return write(schemaId, record, writer::write);
        } catch (IOException | AvroRuntimeException | NullPointerException
                 | ClassCastException e) {
            throw new InvalidRecordException(topic, schema.getFullName(), e);
        }
    }

    /** One way of writing a record's Avro body. */
    @FunctionalInterface
    private interface Body<T> {
        void write(T record, Encoder out) throws IOException;
    }

    private static <T> byte[] write(int schemaId, T record, Body<T> body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        WireFormat.writeHeader(out, schemaId);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        body.write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private int schemaId(String topic) {
        String subject = TopicNameStrategy.subject(topic, isKey);
        Integer cached = idsBySubject.get(subject);
        if (cached != null) {
            return cached;
        }
        int id;
        try {
            if (autoRegister) {
                id = registry.register(subject, schema);
            } else {
                id = registry.lookupId(subject, schema).orElseThrow(() ->
                        new UnregisteredSchemaException(topic, subject, schema.getFullName()));
            }
        } catch (SchemaRegistryException e) {
            String action = (autoRegister ? "registering " : "looking up ") + schema.getFullName()
                    + " under subject '" + subject + "'";
            throw new RegistryRequestException(topic, action, e);
        }
        idsBySubject.put(subject, id);
        return id;
    }
}
