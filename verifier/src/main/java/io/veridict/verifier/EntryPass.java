package io.veridict.verifier;

import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.verifier.AuditFailure.Kind;
import io.veridict.verifier.RecordLocation.KafkaRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
 *
 * <p>Each record is first {@linkplain #read read} on its own (decoded), which the reading
 * thread does, then {@linkplain #accept accepted} in offset order.
 */
final class EntryPass {

    /**
     * An entry record on its own.
     *
     * @param where            where it was read
     * @param headersOrNull    its headers (one, or a run's), or null if the value cannot be decoded
     * @param problemOrNull    why the value cannot be decoded
     * @param keyOrNull        when the value cannot be decoded: its key, or null if that cannot be decoded either
     */
    record Read(KafkaRecord where, List<EntryHeader> headersOrNull, String problemOrNull, EntryKey keyOrNull) {
    }

    private final ReplaySettings settings;
    private final PayloadIndex payloads;
    private final PayloadIndex late;
    private final int partitionCount;
    private final Map<String, TenantReplay> tenants = new HashMap<>(); // looked up per entry; sorted for the report
    private final List<AuditFailure> unattributed = new ArrayList<>();
    private long entriesRead;

    /**
     * @param late payloads committed after the payloads snapshot, looked up only for an entry
     *             whose payload the snapshot does not have (it was chained in between)
     */
    EntryPass(ReplaySettings settings, PayloadIndex payloads, PayloadIndex late, int partitionCount) {
        this(settings, payloads, late, partitionCount, null);
    }

    /**
     * @param pinnedOrNull a checkpoint kept from an earlier audit: its tenant's chain is judged
     *                     against it (and verified even when it has no entry left)
     */
    EntryPass(ReplaySettings settings, PayloadIndex payloads, PayloadIndex late, int partitionCount,
              PinnedCheckpoint pinnedOrNull) {
        this.late = late;
        this.settings = settings;
        this.payloads = payloads;
        this.partitionCount = partitionCount;
        settings.tenants().forEach(this::tenant);
        if (pinnedOrNull != null && settings.includes(pinnedOrNull.tenantId())) {
            tenant(pinnedOrNull.tenantId()).claim(pinnedOrNull.claim());
        }
    }

    /**
     * Decodes an entry record, needing nothing of the records before it; the key only when the
     * value cannot be decoded.
     *
     * @param decoders the calling thread's decoders
     * @throws ReplayException if the registry cannot answer
     */
    static Read read(ConsumerRecord<byte[], byte[]> record, RecordDecoders decoders) throws ReplayException {
        KafkaRecord where = new KafkaRecord(record.topic(), record.partition(), record.offset());
        try {
            return new Read(where, decoders.headers(record.value()), null, null);
        } catch (UnreadableRecordException e) {
            try {
                return new Read(where, null, e.getMessage(), decoders.key(record.topic(), record.key()));
            } catch (UnreadableRecordException keyProblem) {
                return new Read(where, null, e.getMessage(), null);
            }
        }
    }

    /** Takes the next record read, partition by partition in offset order. */
    void accept(Read read) {
        if (read.headersOrNull() == null) {
            unreadable(read);
            return;
        }
        for (EntryHeader header : read.headersOrNull()) {
            accept(header, read.where());
        }
    }

    private void accept(EntryHeader header, KafkaRecord where) {
        if (!settings.includes(header.tenantId())) {
            return;
        }
        entriesRead++;
        TenantReplay replay = tenant(header.tenantId());
        PayloadIndex.Seen payload = payloads.take(header.tenantId(), header.seq());
        if (payload == null) {
            payload = late.take(header.tenantId(), header.seq());
        }
        if (where.partition() != replay.partition()) {
            replay.fail(Kind.WRONG_PARTITION, header.seq(), where, String.valueOf(replay.partition()),
                    String.valueOf(where.partition()), "an entry of tenant " + header.tenantId()
                            + " outside the tenant's partition: its chain is read from partition " + replay.partition());
            return;
        }
        replay.accept(header, payload, where.offset());
    }

    /** A signed checkpoint of {@code tenantId}'s tree that its chain must hold (if the tenant is verified). */
    void claim(String tenantId, CheckpointWatch.Claim claim) {
        if (settings.includes(tenantId)) {
            tenant(tenantId).claim(claim);
        }
    }

    /** Signed checkpoints whose tree the chains were found to make. */
    long checkpointsHeld() {
        return tenants.values().stream().mapToLong(TenantReplay::checkpointsHeld).sum();
    }

    long entriesRead() {
        return entriesRead;
    }

    List<TenantResult> results() {
        List<TenantResult> results = new ArrayList<>();
        inTenantOrder().forEach(t -> results.add(t.finish()));
        return results;
    }

    /** One failure per failed tenant, in tenant order, then those no tenant can be blamed for. */
    List<AuditFailure> failures() {
        List<AuditFailure> failures = new ArrayList<>();
        inTenantOrder().forEach(t -> {
            t.finish();
            AuditFailure failure = t.failureOrNull();
            if (failure != null) {
                failures.add(failure);
            }
        });
        failures.addAll(unattributed);
        return failures;
    }

    private void unreadable(Read read) {
        EntryKey key = read.keyOrNull();
        if (key == null) {
            unattributed.add(new AuditFailure(Kind.UNREADABLE_RECORD, null, null, read.where(), null, null,
                    "entry record that cannot be decoded, nor can its key: " + read.problemOrNull()));
            return;
        }
        if (settings.includes(key.getTenantId())) {
            entriesRead++;
            tenant(key.getTenantId()).fail(Kind.UNREADABLE_RECORD, key.getSeq(), read.where(), null, null,
                    "the entry record keyed (" + key.getTenantId() + ", " + key.getSeq() + ") cannot be decoded: "
                            + read.problemOrNull());
        }
    }

    private Collection<TenantReplay> inTenantOrder() {
        return new TreeMap<>(tenants).values();
    }

    private TenantReplay tenant(String tenantId) {
        TenantReplay replay = tenants.get(tenantId);
        if (replay == null) {
            replay = new TenantReplay(tenantId, settings.entriesTopic(), settings.payloadsTopic(),
                    TenantPartitions.partitionOf(tenantId, partitionCount));
            tenants.put(tenantId, replay);
        }
        return replay;
    }

}
