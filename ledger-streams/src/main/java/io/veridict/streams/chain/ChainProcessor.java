package io.veridict.streams.chain;

import io.veridict.streams.RefusalCode;
import io.veridict.schemas.avro.AccessRecord;
import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.ActorKind;
import io.veridict.schemas.avro.CommandOutcome;
import io.veridict.schemas.avro.DecisionGroup;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.ErasureRequest;
import io.veridict.schemas.avro.ErasureTarget;
import io.veridict.schemas.avro.EntryOrigin;
import io.veridict.schemas.avro.EntryReceipt;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.KeyOperation;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.OutcomeStatus;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.PolicyRequest;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.RetentionRequest;
import io.veridict.schemas.avro.RetentionRequestType;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.avro.Sha256;
import io.veridict.schemas.avro.TenantOperation;
import io.veridict.schemas.avro.WrappedDataKey;
import io.veridict.schemas.format.ChainHead;
import io.veridict.schemas.avro.SignedCheckpoint;
import java.util.LinkedHashSet;
import java.util.Set;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.LedgerFormat;
import io.veridict.schemas.format.MerkleProofs;
import io.veridict.schemas.format.LedgerHashes;
import io.veridict.streams.IdempotencyKeys;
import io.veridict.streams.LedgerSerdes;
import io.veridict.streams.access.AccessChanges;
import io.veridict.streams.crypto.KeyUnavailableException;
import io.veridict.streams.crypto.LedgerCrypto;
import io.veridict.streams.crypto.OpenedPayload;
import io.veridict.streams.crypto.PayloadOpener;
import io.veridict.streams.crypto.PayloadSealer;
import io.veridict.streams.policy.DecisionEvaluation;
import io.veridict.streams.policy.PolicyChanges;
import io.veridict.streams.policy.PolicyOperation;
import io.veridict.streams.crypto.RandomBytes;
import io.veridict.streams.crypto.SubjectKeys;
import io.veridict.streams.retention.RetentionChanges;
import io.veridict.streams.retention.RetentionOperation;
import io.veridict.streams.retention.RetentionPlan;
import io.veridict.streams.store.TopicHistory;
import io.veridict.streams.topics.LedgerTopics;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each accepted command to its tenant's hash chain, as one contiguous run of entries.
 *
 * <p>One stream task owns a tenant's partition, so the read-modify-write of the head needs
 * no lock. Under exactly-once v2 the head, the run, its payloads and the outcomes commit
 * together or not at all: a crash replays the command against the old head. An item whose
 * idempotency key was seen before never creates a second entry.
 *
 * <p>A single command is one item. A {@link DecisionGroup} is several: an atomic group (a batch)
 * chains all of its items or none; a plain group chains each item on its own, as if each had been
 * sent alone.
 */
public final class ChainProcessor implements Processor<String, LedgerCommand, String, ChainStep> {


    private static final Logger LOG = LoggerFactory.getLogger(ChainProcessor.class);
    /** How often expired retention proposals are looked for. */
    private static final java.time.Duration EXPIRY_SWEEP = java.time.Duration.ofSeconds(1);

    private final LedgerTopics topics;
    private final LedgerSerdes serdes;
    private final TopicHistory history;
    private final LedgerCrypto crypto;
    private final EntryIds entryIds = new EntryIds();
    private final RandomBytes salts = new RandomBytes();
    private PayloadSealer sealer;
    private SubjectKeys subjects;
    private KeyValueStore<Bytes, WrappedDataKey> keys;
    private RetentionChanges retention;
    private PolicyChanges policies;
    private PayloadOpener opener;
    private ProcessorContext<String, ChainStep> context;
    private KeyValueStore<String, byte[]> heads;
    private Projections projections;
    private AccessChanges access;

    private final CheckpointSchedule checkpoints;
    /** Tenants whose tree grew since their last scheduled checkpoint. */
    private final Set<String> unsigned = new LinkedHashSet<>();

    private ChainProcessor(LedgerTopics topics, LedgerSerdes serdes, TopicHistory history, LedgerCrypto crypto,
                           CheckpointSchedule checkpoints) {
        this.topics = topics;
        this.serdes = serdes;
        this.history = history;
        this.crypto = crypto;
        this.checkpoints = checkpoints;
    }

    /**
     * @param history where the projections are caught up from when the task starts
     * @param crypto    seals the payloads
     */
    public static ProcessorSupplier<String, LedgerCommand, String, ChainStep> supplier(LedgerTopics topics,
                                                                                      LedgerSerdes serdes,
                                                                                      TopicHistory history,
                                                                                      LedgerCrypto crypto) {
        return supplier(topics, serdes, history, crypto, CheckpointSchedule.OFF);
    }

    /**
     * @param checkpoints when and with which key tenants' trees are signed onto the checkpoints topic
     */
    public static ProcessorSupplier<String, LedgerCommand, String, ChainStep> supplier(LedgerTopics topics,
                                                                                      LedgerSerdes serdes,
                                                                                      TopicHistory history,
                                                                                      LedgerCrypto crypto,
                                                                                      CheckpointSchedule checkpoints) {
        return () -> new ChainProcessor(topics, serdes, history, crypto, checkpoints);
    }

    @Override
    public void init(ProcessorContext<String, ChainStep> context) {
        this.context = context;
        this.heads = context.getStateStore(ChainStores.HEADS);
        this.access = new AccessChanges(context.getStateStore(ChainStores.ACCESS));
        this.projections = Projections.of(context);
        this.keys = context.getStateStore(ChainStores.KEYS);
        this.sealer = new PayloadSealer(crypto, this::keep);
        this.subjects = new SubjectKeys(crypto, tenant -> keys.get(StoreKeys.dataKey(tenant, SubjectKeys.KEY_ID)), this::keep);
        rewrapDataKeys(keys);
        this.retention = new RetentionChanges(context.getStateStore(ChainStores.RETENTION), access::keyState);
        this.policies = new PolicyChanges(context.getStateStore(ChainStores.POLICIES));
        this.opener = new PayloadOpener(crypto.kms(), (tenant, keyId) -> keys.get(StoreKeys.dataKey(tenant, keyId)));
        rebuild().catchUp();
        context.schedule(EXPIRY_SWEEP, PunctuationType.WALL_CLOCK_TIME, now -> expireProposals(Instant.ofEpochMilli(now)));
        if (checkpoints.on()) {
            // A restart cannot tell which trees grew after their last checkpoint: sign each once.
            try (KeyValueIterator<String, byte[]> all = heads.all()) {
                all.forEachRemaining(head -> unsigned.add(head.key));
            }
            context.schedule(checkpoints.interval(), PunctuationType.WALL_CLOCK_TIME, this::signCheckpoints);
        }
    }

    /**
     * Signs the tree of every tenant that grew since its last checkpoint, onto the checkpoints
     * topic, in the task's transaction: a checkpoint is visible only with the entries it signs.
     */
    private void signCheckpoints(long now) {
        for (String tenant : unsigned) {
            byte[] current = heads.get(tenant);
            if (current == null) {
                continue;
            }
            ChainHead head = HeadCodec.decode(tenant, current);
            SignedCheckpoint signed = new SignedCheckpoint(tenant, head.size(), checkpoints.sign(head, Instant.ofEpochMilli(now)));
            context.forward(new Record<>(tenant, ChainStep.signed(signed), now));
        }
        unsigned.clear();
    }

    /**
     * Records the expiry of every retention proposal of this task's tenants whose time ran out, as
     * the service's own command ({@link IdempotencyKeys#retentionExpiry}, a namespace no client can
     * write), chained like any other.
     */
    private void expireProposals(Instant now) {
        for (String[] expired : retention.expired(now)) {
            LedgerCommand command = LedgerCommand.newBuilder()
                    .setCommandId(UUID.randomUUID().toString())
                    .setTenantId(expired[0])
                    .setIdempotencyKey(IdempotencyKeys.retentionExpiry(expired[1]))
                    .setCorrelationId("retention-expiry")
                    .setActor(Actor.newBuilder().setKind(ActorKind.SYSTEM).setKeyId(null).build())
                    .setReceivedAt(now)
                    .setBody(new RetentionRequest(RetentionRequestType.EXPIRE, null, expired[1], null, null, null, null, null))
                    .build();
            process(new Record<>(expired[0], command, now.toEpochMilli()));
        }
    }

    /**
     * Rewraps every data key of this task that an earlier KEK wrapped, so that KEK can be retired
     * once every task has started under the new one. A key whose KEK is gone is logged (by id,
     * never by value) and left as it is: its payloads stay unreadable until that KEK is back.
     */
    private void rewrapDataKeys(KeyValueStore<Bytes, WrappedDataKey> keys) {
        List<WrappedDataKey> rewrapped = new ArrayList<>();
        try (KeyValueIterator<Bytes, WrappedDataKey> all = keys.all()) {
            while (all.hasNext()) {
                WrappedDataKey stored = all.next().value;
                try {
                    WrappedDataKey fresh = sealer.rewrapOrNull(stored);
                    if (fresh != null) {
                        rewrapped.add(fresh);
                    }
                } catch (KeyUnavailableException e) {
                    LOG.warn("data key {} of tenant {} cannot be rewrapped: {}", stored.getKeyId(), stored.getTenantId(),
                            e.getMessage());
                }
            }
        }
        rewrapped.forEach(this::keep);
        if (!rewrapped.isEmpty()) {
            LOG.info("rewrapped {} data keys of task {} under key-encryption key {}", rewrapped.size(), context.taskId(),
                    crypto.kms().currentKekId());
        }
    }

    /** Stores a wrapped key (data key or subject key) under its tenant and id. */
    private void keep(WrappedDataKey key) {
        keys.put(StoreKeys.dataKey(key.getTenantId(), key.getKeyId()), key);
    }

    @Override
    public void close() {
        sealer.forget();
        subjects.forget();
        rebuild().markEntriesApplied();
    }

    private ProjectionRebuild rebuild() {
        return new ProjectionRebuild(projections, heads, history, topics, serdes, context.taskId().partition());
    }

    @Override
    public void process(Record<String, LedgerCommand> record) {
        String tenant = record.key();
        LedgerCommand command = record.value();
        Run run = new Run(tenant);
        List<ChainItem> items = ChainItem.of(command);
        if (command.getBody() instanceof DecisionGroup group && group.getAtomic()) {
            chainAtomically(items, run);
        } else {
            for (ChainItem item : items) {
                chainAlone(item, run);
            }
        }
        run.finish();
        context.forward(record.withValue(run.step()));
    }

    /** Chains {@code item}, or answers it as a duplicate or a conflict. */
    private void chainAlone(ChainItem item, Run run) {
        Digests digests = Digests.of(item);
        Check check = check(item, digests, run);
        if (check.duplicateOf != null) {
            run.outcome(Receipts.outcome(item, OutcomeStatus.DUPLICATE, duplicateReceipt(item, check.duplicateOf)));
        } else if (check.refusal != null) {
            run.outcome(Receipts.conflict(item, check.refusal));
        } else {
            run.append(item, digests);
        }
    }

    /**
     * Chains every item, or none: a retry of a chained group (every item a duplicate) answers
     * each with its original receipt; any refused item, or a mix of chained and new items,
     * refuses all of them.
     */
    private void chainAtomically(List<ChainItem> items, Run run) {
        List<Digests> digests = new ArrayList<>(items.size());
        List<Check> checks = new ArrayList<>(items.size());
        Set<Bytes> keys = new HashSet<>();
        Set<Bytes> decisions = new HashSet<>();
        for (ChainItem item : items) {
            Digests itemDigests = Digests.of(item);
            Check check = check(item, itemDigests, run);
            if (!keys.add(Bytes.wrap(itemDigests.idempotency))) {
                check = Check.refused(RefusalCode.IDEMPOTENCY_KEY_REUSED);
            } else if (itemDigests.decision != null && !decisions.add(Bytes.wrap(itemDigests.decision))) {
                check = Check.refused(RefusalCode.DECISION_ID_TAKEN);
            }
            digests.add(itemDigests);
            checks.add(check);
        }
        boolean allDuplicates = checks.stream().allMatch(c -> c.duplicateOf != null);
        boolean allNew = checks.stream().allMatch(c -> c.duplicateOf == null && c.refusal == null);
        for (int i = 0; i < items.size(); i++) {
            ChainItem item = items.get(i);
            Check check = checks.get(i);
            if (allDuplicates) {
                run.outcome(Receipts.outcome(item, OutcomeStatus.DUPLICATE, duplicateReceipt(item, check.duplicateOf)));
            } else if (allNew) {
                run.append(item, digests.get(i));
            } else {
                RefusalCode reason = check.refusal != null ? check.refusal
                        : check.duplicateOf != null ? RefusalCode.GROUP_PARTLY_CHAINED : RefusalCode.GROUP_REFUSED;
                run.outcome(Receipts.conflict(item, reason));
            }
        }
    }

    /** What the ledger already knows of {@code item}: a duplicate of an entry, a refusal, or nothing. */
    private Check check(ChainItem item, Digests digests, Run run) {
        byte[] seen = projections.idempotency().get(StoreKeys.digestKey(run.tenant, digests.idempotency));
        if (seen != null) {
            byte[] original = Arrays.copyOf(seen, seen.length - Long.BYTES);
            return MessageDigest.isEqual(original, digests.fingerprint)
                    ? Check.duplicate(projections.entries().get(StoreKeys.seq(run.tenant, IdempotencyValue.seqOf(seen))))
                    : Check.refused(RefusalCode.IDEMPOTENCY_KEY_REUSED);
        }
        if (digests.decision != null && projections.decisions().get(StoreKeys.digestKey(run.tenant, digests.decision)) != null) {
            return Check.refused(RefusalCode.DECISION_ID_TAKEN);
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (item.body() instanceof RetentionRequest request) {
            RetentionChanges.Resolution resolution = request.getRequest() == RetentionRequestType.APPLY
                    ? retention.run(run.tenant, retentionPlan(run.tenant, now), item.actor())
                    : retention.resolve(run.tenant, request, item.actor(), item.commandId(), now,
                    erasureTarget(run.tenant, request), (target, holds) -> RetentionPlans.erasure(projections.payloads(),
                            projections.entries(), projections.decisions(), run.tenant, target, holds));
            if (resolution.refusal() != null) {
                return Check.refused(resolution.refusal());
            }
            run.retentionOperations.put(item.commandId(), resolution.operation());
            return Check.NEW;
        }
        if (item.body() instanceof RecordDecision decision && decision.getRetentionLabel() != null
                && !retention.knowsLabel(run.tenant, "DECISION", decision.getRetentionLabel())) {
            return Check.refused(RefusalCode.UNKNOWN_RETENTION_LABEL);
        }
        Optional<RefusalCode> refusal = access.check(run.tenant, item.body(), now);
        if (refusal.isPresent()) {
            return Check.refused(refusal.get());
        }
        if (item.body() instanceof PolicyRequest request) {
            PolicyChanges.Resolution resolution = policies.resolve(run.tenant, request);
            if (resolution.refusal() != null) {
                return Check.refused(resolution.refusal());
            }
            run.policyOperations.put(item.commandId(), resolution.operation());
        } else if (item.body() instanceof RecordDecision decision) {
            DecisionEvaluation evaluation = null;
            if (decision.getEvaluate() != null) {
                PolicyChanges.Evaluated evaluated = policies.evaluate(run.tenant, decision, seq -> payloadBytes(run.tenant, seq));
                if (evaluated.refusal() != null) {
                    return Check.refused(evaluated.refusal());
                }
                evaluation = evaluated.evaluation();
            }
            // The payload is built here, before anything is written: JSON parts a producer writing
            // the commands topic directly got wrong refuse this decision, never fail the task.
            try {
                run.decisionPayloads.put(item.commandId(), PayloadDocument.decision(decision, item.decisionId(), evaluation));
            } catch (RuntimeException malformed) {
                return Check.refused(RefusalCode.INVALID_DECISION);
            }
        }
        return Check.NEW;
    }

    /** The payload of the tenant's entry at {@code seq}, in clear, or null if it cannot be read. */
    private byte[] payloadBytes(String tenant, long seq) {
        OpenedPayload opened = opener.open(tenant, seq, projections.payloads().get(StoreKeys.seq(tenant, seq)));
        return opened != null && opened.readable() ? opened.bytesOrNull() : null;
    }

    /**
     * What an erasure request names, as digests: the decision id's SHA-256, or the subject's keyed
     * digest (a tenant without a subject key yet has recorded no subject: an all-zero digest names
     * nothing), or the whole tenant. Null when the request is no erasure or names not exactly one.
     */
    private ErasureTarget erasureTarget(String tenant, RetentionRequest request) {
        ErasureRequest erase = request.getErase();
        if (request.getRequest() != RetentionRequestType.ERASE || erase == null
                || (erase.getDecisionId() != null ? 1 : 0) + (erase.getSubject() != null ? 1 : 0)
                + (erase.getWholeTenant() ? 1 : 0) != 1) {
            return null;
        }
        if (erase.getWholeTenant()) {
            return new ErasureTarget(null, null, true);
        }
        if (erase.getDecisionId() != null) {
            return new ErasureTarget(new Sha256(StoreKeys.digest(erase.getDecisionId())), null, false);
        }
        byte[] digest = subjects.digestIfKeyed(tenant, erase.getSubject());
        return new ErasureTarget(null, new Sha256(digest != null ? digest : new byte[32]), false);
    }

    /**
     * Deletes a tenant's keys: every data key and its subject key leave the store (and, by the
     * changelog's tombstones and compaction, the broker), so whatever they sealed is unreadable for
     * good, wherever a copy of it still sits; the sealer and the subject keys forget them too.
     */
    private void destroyKeys(String tenant) {
        List<Bytes> doomed = new ArrayList<>();
        try (KeyValueIterator<Bytes, WrappedDataKey> all = keys.range(StoreKeys.dataKey(tenant, ""),
                StoreKeys.afterTenant(tenant))) {
            all.forEachRemaining(next -> doomed.add(next.key));
        }
        doomed.forEach(keys::delete);
        sealer.forget(tenant);
        subjects.forget(tenant);
    }

    /** What a retention run of {@code tenant} would erase now (docs/retention.md). */
    private RetentionPlan retentionPlan(String tenant, Instant now) {
        return RetentionPlans.of(projections.payloads(), projections.entries(), tenant, retention.state(tenant), now);
    }

    /** The receipt of the entry {@code item} is a retry of. */
    private static EntryReceipt duplicateReceipt(ChainItem item, RunEntry original) {
        String decisionId = null;
        if (item.body() instanceof RecordDecision decision) {
            decisionId = decision.getDecisionId() != null ? decision.getDecisionId()
                    : original.getOrigin() != null ? original.getOrigin().getCommandId() : null;
        }
        return Receipts.receipt(original.getHeader(), decisionId);
    }

    /**
     * An item's digests, each computed once: its request fingerprint ({@link CommandFingerprint}),
     * and the digests of its idempotency key and decision id ({@link StoreKeys#digest}), which key
     * its lookups and go into its entry's origin.
     *
     * @param decision null when the item is not a decision
     */
    private record Digests(byte[] fingerprint, byte[] idempotency, byte[] decision) {

        static Digests of(ChainItem item) {
            String decisionId = item.decisionId();
            return new Digests(CommandFingerprint.of(item.body()), StoreKeys.digest(item.idempotencyKey()),
                    decisionId == null ? null : StoreKeys.digest(decisionId));
        }
    }

    /** An item's standing before it is chained. */
    private record Check(RunEntry duplicateOf, RefusalCode refusal) {
        static final Check NEW = new Check(null, null);

        static Check duplicate(RunEntry original) {
            return new Check(original, null);
        }

        static Check refused(RefusalCode reason) {
            return new Check(null, reason);
        }
    }

    /** The run being built for one command: the head as it advances, and everything to forward. */
    private final class Run {
        private final String tenant;
        private final List<RunEntry> entries = new ArrayList<>();
        private final List<PayloadEnvelope> payloads = new ArrayList<>();
        private final List<CommandOutcome> outcomes = new ArrayList<>();
        private final Map<String, AccessRecord> accessChanges = new LinkedHashMap<>();
        /** Payloads a retention run of this command erases: tombstones for the payloads topic. */
        private final List<EntryKey> erasures = new ArrayList<>();
        /** What each retention request of this run became, by command id. */
        private final Map<String, RetentionOperation> retentionOperations = new HashMap<>();
        /** What each policy request of this run became, by command id. */
        private final Map<String, PolicyOperation> policyOperations = new HashMap<>();
        /** The payload of each decision of this run, built when it was checked, by command id. */
        private final Map<String, byte[]> decisionPayloads = new HashMap<>();
        private final MerkleProofs.SubtreeSink subtrees;
        private ChainHead head;

        Run(String tenant) {
            this.tenant = tenant;
            this.subtrees = MerkleNodes.sink(projections.nodes(), tenant);
        }

        void outcome(CommandOutcome outcome) {
            outcomes.add(outcome);
        }

        void append(ChainItem item, Digests digests) {
            if (head == null) {
                byte[] current = heads.get(tenant);
                head = current == null ? ChainHead.genesis(tenant) : HeadCodec.decode(tenant, current);
            }
            long seq = head.size();
            RetentionOperation retained = retentionOperations.get(item.commandId());
            PolicyOperation policyOperation = policyOperations.get(item.commandId());
            byte[] payload = retained != null ? retained.payload()
                    : policyOperation != null ? policyOperation.payload()
                    : item.body() instanceof RecordDecision ? decisionPayloads.get(item.commandId())
                    : payloadOf(item);
            long recordedAt = context.currentSystemTimeMs();
            EntryType type = entryTypeOf(item);
            byte[] salt = salts.next(LedgerFormat.SALT_SIZE);
            EntryHeader header = EntryHeader.seal(LedgerFormat.CURRENT_VERSION, tenant, seq, entryIds.next(),
                    type.name(), item.receivedAt().toEpochMilli(), recordedAt, item.actor().getKeyId(),
                    item.correlationId(), LedgerHashes.saltedPayloadHash(salt, payload), head.chainHash());
            LedgerEntry avroHeader = Receipts.toAvro(header, type);
            EntryOrigin origin = new EntryOrigin(item.commandId(), new Sha256(digests.idempotency),
                    new Sha256(digests.fingerprint), digests.decision == null ? null : new Sha256(digests.decision),
                    item.body() instanceof RecordDecision decision ? decision.getRetentionLabel() : null,
                    item.body() instanceof RecordDecision decision && decision.getSubject() != null
                            ? new Sha256(subjects.digest(tenant, decision.getSubject(), Instant.ofEpochMilli(recordedAt)))
                            : null);
            RunEntry entry = new RunEntry(avroHeader, origin);
            PayloadEnvelope envelope = retained != null && retained.erasureRecord() ? PayloadSealer.clear(salt, payload)
                    : sealer.seal(tenant, seq, salt, payload, recordedAt);

            projections.apply(tenant, entry);
            projections.payloads().put(StoreKeys.seq(tenant, seq), envelope);
            head = head.advance(header.leafHash(), header.chainHash(), subtrees);
            accessChanges.putAll(access.apply(tenant, item.body(), seq, Instant.ofEpochMilli(recordedAt)));
            if (policyOperation != null) {
                policies.apply(tenant, policyOperation, seq, Instant.ofEpochMilli(recordedAt));
            }
            if (retained != null) {
                retention.apply(tenant, retained, seq, Instant.ofEpochMilli(recordedAt));
                if (retained.appliedOrNull() != null) {
                    for (long erased : retained.appliedOrNull().erase()) {
                        projections.payloads().delete(StoreKeys.seq(tenant, erased));
                        erasures.add(new EntryKey(tenant, erased));
                    }
                }
                if (retained.kind() == RetentionOperation.Kind.TENANT_DELETED) {
                    destroyKeys(tenant);
                    policies.delete(tenant);
                    accessChanges.putAll(access.delete(tenant, seq, Instant.ofEpochMilli(recordedAt)));
                }
            }
            entries.add(entry);
            payloads.add(envelope);
        }

        void finish() {
            if (head != null) {
                heads.put(tenant, HeadCodec.encode(head));
                if (checkpoints.on()) {
                    unsigned.add(tenant);
                }
            }
        }

        ChainStep step() {
            return new ChainStep(tenant, entries, payloads, outcomes, accessChanges, erasures);
        }
    }

    /** The payload of a key or tenant operation (a decision's is built when it is checked). */
    private static byte[] payloadOf(ChainItem item) {
        if (item.body() instanceof TenantOperation operation) {
            return PayloadDocument.tenantOperation(operation);
        }
        return PayloadDocument.keyOperation((KeyOperation) item.body());
    }

    private static EntryType entryTypeOf(ChainItem item) {
        if (item.body() instanceof RecordDecision) {
            return EntryType.DECISION;
        }
        if (item.body() instanceof RetentionRequest) {
            return EntryType.RETENTION_OPERATION;
        }
        if (item.body() instanceof PolicyRequest) {
            return EntryType.POLICY_OPERATION;
        }
        return item.body() instanceof TenantOperation ? EntryType.TENANT_OPERATION : EntryType.KEY_OPERATION;
    }
}
