package io.veridict.streams.retention;

import io.veridict.schemas.avro.ErasureTarget;
import io.veridict.schemas.avro.LegalHold;
import io.veridict.schemas.avro.RetentionPolicy;
import io.veridict.schemas.avro.RetentionRule;
import io.veridict.schemas.format.CanonicalObject;
import io.veridict.schemas.format.PayloadAccounting;
import io.veridict.schemas.format.Rfc3339;
import java.time.Instant;
import java.util.List;

/**
 * What a retention request became: the content of a {@code RETENTION_OPERATION} entry's payload
 * (docs/ledger-format.md §4.5).
 *
 * @param kind          what happened
 * @param policyVersion the version in force after it
 * @param policyOrNull  the policy set, proposed or approved; null for a rejection or an expiry
 * @param proposalIdOrNull the proposal concerned, or null for a policy set at once
 * @param proposedByOrNull the holder who proposed (or set) the change
 * @param decidedByOrNull  the holder who approved or rejected it; {@code system} for an expiry
 * @param approveByOrNull  for a proposal: until when it can be approved
 * @param reasonOrNull  free text of whoever asked
 * @param holdIdOrNull  the legal hold concerned, for hold operations and their proposals
 * @param holdOrNull    the hold placed, for {@link Kind#HOLD_PLACED}
 * @param appliedOrNull what a retention run or an erasure erased, for an erasure record
 * @param erasureOrNull what an erasure proposal would erase (digests), for {@link Kind#ERASURE_PROPOSED}
 */
public record RetentionOperation(Kind kind, int policyVersion, RetentionPolicy policyOrNull, String proposalIdOrNull,
                                 String proposedByOrNull, String decidedByOrNull, Instant approveByOrNull,
                                 String reasonOrNull, String holdIdOrNull, LegalHold holdOrNull,
                                 RetentionPlan appliedOrNull, ErasureTarget erasureOrNull) {

    /** An operation that proposes no erasure. */
    public RetentionOperation(Kind kind, int policyVersion, RetentionPolicy policyOrNull, String proposalIdOrNull,
                              String proposedByOrNull, String decidedByOrNull, Instant approveByOrNull, String reasonOrNull,
                              String holdIdOrNull, LegalHold holdOrNull, RetentionPlan appliedOrNull) {
        this(kind, policyVersion, policyOrNull, proposalIdOrNull, proposedByOrNull, decidedByOrNull, approveByOrNull,
                reasonOrNull, holdIdOrNull, holdOrNull, appliedOrNull, null);
    }

    /** An operation about a hold, or a policy, not a run. */
    public RetentionOperation(Kind kind, int policyVersion, RetentionPolicy policyOrNull, String proposalIdOrNull,
                              String proposedByOrNull, String decidedByOrNull, Instant approveByOrNull, String reasonOrNull,
                              String holdIdOrNull, LegalHold holdOrNull) {
        this(kind, policyVersion, policyOrNull, proposalIdOrNull, proposedByOrNull, decidedByOrNull, approveByOrNull,
                reasonOrNull, holdIdOrNull, holdOrNull, null);
    }

    /** A policy operation, about no hold. */
    public RetentionOperation(Kind kind, int policyVersion, RetentionPolicy policyOrNull, String proposalIdOrNull,
                              String proposedByOrNull, String decidedByOrNull, Instant approveByOrNull, String reasonOrNull) {
        this(kind, policyVersion, policyOrNull, proposalIdOrNull, proposedByOrNull, decidedByOrNull, approveByOrNull,
                reasonOrNull, null, null);
    }

    /** The payload's {@code operation}. */
    public enum Kind {
        /** A change that shortens nothing: in force at once. */
        POLICY_SET,
        /** A change that shortens something: waits for a second holder. */
        POLICY_PROPOSED,
        /** A second holder approved a proposal: it is in force. */
        PROPOSAL_APPROVED,
        /** A proposal was turned down. */
        PROPOSAL_REJECTED,
        /** A proposal was not approved in time. */
        PROPOSAL_EXPIRED,
        /** A legal hold was placed: in force at once. */
        HOLD_PLACED,
        /** Lifting a hold was proposed: waits for a second holder. */
        HOLD_LIFT_PROPOSED,
        /** A second holder approved lifting a hold: it no longer stops anything. */
        HOLD_LIFTED,
        /** A retention run erased the payloads past their retention and under no hold. */
        RETENTION_APPLIED,
        /** Erasing a decision's payload, or a data subject's, was proposed: waits for a second holder. */
        ERASURE_PROPOSED,
        /** A second holder approved an erasure: the payloads it names are erased. */
        ERASURE_APPLIED,
        /** A second holder approved deleting the tenant: its payloads and keys are destroyed, its access ends. */
        TENANT_DELETED;

        /** Whether this operation is a proposal, waiting for a second holder. */
        public boolean isProposal() {
            return this == POLICY_PROPOSED || this == HOLD_LIFT_PROPOSED || this == ERASURE_PROPOSED;
        }
    }

    /**
     * Whether this operation is an erasure record (ledger format §4.5, §9.7): it names the payloads
     * it erased, holds no tenant data (its {@code reason} is always null), and is stored unsealed so
     * that a verifier without the tenant's keys can account for every absent payload.
     */
    public boolean erasureRecord() {
        return PayloadAccounting.ERASING_OPERATIONS.contains(kind.name());
    }

    /** The canonical payload bytes. */
    public byte[] payload() {
        return new CanonicalObject()
                .string("kind", "retention_operation")
                .string("operation", kind.name())
                .json("policy_version", Integer.toString(policyVersion))
                .object("policy", policyOrNull == null ? null : policy(policyOrNull))
                .string("proposal_id", proposalIdOrNull)
                .string("proposed_by", proposedByOrNull)
                .string("decided_by", decidedByOrNull)
                .string("approve_by", approveByOrNull == null ? null : Rfc3339.millis(approveByOrNull))
                .string("reason", erasureRecord() ? null : reasonOrNull)
                .string("hold_id", holdIdOrNull)
                .object("hold", holdOrNull == null ? null : hold(holdOrNull))
                .objectIfPresent("erasure", erasureOrNull == null ? null : new CanonicalObject()
                        .string("decision_digest", hex(erasureOrNull.getDecisionDigest()))
                        .string("subject_digest", hex(erasureOrNull.getSubjectDigest()))
                        .json("whole_tenant", Boolean.toString(erasureOrNull.getWholeTenant())))
                .json("erased", appliedOrNull == null ? null : Integer.toString(appliedOrNull.erase().size()))
                .json("held", appliedOrNull == null ? null : Long.toString(appliedOrNull.held()))
                .json("ranges", appliedOrNull == null ? null : ranges(appliedOrNull))
                .utf8();
    }

    private static String hex(io.veridict.schemas.avro.Sha256 digest) {
        return digest == null ? null : java.util.HexFormat.of().formatHex(digest.bytes());
    }

    private static String ranges(RetentionPlan plan) {
        StringBuilder json = new StringBuilder("[");
        for (long[] range : plan.ranges()) {
            json.append(json.length() == 1 ? "" : ",").append('[').append(range[0]).append(',').append(range[1]).append(']');
        }
        return json.append(']').toString();
    }

    private static CanonicalObject hold(LegalHold hold) {
        return new CanonicalObject()
                .json("whole_tenant", Boolean.toString(hold.getWholeTenant()))
                .strings("decision_digests", hold.getDecisionDigests().stream()
                        .map(d -> java.util.HexFormat.of().formatHex(d.bytes())).toList())
                .string("recorded_from", hold.getRecordedFrom() == null ? null : Rfc3339.millis(hold.getRecordedFrom()))
                .string("recorded_to", hold.getRecordedTo() == null ? null : Rfc3339.millis(hold.getRecordedTo()))
                .strings("labels", hold.getLabels());
    }

    private static CanonicalObject policy(RetentionPolicy policy) {
        List<CanonicalObject> rules = policy.getRules().stream().map(RetentionOperation::rule).toList();
        return new CanonicalObject().objects("rules", rules);
    }

    private static CanonicalObject rule(RetentionRule rule) {
        return new CanonicalObject()
                .string("entry_type", rule.getEntryType())
                .string("label", rule.getLabel())
                .json("retain_seconds", rule.getRetainSeconds() == null ? "null" : Long.toString(rule.getRetainSeconds()));
    }
}
