package io.veridict.api.auth;

import io.veridict.schemas.avro.AccessRecord;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serde of the access view (the global store of tenants and keys): the registry's
 * serde, wrapped so that {@link AccessView} can read the bytes a tenant or key is stored as
 * without decoding them. Authentication decodes an entry only when its stored bytes differ from
 * the bytes it last decoded ({@link DecodedCache}); every request still reads the current bytes.
 *
 * <p>The store calls the deserializer on the reading thread. While that thread is inside
 * {@link #storedBytes}, the deserializer hands the bytes over instead of decoding them (and
 * answers {@code null}); everywhere else, including the global stream thread that fills the
 * store, it is the wrapped deserializer, unchanged.
 */
public final class AccessViewSerde implements Serde<AccessRecord> {

    private final Serde<AccessRecord> serde;
    private final Deserializer<AccessRecord> decoder;
    private final ThreadLocal<Capture> captures = ThreadLocal.withInitial(Capture::new);

    public AccessViewSerde(Serde<AccessRecord> serde) {
        this.serde = Objects.requireNonNull(serde, "serde");
        this.decoder = serde.deserializer();
    }

    /**
     * One stored value: its bytes and the topic the store named when it read them; or, should the
     * store have decoded it without this serde's deserializer, the decoded value ({@code bytes} null).
     */
    record Stored(String topic, byte[] bytes, AccessRecord decoded) {
    }

    /**
     * Runs {@code read}, a {@code get} on a store whose values this serde reads, and returns the
     * value's stored bytes undecoded; {@code null} when there is no value. Should the store have
     * decoded the value some other way (it was not built with this serde), that decoded value.
     */
    Stored storedBytes(Supplier<AccessRecord> read) {
        Capture capture = captures.get();
        if (capture.active) {
            throw new IllegalStateException("nested read of the access view");
        }
        capture.active = true;
        capture.topic = null;
        capture.bytes = null;
        AccessRecord decoded;
        try {
            decoded = read.get();
        } finally {
            capture.active = false;
        }
        String topic = capture.topic;
        byte[] bytes = capture.bytes;
        capture.topic = null;
        capture.bytes = null;
        if (decoded != null) {
            return new Stored(topic, null, decoded);
        }
        return bytes == null ? null : new Stored(topic, bytes, null);
    }

    /** Decodes {@code bytes}, which the store read for {@code topic}, exactly as the store would have. */
    AccessRecord decode(String topic, byte[] bytes) {
        return decoder.deserialize(topic, bytes);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serde.configure(configs, isKey);
    }

    @Override
    public void close() {
        serde.close();
    }

    @Override
    public Serializer<AccessRecord> serializer() {
        return serde.serializer();
    }

    @Override
    public Deserializer<AccessRecord> deserializer() {
        return new CapturingDeserializer(serde.deserializer());
    }

    /** What the deserializer was given on this thread during {@link #storedBytes}. */
    private static final class Capture {
        boolean active;
        String topic;
        byte[] bytes;
    }

    private final class CapturingDeserializer implements Deserializer<AccessRecord> {
        private final Deserializer<AccessRecord> delegate;

        CapturingDeserializer(Deserializer<AccessRecord> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            delegate.configure(configs, isKey);
        }

        @Override
        public AccessRecord deserialize(String topic, byte[] data) {
            return captured(topic, data) ? null : delegate.deserialize(topic, data);
        }

        @Override
        public AccessRecord deserialize(String topic, Headers headers, byte[] data) {
            return captured(topic, data) ? null : delegate.deserialize(topic, headers, data);
        }

        private boolean captured(String topic, byte[] data) {
            Capture capture = captures.get();
            if (!capture.active) {
                return false;
            }
            capture.topic = topic;
            capture.bytes = data;
            return true;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
