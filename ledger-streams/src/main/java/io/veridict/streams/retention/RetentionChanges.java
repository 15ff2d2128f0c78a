package io.veridict.streams.retention;

import io.veridict.streams.RefusalCode;
import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.ActorKind;
import io.veridict.schemas.avro.ApiKeyState;
import io.veridict.schemas.avro.ErasureTarget;
import io.veridict.schemas.avro.KeyStatus;
import io.veridict.schemas.avro.LegalHold;
import io.veridict.schemas.avro.PendingProposal;
import io.veridict.schemas.avro.RetentionCounts;
import io.veridict.schemas.avro.RetentionPolicy;
import io.veridict.schemas.avro.RetentionRequest;
import io.veridict.schemas.avro.RetentionState;
import io.veridict.streams.retention.RetentionOperation.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A tenant's retention policy and the two-person rule, as the chain applies them (docs/retention.md).
 * One stream task owns a tenant, so its state changes without a lock.
 *
 * <ul>
 *   <li>A policy change that shortens no (entry type, label)'s retention is in force at once
 *       ({@link Kind#POLICY_SET}); one that shortens any is a proposal ({@link Kind#POLICY_PROPOSED}).</li>
 *   <li>A proposal takes effect only when an active key of <em>another holder</em> with
 *       {@code retention:approve} approves it before its {@code approve_by}, and while the policy it
 *       was proposed against is still in force. Two keys of one holder are one person.</li>
 *   <li>Rejections and expiries end a proposal; each outcome is an entry.</li>
 * </ul>
 */
public final class RetentionChanges {


    /**
     * What an erasure would erase now: the live payloads its target names, and how many of them a
     * legal hold covers (counted in {@link RetentionPlan#held()}, not erased).
     */
    @FunctionalInterface
    public interface ErasurePlanner {
        /**
         * @return the plan, or null when the target names a decision the tenant does not have
         */
        RetentionPlan plan(ErasureTarget target, List<LegalHold> holds);
    }

    /** The scope an approver's key must hold. */
    public static final String APPROVE_SCOPE = "retention:approve";
    /** How long a proposal waits when the request does not say. */
    public static final Duration DEFAULT_APPROVAL_WINDOW = Duration.ofHours(72);
    /** The holder named for what the service does by itself (expiries). */
    public static final String SYSTEM = "system";

    private final KeyValueStore<String, RetentionState> store;
    private final BiFunction<String, String, ApiKeyState> keys;
    /** Whether {@link #nextDeadline} has been read from the store since this task started. */
    private boolean scanned;
    /** The earliest approval deadline among the pending proposals, or null for none. */
    private Instant nextDeadline;

    /**
     * @param keys a tenant's key by id, or null (the chain's access state)
     */
    public RetentionChanges(KeyValueStore<String, RetentionState> store, BiFunction<String, String, ApiKeyState> keys) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** What a request is, or why it is refused. Exactly one is set. */
    public record Resolution(RetentionOperation operation, RefusalCode refusal) {
        static Resolution refused(RefusalCode reason) {
            return new Resolution(null, reason);
        }
    }

    /** The tenant's state: version 0 and an empty policy when none was ever set. */
    public RetentionState state(String tenant) {
        RetentionState state = store.get(tenant);
        return state != null ? state : empty();
    }

    /** The state of a tenant that never set a policy. */
    public static RetentionState empty() {
        return new RetentionState(0, new RetentionPolicy(List.of()), List.of(), List.of(), noCounts());
    }

    /**
     * What {@code request}, sent by {@code actor} as command {@code commandId}, becomes now.
     */
    public Resolution resolve(String tenant, RetentionRequest request, Actor actor, String commandId, Instant now,
                              ErasureTarget erasureOrNull, ErasurePlanner planner) {
        RetentionState state = state(tenant);
        return switch (request.getRequest()) {
            case CHANGE_POLICY -> change(state, tenant, request, actor, commandId, now);
            case ERASE -> erase(state, tenant, request, actor, commandId, now, erasureOrNull, planner);
            case APPROVE -> approve(state, tenant, request, actor, now, planner);
            case REJECT -> reject(state, tenant, request, actor);
            case EXPIRE -> expire(state, request, now);
            case PLACE_HOLD -> placeHold(tenant, request, actor, commandId);
            case LIFT_HOLD -> liftHold(state, tenant, request, actor, commandId, now);
            default -> Resolution.refused(RefusalCode.INVALID_RETENTION_REQUEST);
        };
    }

    private static RetentionCounts noCounts() {
        return new RetentionCounts(0L, 0L, 0L, 0L, 0L, null, null, 0L);
    }

    /** The counts after {@code operation}, chained at {@code seq}: erasure records count what they erased. */
    private static RetentionCounts counts(RetentionCounts c, RetentionOperation operation, long seq, Instant now) {
        if (!operation.erasureRecord()) {
            return c;
        }
        long erased = operation.appliedOrNull().erase().size();
        if (operation.kind() == Kind.RETENTION_APPLIED) {
            return new RetentionCounts(c.getRuns() + 1, c.getErasedByRuns() + erased, operation.appliedOrNull().held(),
                    c.getErasures(), c.getErasedOnRequest(), seq, now, erased);
        }
        return new RetentionCounts(c.getRuns(), c.getErasedByRuns(), c.getHeldAtLastRun(), c.getErasures() + 1,
                c.getErasedOnRequest() + erased, c.getLastRunSeq(), c.getLastRunAt(), c.getLastRunErased());
    }

    /** Applies a resolved operation (its entry is being chained at {@code seq}). */
    public void apply(String tenant, RetentionOperation operation, long seq, Instant now) {
        RetentionState state = state(tenant);
        List<PendingProposal> pending = new ArrayList<>(state.getPending());
        List<LegalHold> holds = new ArrayList<>(state.getHolds());
        RetentionPolicy policy = state.getPolicy();
        switch (operation.kind()) {
            case POLICY_SET, PROPOSAL_APPROVED -> policy = operation.policyOrNull();
            case POLICY_PROPOSED, HOLD_LIFT_PROPOSED, ERASURE_PROPOSED -> { // the proposals: Kind#isProposal
                pending.add(new PendingProposal(operation.proposalIdOrNull(), operation.policyOrNull(),
                        operation.holdIdOrNull(), state.getPolicyVersion(), operation.proposedByOrNull(), now,
                        operation.approveByOrNull(), operation.erasureOrNull()));
                if (nextDeadline == null || operation.approveByOrNull().isBefore(nextDeadline)) {
                    nextDeadline = operation.approveByOrNull();
                }
            }
            case HOLD_PLACED -> holds.add(operation.holdOrNull());
            case HOLD_LIFTED -> holds.removeIf(h -> h.getHoldId().equals(operation.holdIdOrNull()));
            default -> { }
        }
        if (!operation.kind().isProposal() && operation.proposalIdOrNull() != null) {
            pending.removeIf(p -> p.getProposalId().equals(operation.proposalIdOrNull()));
        }
        store.put(tenant, new RetentionState(operation.policyVersion(), policy, pending, holds,
                counts(state.getCounts(), operation, seq, now)));
    }

    /**
     * What a retention run becomes, given its plan: {@link Kind#RETENTION_APPLIED}, or a refusal
     * when nothing is due (a run that erases nothing records nothing). Its record is an erasure
     * record, stored unsealed: it names the holder who asked, and no reason.
     */
    public Resolution run(String tenant, RetentionPlan plan, Actor actor) {
        if (plan.erase().isEmpty()) {
            return Resolution.refused(RefusalCode.NOTHING_TO_ERASE);
        }
        return new Resolution(new RetentionOperation(Kind.RETENTION_APPLIED, state(tenant).getPolicyVersion(), null, null,
                holderOf(tenant, actor), null, null, null, null, null, plan), null);
    }

    /** Whether the policy in force has a rule for entries of {@code type} labelled {@code label}. */
    public boolean knowsLabel(String tenant, String type, String label) {
        return state(tenant).getPolicy().getRules().stream()
                .anyMatch(r -> r.getEntryType().equals(type) && label.equals(r.getLabel()));
    }

    /**
     * The proposals of this task's tenants whose time ran out by {@code now}: (tenant, proposal id).
     * Called every second: the store is read only once the earliest deadline seen has come (or
     * after a proposal ended, which leaves that deadline early: one read then moves it on).
     */
    public List<String[]> expired(Instant now) {
        if (scanned && (nextDeadline == null || now.isBefore(nextDeadline))) {
            return List.of();
        }
        List<String[]> out = new ArrayList<>();
        Instant earliest = null;
        try (KeyValueIterator<String, RetentionState> all = store.all()) {
            while (all.hasNext()) {
                var next = all.next();
                for (PendingProposal p : next.value.getPending()) {
                    if (!now.isBefore(p.getExpiresAt())) {
                        out.add(new String[] {next.key, p.getProposalId()});
                    }
                    earliest = earliest == null || p.getExpiresAt().isBefore(earliest) ? p.getExpiresAt() : earliest;
                }
            }
        }
        scanned = true;
        nextDeadline = earliest;
        return out;
    }

    private Resolution change(RetentionState state, String tenant, RetentionRequest request, Actor actor,
                              String commandId, Instant now) {
        RetentionPolicy proposed = request.getPolicy();
        if (proposed == null || !RetentionRules.wellFormed(proposed)) {
            return Resolution.refused(RefusalCode.INVALID_RETENTION_REQUEST);
        }
        String holder = holderOf(tenant, actor);
        if (!RetentionRules.shortensAnything(state.getPolicy(), proposed)) {
            return new Resolution(new RetentionOperation(Kind.POLICY_SET, state.getPolicyVersion() + 1, proposed, null,
                    holder, null, null, request.getReason()), null);
        }
        Instant approveBy = request.getApproveBy() != null ? request.getApproveBy() : now.plus(DEFAULT_APPROVAL_WINDOW);
        if (!approveBy.isAfter(now)) {
            return Resolution.refused(RefusalCode.INVALID_RETENTION_REQUEST);
        }
        return new Resolution(new RetentionOperation(Kind.POLICY_PROPOSED, state.getPolicyVersion(), proposed, commandId,
                holder, null, approveBy, request.getReason()), null);
    }

    /**
     * An erasure on request: refused at once when the target names no decision, nothing left to
     * erase, more than one transaction erases, or anything a legal hold covers; otherwise a proposal
     * that a second holder approves.
     */
    private Resolution erase(RetentionState state, String tenant, RetentionRequest request, Actor actor, String commandId,
                             Instant now, ErasureTarget target, ErasurePlanner planner) {
        if (target == null) {
            return Resolution.refused(RefusalCode.INVALID_RETENTION_REQUEST);
        }
        RefusalCode refusal = target.getWholeTenant() ? tenantDeletionRefusal(state)
                : erasureRefusal(planner.plan(target, state.getHolds()));
        if (refusal != null) {
            return Resolution.refused(refusal);
        }
        Instant approveBy = request.getApproveBy() != null ? request.getApproveBy() : now.plus(DEFAULT_APPROVAL_WINDOW);
        if (!approveBy.isAfter(now)) {
            return Resolution.refused(RefusalCode.INVALID_RETENTION_REQUEST);
        }
        return new Resolution(new RetentionOperation(Kind.ERASURE_PROPOSED, state.getPolicyVersion(), null, commandId,
                holderOf(tenant, actor), null, approveBy, request.getReason(), null, null, null, target), null);
    }

    /** A tenant under any legal hold cannot be deleted; one without payloads can. */
    private static RefusalCode tenantDeletionRefusal(RetentionState state) {
        return state.getHolds().isEmpty() ? null : RefusalCode.ERASURE_UNDER_HOLD;
    }

    private static RefusalCode erasureRefusal(RetentionPlan plan) {
        if (plan == null) {
            return RefusalCode.DECISION_NOT_FOUND;
        }
        if (plan.held() > 0) {
            return RefusalCode.ERASURE_UNDER_HOLD;
        }
        if (plan.more()) {
            return RefusalCode.ERASURE_TOO_LARGE;
        }
        return plan.erase().isEmpty() ? RefusalCode.NOTHING_TO_ERASE : null;
    }

    private Resolution approve(RetentionState state, String tenant, RetentionRequest request, Actor actor, Instant now,
                               ErasurePlanner planner) {
        Optional<PendingProposal> found = pending(state, request.getProposalId());
        if (found.isEmpty()) {
            return Resolution.refused(RefusalCode.PROPOSAL_NOT_FOUND);
        }
        PendingProposal proposal = found.get();
        if (!now.isBefore(proposal.getExpiresAt())) {
            return Resolution.refused(RefusalCode.PROPOSAL_EXPIRED);
        }
        ApiKeyState key = actor.getKind() == ActorKind.API_KEY ? keys.apply(tenant, actor.getKeyId()) : null;
        if (key == null || !active(key, now) || !key.getScopes().contains(APPROVE_SCOPE)) {
            return Resolution.refused(RefusalCode.APPROVER_NOT_ALLOWED);
        }
        String approver = holderOf(key);
        if (approver.equals(proposal.getProposerHolder())) {
            return Resolution.refused(RefusalCode.SELF_APPROVAL);
        }
        if (proposal.getErasure() != null && proposal.getErasure().getWholeTenant()) {
            if (tenantDeletionRefusal(state) != null) {
                return Resolution.refused(RefusalCode.ERASURE_UNDER_HOLD);
            }
            return new Resolution(new RetentionOperation(Kind.TENANT_DELETED, state.getPolicyVersion(), null,
                    proposal.getProposalId(), proposal.getProposerHolder(), approver, null, null, null, null,
                    planner.plan(proposal.getErasure(), state.getHolds())), null);
        }
        if (proposal.getErasure() != null) {
            // Checked again now: a hold placed since the proposal stops it; what went meanwhile (a
            // retention run) is simply not named again. The record holds no reason (it is stored unsealed).
            RetentionPlan plan = planner.plan(proposal.getErasure(), state.getHolds());
            if (plan != null && plan.held() > 0) {
                return Resolution.refused(RefusalCode.ERASURE_UNDER_HOLD);
            }
            return new Resolution(new RetentionOperation(Kind.ERASURE_APPLIED, state.getPolicyVersion(), null,
                    proposal.getProposalId(), proposal.getProposerHolder(), approver, null, null, null, null,
                    plan != null ? plan : new RetentionPlan(List.of(), 0, false)), null);
        }
        if (proposal.getHoldId() != null) {
            return new Resolution(new RetentionOperation(Kind.HOLD_LIFTED, state.getPolicyVersion(), null,
                    proposal.getProposalId(), proposal.getProposerHolder(), approver, null, request.getReason(),
                    proposal.getHoldId(), null), null);
        }
        if (proposal.getBaseVersion() != state.getPolicyVersion()) {
            return Resolution.refused(RefusalCode.PROPOSAL_STALE);
        }
        return new Resolution(new RetentionOperation(Kind.PROPOSAL_APPROVED, state.getPolicyVersion() + 1,
                proposal.getPolicy(), proposal.getProposalId(), proposal.getProposerHolder(), approver, null,
                request.getReason()), null);
    }

    private Resolution reject(RetentionState state, String tenant, RetentionRequest request, Actor actor) {
        Optional<PendingProposal> found = pending(state, request.getProposalId());
        if (found.isEmpty()) {
            return Resolution.refused(RefusalCode.PROPOSAL_NOT_FOUND);
        }
        return new Resolution(new RetentionOperation(Kind.PROPOSAL_REJECTED, state.getPolicyVersion(), null,
                found.get().getProposalId(), found.get().getProposerHolder(), holderOf(tenant, actor), null,
                request.getReason(), found.get().getHoldId(), null), null);
    }

    private Resolution expire(RetentionState state, RetentionRequest request, Instant now) {
        Optional<PendingProposal> found = pending(state, request.getProposalId());
        if (found.isEmpty()) {
            return Resolution.refused(RefusalCode.PROPOSAL_NOT_FOUND);
        }
        if (now.isBefore(found.get().getExpiresAt())) {
            return Resolution.refused(RefusalCode.PROPOSAL_NOT_EXPIRED);
        }
        return new Resolution(new RetentionOperation(Kind.PROPOSAL_EXPIRED, state.getPolicyVersion(), null,
                found.get().getProposalId(), found.get().getProposerHolder(), SYSTEM, found.get().getExpiresAt(),
                null, found.get().getHoldId(), null), null);
    }

    private Resolution placeHold(String tenant, RetentionRequest request, Actor actor, String commandId) {
        LegalHold asked = request.getHold();
        if (asked == null || !RetentionRules.wellFormed(asked)) {
            return Resolution.refused(RefusalCode.INVALID_RETENTION_REQUEST);
        }
        LegalHold hold = new LegalHold(commandId, asked.getWholeTenant(), asked.getDecisionDigests(), asked.getRecordedFrom(),
                asked.getRecordedTo(), asked.getLabels(), asked.getReason());
        return new Resolution(new RetentionOperation(Kind.HOLD_PLACED, state(tenant).getPolicyVersion(), null, null,
                holderOf(tenant, actor), null, null, request.getReason(), commandId, hold), null);
    }

    private Resolution liftHold(RetentionState state, String tenant, RetentionRequest request, Actor actor, String commandId,
                                Instant now) {
        String holdId = request.getHoldId();
        if (holdId == null || state.getHolds().stream().noneMatch(h -> h.getHoldId().equals(holdId))) {
            return Resolution.refused(RefusalCode.HOLD_NOT_FOUND);
        }
        if (state.getPending().stream().anyMatch(p -> holdId.equals(p.getHoldId()))) {
            return Resolution.refused(RefusalCode.HOLD_LIFT_PENDING);
        }
        Instant approveBy = request.getApproveBy() != null ? request.getApproveBy() : now.plus(DEFAULT_APPROVAL_WINDOW);
        return new Resolution(new RetentionOperation(Kind.HOLD_LIFT_PROPOSED, state.getPolicyVersion(), null, commandId,
                holderOf(tenant, actor), null, approveBy, request.getReason(), holdId, null), null);
    }

    private static Optional<PendingProposal> pending(RetentionState state, String proposalId) {
        return state.getPending().stream().filter(p -> p.getProposalId().equals(proposalId)).findFirst();
    }

    private String holderOf(String tenant, Actor actor) {
        if (actor.getKind() != ActorKind.API_KEY || actor.getKeyId() == null) {
            return actor.getKind() == ActorKind.OPERATOR ? "operator" : SYSTEM;
        }
        ApiKeyState key = keys.apply(tenant, actor.getKeyId());
        return key == null ? actor.getKeyId() : holderOf(key);
    }

    private static String holderOf(ApiKeyState key) {
        return key.getHolder() != null ? key.getHolder() : key.getKeyId();
    }

    private static boolean active(ApiKeyState key, Instant now) {
        return key.getStatus() == KeyStatus.ACTIVE && (key.getExpiresAt() == null || key.getExpiresAt().isAfter(now));
    }
}
