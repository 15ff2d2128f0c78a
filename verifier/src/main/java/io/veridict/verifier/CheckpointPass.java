package io.veridict.verifier;

import io.veridict.schemas.avro.SignedCheckpoint;
import io.veridict.schemas.note.Checkpoint;
import io.veridict.schemas.note.NoteFormatException;
import io.veridict.schemas.note.OpenedCheckpoint;
import io.veridict.schemas.note.NoteVerifier;
import io.veridict.verifier.AuditFailure.Kind;
import io.veridict.verifier.RecordLocation.KafkaRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the ledger's checkpoints topic for a replay: each record must be a checkpoint note the
 * auditor's verifier key signed, for the tenant and size the record names. Those become claims on
 * the tenants' chains ({@link CheckpointWatch}); any other record is a
 * {@link Kind#CHECKPOINT_FORGED} failure (one per tenant). Not thread-safe.
 */
final class CheckpointPass {

    private final List<NoteVerifier> keys;
    private final ReplaySettings settings;
    private final EntryPass entries;
    private final List<AuditFailure> failures = new ArrayList<>();
    private final Set<String> failedTenants = new HashSet<>();
    private long read;

    CheckpointPass(List<NoteVerifier> keys, ReplaySettings settings, EntryPass entries) {
        this.keys = keys;
        this.settings = settings;
        this.entries = entries;
    }

    void accept(ConsumerRecord<byte[], byte[]> record, RecordDecoders decoders) throws ReplayException {
        KafkaRecord where = new KafkaRecord(record.topic(), record.partition(), record.offset());
        String keyTenant = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (keyTenant != null && !settings.includes(keyTenant)) {
            return;
        }
        read++;
        SignedCheckpoint value;
        try {
            value = decoders.checkpoint(record.topic(), record.value());
        } catch (UnreadableRecordException e) {
            forged(keyTenant, where, "a checkpoint record that cannot be decoded: " + e.getMessage());
            return;
        }
        String tenant = value.getTenantId();
        if (!tenant.equals(keyTenant)) {
            forged(keyTenant, where, "a checkpoint of tenant " + tenant + " keyed by " + keyTenant);
            return;
        }
        OpenedCheckpoint opened;
        try {
            opened = OpenedCheckpoint.open(value.getNote(), keys);
        } catch (NoteFormatException e) {
            forged(tenant, where, "a checkpoint " + keys.get(0).name() + " did not sign: " + e.getMessage());
            return;
        }
        Checkpoint checkpoint = opened.checkpoint();
        String origin = opened.originFor(tenant);
        if (!checkpoint.origin().equals(origin) || checkpoint.size() != value.getSize()) {
            forged(tenant, where, "a signed checkpoint of " + checkpoint.origin() + " size " + checkpoint.size()
                    + " filed as tenant " + tenant + "'s of size " + value.getSize());
            return;
        }
        entries.claim(tenant, new CheckpointWatch.Claim(checkpoint.size(), checkpoint.rootHash(),
                "the ledger's checkpoint at " + where.describe(), where));
    }

    /** Checkpoint records read for the tenants verified. */
    long read() {
        return read;
    }

    List<AuditFailure> failures() {
        return failures;
    }

    private void forged(String tenant, KafkaRecord where, String detail) {
        if (tenant == null || failedTenants.add(tenant)) {
            failures.add(new AuditFailure(Kind.CHECKPOINT_FORGED, tenant, null, where, "a checkpoint signed by " + keys.get(0).name(),
                    "not one", detail));
        }
    }
}
