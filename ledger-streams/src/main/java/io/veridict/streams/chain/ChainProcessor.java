package io.veridict.streams.chain;

import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.KeyOperation;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.StoredEntry;
import io.veridict.schemas.avro.TenantOperation;
import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.schemas.format.LedgerHashes;
import java.nio.ByteBuffer;
import io.veridict.streams.access.AccessChanges;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Appends each accepted command to its tenant's hash chain.
 *
 * <p>One stream task owns a tenant's partition, so the read-modify-write of the head needs
 * no lock. Under exactly-once v2 the store updates and the forwarded entry, payload and
 * outcome commit together or not at all: a crash replays the command against the old
 * head. A command whose idempotency key was seen before never creates a second entry.
 */
public final class ChainProcessor implements Processor<String, LedgerCommand, String, ChainStep> {

    /** Reason code: the idempotency key was used before with a different request. */
    public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
    /** Reason code: the tenant already has a decision with this id. */
    public static final String DECISION_ID_TAKEN = "DECISION_ID_TAKEN";

    private ProcessorContext<String, ChainStep> context;

    private ChainProcessor() {
    }

    public static ProcessorSupplier<String, LedgerCommand, String, ChainStep> supplier() {
        return ChainProcessor::new;
    }

    private KeyValueStore<String, byte[]> heads;
    private KeyValueStore<Bytes, byte[]> idempotency;
    private KeyValueStore<Bytes, StoredEntry> entries;
    private KeyValueStore<Bytes, Long> decisions;
    private AccessChanges access;

    @Override
    public void init(ProcessorContext<String, ChainStep> context) {
        this.context = context;
        this.heads = context.getStateStore(ChainStores.HEADS);
        this.idempotency = context.getStateStore(ChainStores.IDEMPOTENCY);
        this.entries = context.getStateStore(ChainStores.ENTRIES);
        this.decisions = context.getStateStore(ChainStores.DECISIONS);
        this.access = new AccessChanges(context.getStateStore(ChainStores.ACCESS));
    }

    @Override
    public void process(Record<String, LedgerCommand> record) {
        String tenant = record.key();
        LedgerCommand command = record.value();
        byte[] fingerprint = CommandFingerprint.of(command);
        Bytes idempotencyKey = StoreKeys.idempotency(tenant, command.getIdempotencyKey());

        byte[] seen = idempotency.get(idempotencyKey);
        if (seen != null) {
            forward(record, replay(command, seen, fingerprint));
            return;
        }
        String decisionId = decisionIdOf(command);
        if (decisionId != null && decisions.get(StoreKeys.decision(tenant, decisionId)) != null) {
            forward(record, ChainStep.outcomeOnly(Receipts.conflict(command, DECISION_ID_TAKEN)));
            return;
        }
        Optional<String> refusal = access.check(tenant, command, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (refusal.isPresent()) {
            forward(record, ChainStep.outcomeOnly(Receipts.conflict(command, refusal.get())));
            return;
        }
        forward(record, append(tenant, command, decisionId, fingerprint, idempotencyKey));
    }

    private ChainStep append(String tenant, LedgerCommand command, String decisionId, byte[] fingerprint, Bytes idempotencyKey) {
        byte[] current = heads.get(tenant);
        ChainHead head = current == null ? ChainHead.genesis(tenant) : HeadCodec.decode(tenant, current);
        long seq = head.size();
        String entryId = UUID.randomUUID().toString();
        byte[] payload = payloadOf(command, decisionId);
        long recordedAt = context.currentSystemTimeMs();
        EntryHeader header = EntryHeader.seal(LedgerFormat.FORMAT_VERSION, tenant, seq, entryId,
                entryTypeOf(command).name(), command.getReceivedAt().toEpochMilli(), recordedAt,
                command.getActor().getKeyId(), command.getCorrelationId(),
                LedgerHashes.payloadHash(payload), head.chainHash());

        var entry = Receipts.toAvro(header, entryTypeOf(command));
        entries.put(StoreKeys.seq(tenant, seq), new StoredEntry(entry, ByteBuffer.wrap(payload), decisionId, command.getIdempotencyKey()));
        idempotency.put(idempotencyKey, ByteBuffer.allocate(fingerprint.length + Long.BYTES).put(fingerprint).putLong(seq).array());
        if (decisionId != null) {
            decisions.put(StoreKeys.decision(tenant, decisionId), seq);
        }
        heads.put(tenant, HeadCodec.encode(head.advance(header.leafHash(), header.chainHash())));

        PayloadEnvelope envelope = PayloadEnvelope.newBuilder().setEnvelopeVersion(1).setKeyId(null).setNonce(null)
                .setCiphertext(ByteBuffer.wrap(payload)).build();
        CommandOutcome outcome = Receipts.outcome(command, OutcomeStatus.CHAINED, Receipts.receipt(entry, decisionId));
        Map<String, AccessRecord> accessChanges = access.apply(tenant, command, seq, Instant.ofEpochMilli(recordedAt));
        return new ChainStep(new EntryKey(tenant, seq), entry, envelope, outcome, accessChanges);
    }

    private ChainStep replay(LedgerCommand command, byte[] seen, byte[] fingerprint) {
        byte[] originalFingerprint = Arrays.copyOf(seen, seen.length - Long.BYTES);
        if (!MessageDigest.isEqual(originalFingerprint, fingerprint)) {
            return ChainStep.outcomeOnly(Receipts.conflict(command, IDEMPOTENCY_KEY_REUSED));
        }
        long seq = ByteBuffer.wrap(seen, seen.length - Long.BYTES, Long.BYTES).getLong();
        StoredEntry original = entries.get(StoreKeys.seq(command.getTenantId(), seq));
        return ChainStep.outcomeOnly(Receipts.outcome(command, OutcomeStatus.DUPLICATE,
                Receipts.receipt(original.getHeader(), original.getDecisionId())));
    }

    private void forward(Record<String, LedgerCommand> record, ChainStep step) {
        context.forward(record.withValue(step));
    }

    private static String decisionIdOf(LedgerCommand command) {
        if (command.getBody() instanceof RecordDecision decision) {
            return decision.getDecisionId() != null ? decision.getDecisionId() : command.getCommandId();
        }
        return null;
    }

    private static byte[] payloadOf(LedgerCommand command, String decisionId) {
        if (command.getBody() instanceof RecordDecision decision) {
            return PayloadDocument.decision(decision, decisionId);
        }
        if (command.getBody() instanceof TenantOperation operation) {
            return PayloadDocument.tenantOperation(operation);
        }
        return PayloadDocument.keyOperation((KeyOperation) command.getBody());
    }

    private static EntryType entryTypeOf(LedgerCommand command) {
        if (command.getBody() instanceof RecordDecision) {
            return EntryType.DECISION;
        }
        return command.getBody() instanceof TenantOperation ? EntryType.TENANT_OPERATION : EntryType.KEY_OPERATION;
    }
}
