package io.veridict.verifier;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.SignedCheckpoint;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.serde.AvroSerdeException;
import io.veridict.schemas.serde.ConfluentAvroDeserializer;
import io.veridict.schemas.serde.RegistryRequestException;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes the records a replay reads, all through one {@link SchemaRegistryClient}, so any
 * Confluent-compatible registry works: keys ({@link EntryKey}) and payload envelopes with the
 * Confluent deserialiser into the current classes, entry headers with the writer's schema
 * ({@link EntryHeaderDecoder}). Records written with exactly the current schemas, which is
 * nearly all of them, take the faster {@link DirectDecoders} to the same result.
 *
 * <p>Every method tells a bad record ({@link UnreadableRecordException}, a verification
 * finding) from a registry that cannot answer ({@link ReplayException}, no finding at all).
 */
final class RecordDecoders {

    private final Deserializer<EntryKey> keys;
    private final Deserializer<PayloadEnvelope> payloads;
    private final EntryHeaderDecoder headers;
    private final DirectDecoders direct;
    private final Deserializer<SignedCheckpoint> checkpoints;

    RecordDecoders(SchemaRegistryClient registry) {
        this.keys = new ConfluentAvroDeserializer<>(registry, EntryKey.class);
        this.payloads = new ConfluentAvroDeserializer<>(registry, PayloadEnvelope.class);
        this.headers = new EntryHeaderDecoder(registry);
        this.direct = new DirectDecoders(registry);
        this.checkpoints = new ConfluentAvroDeserializer<>(registry, SignedCheckpoint.class);
    }

    /** A checkpoints-topic value. */
    SignedCheckpoint checkpoint(String topic, byte[] value) throws UnreadableRecordException, ReplayException {
        if (value == null) {
            throw new UnreadableRecordException("no value: a checkpoint record holds a signed note");
        }
        return decode(checkpoints, topic, value);
    }

    EntryKey key(String topic, byte[] key) throws UnreadableRecordException, ReplayException {
        if (key == null) {
            throw new UnreadableRecordException("no key: records are keyed by (tenant, seq)");
        }
        EntryKey fast = direct.keyOrNull(key);
        return fast != null ? fast : decode(keys, topic, key);
    }

    /** @return the envelope, or null for a tombstone */
    PayloadEnvelope payload(String topic, byte[] value) throws UnreadableRecordException, ReplayException {
        if (value == null) {
            return null;
        }
        PayloadEnvelope fast = direct.payloadOrNull(value);
        return fast != null ? fast : decode(payloads, topic, value);
    }

    /** The headers of an entries-topic value: one, or each of a run's (docs/ledger-format.md §14). */
    List<EntryHeader> headers(byte[] value) throws UnreadableRecordException, ReplayException {
        List<EntryHeader> fast = direct.headersOrNull(value);
        return fast != null ? fast : headers.decode(value);
    }

    private static <T> T decode(Deserializer<T> deserializer, String topic, byte[] bytes)
            throws UnreadableRecordException, ReplayException {
        try {
            return deserializer.deserialize(topic, bytes);
        } catch (RegistryRequestException e) {
            throw new ReplayException(e.getMessage(), e);
        } catch (AvroSerdeException e) {
            throw new UnreadableRecordException(e.reason() + ": " + e.getMessage());
        }
    }
}
