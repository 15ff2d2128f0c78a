package io.veridict.streams.audit;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.streams.audit.AuditFailure.Kind;
import io.veridict.streams.audit.RecordLocation.KafkaRecord;
import io.veridict.streams.chain.TenantPartitioner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The second pass of a replay: the entries topic, partition by partition in offset order. Each
 * entry goes to its tenant's {@link TenantReplay} (by the tenant id in the header) with the
 * payload its key had in the index. An entry outside its tenant's partition, and a record that
 * cannot be decoded, fail the tenant its key names, or stand alone when even the key is
 * unreadable.
 */
final class EntryPass {

    private final ReplaySettings settings;
    private final RecordDecoders decoders;
    private final PayloadIndex payloads;
    private final int partitionCount;
    private final Map<String, TenantReplay> tenants = new TreeMap<>();
    private final List<AuditFailure> unattributed = new ArrayList<>();
    private long entriesRead;

    EntryPass(ReplaySettings settings, RecordDecoders decoders, PayloadIndex payloads, int partitionCount) {
        this.settings = settings;
        this.decoders = decoders;
        this.payloads = payloads;
        this.partitionCount = partitionCount;
        settings.tenants().forEach(this::tenant);
    }

    void accept(ConsumerRecord<byte[], byte[]> record) throws ReplayException {
        KafkaRecord where = new KafkaRecord(record.topic(), record.partition(), record.offset());
        EntryHeader header;
        try {
            header = decoders.header(record.value());
        } catch (UnreadableRecordException e) {
            unreadable(record, where, e.getMessage());
            return;
        }
        if (!settings.includes(header.tenantId())) {
            return;
        }
        entriesRead++;
        TenantReplay replay = tenant(header.tenantId());
        PayloadIndex.Seen payload = payloads.take(header.tenantId(), header.seq());
        if (record.partition() != replay.partition()) {
            replay.fail(Kind.WRONG_PARTITION, header.seq(), where, String.valueOf(replay.partition()),
                    String.valueOf(record.partition()), "an entry of tenant " + header.tenantId()
                            + " outside the tenant's partition: its chain is read from partition " + replay.partition());
            return;
        }
        replay.accept(header, payload, record.offset());
    }

    long entriesRead() {
        return entriesRead;
    }

    List<TenantResult> results() {
        List<TenantResult> results = new ArrayList<>();
        tenants.values().forEach(t -> results.add(t.finish()));
        return results;
    }

    /** One failure per failed tenant, in tenant order, then those no tenant can be blamed for. */
    List<AuditFailure> failures() {
        List<AuditFailure> failures = new ArrayList<>();
        tenants.values().forEach(t -> {
            t.finish();
            AuditFailure failure = t.failureOrNull();
            if (failure != null) {
                failures.add(failure);
            }
        });
        failures.addAll(unattributed);
        return failures;
    }

    private void unreadable(ConsumerRecord<byte[], byte[]> record, KafkaRecord where, String problem)
            throws ReplayException {
        EntryKey key;
        try {
            key = decoders.key(record.topic(), record.key());
        } catch (UnreadableRecordException e) {
            unattributed.add(new AuditFailure(Kind.UNREADABLE_RECORD, null, null, where, null, null,
                    "entry record that cannot be decoded, nor can its key: " + problem));
            return;
        }
        if (settings.includes(key.getTenantId())) {
            entriesRead++;
            tenant(key.getTenantId()).fail(Kind.UNREADABLE_RECORD, key.getSeq(), where, null, null,
                    "the entry record keyed (" + key.getTenantId() + ", " + key.getSeq() + ") cannot be decoded: " + problem);
        }
    }

    private TenantReplay tenant(String tenantId) {
        return tenants.computeIfAbsent(tenantId, t -> new TenantReplay(t, settings.entriesTopic(),
                settings.payloadsTopic(), TenantPartitioner.partitionOf(t, partitionCount)));
    }

}
