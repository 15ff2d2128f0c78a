package io.veridict.streams.audit;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.streams.audit.AuditFailure.Kind;
import io.veridict.streams.audit.PayloadIndex.Seen;
import io.veridict.streams.audit.PayloadIndex.State;
import io.veridict.streams.audit.RecordLocation.KafkaRecord;
import io.veridict.streams.chain.TenantPartitioner;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The first pass of a replay: the payloads topic, read into a {@link PayloadIndex}. A record
 * outside its tenant's partition is not indexed (no reader of that tenant would ever see it)
 * but reported as an orphan; a record whose key cannot be decoded is a failure of its own.
 */
final class PayloadPass {

    private static final HexFormat HEX = HexFormat.of();

    private final ReplaySettings settings;
    private final RecordDecoders decoders;
    private final int partitionCount;
    private final PayloadIndex index = new PayloadIndex();
    private final List<AuditFailure> unattributed = new ArrayList<>();
    private final List<OrphanPayload> misplaced = new ArrayList<>();

    PayloadPass(ReplaySettings settings, RecordDecoders decoders, int partitionCount) {
        this.settings = settings;
        this.decoders = decoders;
        this.partitionCount = partitionCount;
    }

    void accept(ConsumerRecord<byte[], byte[]> record) throws ReplayException {
        KafkaRecord where = new KafkaRecord(record.topic(), record.partition(), record.offset());
        EntryKey key;
        try {
            key = decoders.key(record.topic(), record.key());
        } catch (UnreadableRecordException e) {
            unattributed.add(new AuditFailure(Kind.UNREADABLE_RECORD, null, null, where, null, null,
                    "payload record whose key cannot be decoded: " + e.getMessage()));
            return;
        }
        String tenant = key.getTenantId();
        if (!settings.includes(tenant)) {
            return;
        }
        Seen seen = seen(record);
        int home = TenantPartitioner.partitionOf(tenant, partitionCount);
        if (record.partition() != home) {
            if (seen.state() != State.ERASED) {
                misplaced.add(new OrphanPayload(tenant, key.getSeq(), where, hashOrNull(seen),
                        "payload outside its tenant's partition " + home));
            }
            return;
        }
        index.put(tenant, key.getSeq(), seen);
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
        return seen.sha256OrNull() == null ? null : HEX.formatHex(seen.sha256OrNull());
    }

    private Seen seen(ConsumerRecord<byte[], byte[]> record) throws ReplayException {
        PayloadEnvelope envelope;
        try {
            envelope = decoders.payload(record.topic(), record.value());
        } catch (UnreadableRecordException e) {
            return new Seen(State.UNREADABLE, null, record.partition(), record.offset(), e.getMessage());
        }
        if (envelope == null) {
            return new Seen(State.ERASED, null, record.partition(), record.offset(), null);
        }
        if (envelope.getKeyId() != null) {
            return new Seen(State.ENCRYPTED, null, record.partition(), record.offset(), null);
        }
        ByteBuffer ciphertext = envelope.getCiphertext().duplicate();
        byte[] bytes = new byte[ciphertext.remaining()];
        ciphertext.get(bytes);
        return new Seen(State.PRESENT, LedgerHashes.payloadHash(bytes), record.partition(), record.offset(), null);
    }
}
