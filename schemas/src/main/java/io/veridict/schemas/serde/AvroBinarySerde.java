package io.veridict.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary of one generated class, without the Confluent header or a registry:
 * for values only this service reads back (state stores and their changelogs), where a
 * registry round trip buys nothing. Writer and reader schema are both the class's own, so
 * a change to a stored type MUST come with a new store (or a migration).
 */
public final class AvroBinarySerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final SpecificDatumWriter<T> writer;
    /** The same bytes as {@link #writer}, faster; null for a schema it does not cover. */
    private final CompiledWriter<T> compiled;
    private final SpecificDatumReader<T> reader;
    /** One output buffer and encoder per thread: the serde is shared by every stream thread's stores. */
    private final ThreadLocal<Output> output = ThreadLocal.withInitial(Output::new);

    public AvroBinarySerde(Class<T> type) {
        TrustedSpecificData model = TrustedSpecificData.forClass(type);
        org.apache.avro.Schema schema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, model);
        this.compiled = CompiledWriter.of(schema, model);
        this.reader = new SpecificDatumReader<>(schema, schema, model);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return write(data, output.get());
        } catch (IOException | RuntimeException e) {
            throw new InvalidRecordException(topic, data.getSchema().getFullName(), e);
        }
    }

    private byte[] write(T data, Output buffer) throws IOException {
        if (compiled != null) {
            try {
                start(buffer);
                compiled.write(data, buffer.encoder);
                buffer.encoder.flush();
                return buffer.bytes.toByteArray();
            } catch (RuntimeException e) {
                // not a value the compiled writer takes: the datum writer writes it, or says what is wrong
            }
        }
        start(buffer);
        writer.write(data, buffer.encoder);
        buffer.encoder.flush();
        return buffer.bytes.toByteArray();
    }

    private static void start(Output buffer) {
        // Reconfiguring flushes what a failed write left in the encoder; the reset drops it after.
        buffer.encoder = EncoderFactory.get().binaryEncoder(buffer.bytes, buffer.encoder);
        buffer.bytes.reset();
    }

    /** A thread's reusable buffer and encoder. */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        private BinaryEncoder encoder;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, null);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new MalformedPayloadException(topic, "cannot decode stored Avro value", e);
        }
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the class fixes the schema
    }

    @Override
    public void close() {
        // holds no resources
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
