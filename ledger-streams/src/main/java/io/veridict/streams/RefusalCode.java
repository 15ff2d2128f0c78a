package io.veridict.streams;

import io.veridict.streams.policy.PolicyChanges;
import io.veridict.streams.retention.RetentionPlan;
import java.util.Optional;

/**
 * Every reason the ledger gives for not chaining a command: the one definition the chain writes
 * and the API reads. {@link Where#RECEIPT} codes are the {@code reason} of a {@code CONFLICT}
 * outcome on the receipts topic (the API turns each into its error); {@link Where#DEAD_LETTER}
 * codes are the {@code veridict.dlq.reason} header of a command copied to the dead-letter topic.
 * The name of each constant is the code, as written; codes are never renamed.
 */
public enum RefusalCode {

    // Decisions.
    /** The idempotency key was used before with a different request. */
    IDEMPOTENCY_KEY_REUSED(Where.RECEIPT, "the idempotency key was already used with a different request"),
    /** The tenant already recorded a decision with this decision id. */
    DECISION_ID_TAKEN(Where.RECEIPT, "the tenant already recorded a decision with this decision_id"),
    /** A decision's retention label is named by no rule of the tenant's retention policy. */
    UNKNOWN_RETENTION_LABEL(Where.RECEIPT, "no rule of the tenant's retention policy names this retention_label"),
    /** A decision whose context, decision or metadata text is not strict JSON with a canonical form (a producer writing the commands topic directly). */
    INVALID_DECISION(Where.RECEIPT, "the decision's context, decision or metadata is not strict JSON"),
    /** An item of an atomic group, refused because another item of the group was. */
    GROUP_REFUSED(Where.RECEIPT, "another item of the atomic group was refused"),
    /** An item of an atomic group that was chained before, while other items were not: the group is refused. */
    GROUP_PARTLY_CHAINED(Where.RECEIPT, "this item's idempotency key was recorded before, the rest of the group was not"),

    // Tenants and keys.
    /** A tenant with this id exists. */
    TENANT_EXISTS(Where.RECEIPT, "a tenant with this id exists"),
    /** No tenant with this id. */
    TENANT_NOT_FOUND(Where.RECEIPT, "no tenant with this id"),
    /** The tenant is not in a status the operation applies to. */
    TENANT_STATUS_CONFLICT(Where.RECEIPT, "the tenant is not in a status this operation applies to"),
    /** The tenant was deleted: nothing more is chained for it. */
    TENANT_DELETED(Where.RECEIPT, "the tenant was deleted"),
    /** A key with this id exists. */
    KEY_EXISTS(Where.RECEIPT, "a key with this id exists"),
    /** No key with this id in the tenant. */
    KEY_NOT_FOUND(Where.RECEIPT, "no key with this id"),
    /** The key is revoked or expired. */
    KEY_NOT_ACTIVE(Where.RECEIPT, "the key is revoked or expired"),
    /** A tenant or key operation that is not well-formed (an unknown kind, a missing secret digest). */
    INVALID_OPERATION(Where.RECEIPT, "the tenant or key operation is not well-formed"),

    // Retention.
    /** No pending proposal with this id. */
    PROPOSAL_NOT_FOUND(Where.RECEIPT, "no proposal with this id"),
    /** The proposal's approval window closed. */
    PROPOSAL_EXPIRED(Where.RECEIPT, "the proposal's approval window closed"),
    /** An expiry was asked for a proposal whose window is still open. */
    PROPOSAL_NOT_EXPIRED(Where.RECEIPT, "the proposal's approval window is still open"),
    /** Another change took effect after the proposal was made. */
    PROPOSAL_STALE(Where.RECEIPT, "another change took effect after this proposal was made; propose again"),
    /** The proposer tried to approve their own proposal. */
    SELF_APPROVAL(Where.RECEIPT, "a proposal needs the approval of another holder than its proposer's"),
    /** The approving key is not active or lacks {@code retention:approve}. */
    APPROVER_NOT_ALLOWED(Where.RECEIPT, "the approving key is not active or lacks retention:approve"),
    /** A retention request that is not well-formed. */
    INVALID_RETENTION_REQUEST(Where.RECEIPT, "the retention request is not well-formed"),
    /** No legal hold with this id. */
    HOLD_NOT_FOUND(Where.RECEIPT, "no hold with this id"),
    /** Lifting the hold is already proposed. */
    HOLD_LIFT_PENDING(Where.RECEIPT, "lifting this hold is already proposed and waiting for approval"),
    /** Every payload the run or erasure names is erased already. */
    NOTHING_TO_ERASE(Where.RECEIPT, "every payload this erasure names is erased already"),
    /** No decision with this id in the tenant. */
    DECISION_NOT_FOUND(Where.RECEIPT, "no decision with this id"),
    /** A legal hold covers a payload the erasure names. */
    ERASURE_UNDER_HOLD(Where.RECEIPT, "a legal hold covers a payload this erasure names; nothing was erased"),
    /** The erasure names more payloads than one run erases. */
    ERASURE_TOO_LARGE(Where.RECEIPT, "this erasure names more than " + RetentionPlan.MAX_PER_RUN + " payloads"),

    // Policies (docs/policies.md §13).
    /** A policy request that is not well-formed (no id or version, a document whose id or version differs, no document to publish). */
    INVALID_POLICY_REQUEST(Where.RECEIPT, "the policy request is not well-formed"),
    /** The policy engine refuses the document to publish. */
    POLICY_REFUSED(Where.RECEIPT, "the policy engine refuses this document"),
    /** The tenant published this policy id and version before. */
    POLICY_VERSION_EXISTS(Where.RECEIPT, "this policy id and version are published already; publish a new version"),
    /** The tenant published as many policy versions as it may. */
    POLICY_LIMIT_REACHED(Where.RECEIPT, "the tenant published " + PolicyChanges.MAX_VERSIONS + " policy versions, the most it may"),
    /** No published policy version matches the reference. */
    POLICY_NOT_FOUND(Where.RECEIPT, "no published policy version matches"),
    /** The version is not in a status the operation applies to. */
    POLICY_STATUS_CONFLICT(Where.RECEIPT, "the policy version is not in a status this operation applies to"),
    /** The version is retired: it is not activated, and no decision is recorded with it. */
    POLICY_RETIRED(Where.RECEIPT, "the policy version is retired"),
    /** The policy id has published versions, none of them active. */
    NO_ACTIVE_POLICY(Where.RECEIPT, "the policy has no active version; name a version or a hash"),
    /** The document of a published version cannot be read (its payload erased). */
    POLICY_UNREADABLE(Where.RECEIPT, "the policy version's document cannot be read"),
    /** A decision to evaluate that names its policy not in exactly one way, carries policy or violations of its own, or a decision that is no outcome. */
    INVALID_EVALUATION_REQUEST(Where.RECEIPT, "a decision to evaluate names its policy in one way, carries no policy or violations, and its decision is an outcome name or null"),
    /** The decision's context nests more than the policy engine allows. */
    CONTEXT_TOO_DEEP(Where.RECEIPT, "the context nests more levels than the policy engine allows"),
    /** The policy engine refuses the decision's context. */
    CONTEXT_REFUSED(Where.RECEIPT, "the policy engine refuses the context"),
    /** The policy engine failed on the decision in a way it reports as no rule error (the decision is not recorded). */
    EVALUATION_FAILED(Where.RECEIPT, "the policy engine could not evaluate this decision"),
    /** The client's outcome is not the evaluated one, and no override reason was given. */
    EVALUATION_MISMATCH(Where.RECEIPT, "the decision differs from the evaluated outcome; give an override reason to record it anyway"),

    // Commands unfit for a ledger.
    /** The record key is not the command's tenant id. */
    TENANT_KEY_MISMATCH(Where.DEAD_LETTER, "the record key is not the command's tenant id"),
    /** The tenant id is not well-formed. */
    INVALID_TENANT_ID(Where.DEAD_LETTER, "the tenant id is not well-formed"),
    /** An idempotency key is missing or not well-formed. */
    INVALID_IDEMPOTENCY_KEY(Where.DEAD_LETTER, "an idempotency key must be 1-128 printable ASCII characters"),
    /** A decision uses the service's own idempotency-key namespace. */
    RESERVED_IDEMPOTENCY_KEY(Where.DEAD_LETTER, "a decision's idempotency key must not use the service's namespace"),
    /** A decision group that is empty, too large, or repeats an item's idempotency key. */
    INVALID_GROUP(Where.DEAD_LETTER, "a decision group is empty, too large or repeats an idempotency key"),
    /** A sealed command body that does not open. */
    SEALED_BODY_UNREADABLE(Where.DEAD_LETTER, "the sealed command body does not open"),
    /** A record that could not be read, for a cause without a code of its own. */
    UNREADABLE_RECORD(Where.DEAD_LETTER, "the record could not be read");

    /** Where a code is written. */
    public enum Where {
        /** The reason of a {@code CONFLICT} outcome on the receipts topic. */
        RECEIPT,
        /** The {@code veridict.dlq.reason} header of a dead-lettered command. */
        DEAD_LETTER
    }

    private final Where where;
    private final String meaning;

    RefusalCode(Where where, String meaning) {
        this.where = where;
        this.meaning = meaning;
    }

    /** Where this code is written. */
    public Where where() {
        return where;
    }

    /** One sentence saying what the code means, fit for an error message. */
    public String meaning() {
        return meaning;
    }

    /** Whether {@code reason}, as an outcome or a header carries it, is this code. */
    public boolean is(String reason) {
        return name().equals(reason);
    }

    /** The code named {@code code}, or empty for null or a code this version does not know. */
    public static Optional<RefusalCode> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(code));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
