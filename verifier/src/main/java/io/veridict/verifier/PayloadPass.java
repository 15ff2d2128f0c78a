package io.veridict.verifier;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.verifier.AuditFailure.Kind;
import io.veridict.verifier.PayloadIndex.Seen;
import io.veridict.verifier.PayloadIndex.State;
import io.veridict.verifier.RecordLocation.KafkaRecord;
import io.veridict.schemas.format.PayloadAccounting.ErasureRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The first pass of a replay: the payloads topic, read into a {@link PayloadIndex}. A record
 * outside its tenant's partition is not indexed (no reader of that tenant would ever see it)
 * but reported as an orphan; a record whose key cannot be decoded is a failure of its own.
 *
 * <p>Each record is first {@linkplain #read read} on its own (decoded), which the reading
 * thread does, then {@linkplain #accept accepted} in offset order: its payload hashed and
 * indexed. The hash is taken on the accepting thread, which has little else to do in this
 * pass, while the reading thread fetches and decodes.
 */
final class PayloadPass {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] RETENTION_OPERATION_START = "{\"approve_by\":".getBytes(StandardCharsets.US_ASCII);

    /**
     * A payload record on its own.
     *
     * @param where            where it was read
     * @param keyOrNull        its key, or null if it cannot be decoded
     * @param keyProblemOrNull why the key cannot be decoded
     * @param heldOrNull       what it holds; null when the key is unreadable or its tenant is not verified
     * @param home             the partition its tenant lives in, when {@code heldOrNull} is not null
     */
    record Read(KafkaRecord where, EntryKey keyOrNull, String keyProblemOrNull, Held heldOrNull, int home) {
    }

    /**
     * What a payload record holds, before hashing.
     *
     * @param state         what kind of value
     * @param payloadOrNull the clear-text payload bytes when {@link State#PRESENT}
     * @param saltOrNull    the salt stored with them (format version 2), or null
     * @param problemOrNull why it is unreadable, for {@link State#UNREADABLE}
     */
    record Held(State state, byte[] payloadOrNull, byte[] saltOrNull, String problemOrNull) {
    }

    private final PayloadIndex index = new PayloadIndex();
    private final List<AuditFailure> unattributed = new ArrayList<>();
    private final List<OrphanPayload> misplaced = new ArrayList<>();

    /**
     * Decodes a payload record, needing nothing of the records before it.
     *
     * @param decoders the calling thread's decoders
     * @param homes    the calling thread's partitions of tenants
     * @throws ReplayException if the registry cannot answer
     */
    static Read read(ConsumerRecord<byte[], byte[]> record, RecordDecoders decoders, ReplaySettings settings,
                     TenantHomes homes) throws ReplayException {
        KafkaRecord where = new KafkaRecord(record.topic(), record.partition(), record.offset());
        EntryKey key;
        try {
            key = decoders.key(record.topic(), record.key());
        } catch (UnreadableRecordException e) {
            return new Read(where, null, e.getMessage(), null, -1);
        }
        if (!settings.includes(key.getTenantId())) {
            return new Read(where, key, null, null, -1);
        }
        return new Read(where, key, null, held(record, decoders), homes.of(key.getTenantId()));
    }

    /** Takes the next record read, in offset order. */
    void accept(Read read) {
        if (read.keyOrNull() == null) {
            unattributed.add(new AuditFailure(Kind.UNREADABLE_RECORD, null, null, read.where(), null, null,
                    "payload record whose key cannot be decoded: " + read.keyProblemOrNull()));
            return;
        }
        Held held = read.heldOrNull();
        if (held == null) {
            return; // a tenant not verified
        }
        Seen seen = seen(held, read.where(), read.keyOrNull().getSeq());
        String tenant = read.keyOrNull().getTenantId();
        long seq = read.keyOrNull().getSeq();
        int home = read.home();
        if (read.where().partition() != home) {
            if (seen.state() != State.ERASED) {
                misplaced.add(new OrphanPayload(tenant, seq, read.where(), hashOrNull(seen),
                        "payload outside its tenant's partition " + home));
            }
            return;
        }
        index.put(tenant, seq, seen);
    }

    PayloadIndex index() {
        return index;
    }

    List<AuditFailure> unattributedFailures() {
        return unattributed;
    }

    List<OrphanPayload> misplacedPayloads() {
        return misplaced;
    }

    static String hashOrNull(Seen seen) {
        return seen.hashOrNull() == null ? null : HEX.formatHex(seen.hashOrNull());
    }

    /** What the index keeps of a record: the payload hash its bytes and salt make (spec §4.4), not the bytes. */
    private static Seen seen(Held held, KafkaRecord where, long seq) {
        byte[] payload = held.payloadOrNull();
        byte[] salt = held.saltOrNull();
        if (payload == null) {
            return new Seen(held.state(), null, false, where.partition(), where.offset(), held.problemOrNull());
        }
        ErasureRecord erasure = mayBeErasureRecord(payload) ? ErasureRecord.parseOrNull(seq, payload) : null;
        if (salt == null) {
            return new Seen(held.state(), LedgerHashes.payloadHash(payload), false, where.partition(), where.offset(),
                    null, erasure);
        }
        if (salt.length != LedgerFormat.SALT_SIZE) {
            return new Seen(held.state(), null, true, where.partition(), where.offset(),
                    "the salt stored with the payload has " + salt.length + " bytes, not " + LedgerFormat.SALT_SIZE);
        }
        return new Seen(held.state(), LedgerHashes.saltedPayloadHash(salt, payload), true, where.partition(),
                where.offset(), null, erasure);
    }

    /**
     * Whether the canonical bytes may be a {@code retention_operation} payload, whose first member
     * in canonical order is {@code approve_by}: every other payload is ruled out without parsing.
     */
    private static boolean mayBeErasureRecord(byte[] payload) {
        if (payload.length < RETENTION_OPERATION_START.length) {
            return false;
        }
        for (int i = 0; i < RETENTION_OPERATION_START.length; i++) {
            if (payload[i] != RETENTION_OPERATION_START[i]) {
                return false;
            }
        }
        return true;
    }

    private static Held held(ConsumerRecord<byte[], byte[]> record, RecordDecoders decoders) throws ReplayException {
        PayloadEnvelope envelope;
        try {
            envelope = decoders.payload(record.topic(), record.value());
        } catch (UnreadableRecordException e) {
            return new Held(State.UNREADABLE, null, null, e.getMessage());
        }
        if (envelope == null) {
            return new Held(State.ERASED, null, null, null);
        }
        if (envelope.getKeyId() != null) {
            return new Held(State.ENCRYPTED, null, null, null);
        }
        return new Held(State.PRESENT, bytesOf(envelope.getCiphertext()),
                envelope.getSalt() == null ? null : bytesOf(envelope.getSalt()), null);
    }

    /** The buffer's bytes: the decoder's own array when the buffer is all of it, else a copy. */
    private static byte[] bytesOf(ByteBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
