package io.veridict.api.api;

import io.veridict.schemas.avro.PolicyEvaluationRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.FieldPath;
import io.veridict.api.errors.FieldProblems;
import io.veridict.schemas.avro.EvidenceRef;
import io.veridict.schemas.avro.PolicyRef;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated {@code POST /v1/decisions/record} body: immutable, with the JSON parts already in
 * RFC 8785 canonical text, ready to become a {@link RecordDecision}.
 *
 * <p>The wire format and its rules are described in {@code docs/api-errors.md} ("Decision
 * requests"). Two requests are equal when they would record the same {@link RecordDecision}.
 */
public final class DecisionRequest {

    /** Most violations one decision may list. */
    public static final int MAX_VIOLATIONS = 1000;
    /** Longest data subject reference, in characters. */
    public static final int MAX_SUBJECT = 256;
    /** Most evidence references one decision may list. */
    public static final int MAX_EVIDENCE = 100;

    /**
     * The policy that produced a decision.
     *
     * @param id the tenant's policy id, 1 to 256 characters
     * @param version the policy version, 1 to 128 characters, or {@code null}
     * @param hash lower-case hex SHA-256 of the policy document, or {@code null}
     */
    public record Policy(String id, String version, String hash) {
        public Policy {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * One rule a decision violated.
     *
     * @param ruleId the rule's id, 1 to 256 characters
     * @param severity one of INFO, LOW, MEDIUM, HIGH, CRITICAL (never UNKNOWN)
     * @param message human explanation, at most 4096 characters; empty when not given
     */
    public record Violation(String ruleId, Severity severity, String message) {
        public Violation {
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A pointer to evidence kept outside the ledger.
     *
     * @param uri an absolute URI, at most 2048 characters
     * @param sha256 lower-case hex SHA-256 of the evidence, or {@code null}
     * @param mediaType {@code type/subtype} of the evidence, or {@code null}
     */
    public record Evidence(String uri, String sha256, String mediaType) {
        public Evidence {
            Objects.requireNonNull(uri, "uri");
        }
    }

    private final String decisionId;
    private final String contextJson;
    private final String decisionJson;
    private final Policy policy;
    private final List<Violation> violations;
    private final String metadataJson;
    private final List<Evidence> evidence;
    private final String retentionLabel;
    private final String subject;
    private final PolicyEvaluationRequest evaluate;

    DecisionRequest(String decisionId, String contextJson, String decisionJson, Policy policy,
                    List<Violation> violations, String metadataJson, List<Evidence> evidence, String retentionLabel,
                    String subject, PolicyEvaluationRequest evaluate) {
        this.evaluate = evaluate;
        this.retentionLabel = retentionLabel;
        this.subject = subject;
        this.decisionId = decisionId;
        this.contextJson = Objects.requireNonNull(contextJson, "contextJson");
        this.decisionJson = Objects.requireNonNull(decisionJson, "decisionJson");
        this.policy = policy;
        this.violations = List.copyOf(violations);
        this.metadataJson = metadataJson;
        this.evidence = List.copyOf(evidence);
    }

    /**
     * Validates a request body (as read by {@code StrictJsonReader}).
     *
     * @throws ApiException {@code INVALID_REQUEST} listing every problem found
     */
    public static DecisionRequest fromJson(ObjectNode body) {
        FieldProblems problems = new FieldProblems();
        DecisionRequest request = new DecisionRequestParser(problems).parse(body, FieldPath.ROOT);
        problems.throwIfAny(ErrorCode.INVALID_REQUEST, "the decision request");
        return request;
    }

    /** @return the client's decision id, if it chose one */
    public Optional<String> decisionId() {
        return Optional.ofNullable(decisionId);
    }

    /** @return the context object as canonical JSON text */
    public String contextJson() {
        return contextJson;
    }

    /** @return the decision value as canonical JSON text */
    public String decisionJson() {
        return decisionJson;
    }

    /** @return the policy, if given */
    public Optional<Policy> policy() {
        return Optional.ofNullable(policy);
    }

    /** @return the violations, possibly empty */
    public List<Violation> violations() {
        return violations;
    }

    /** @return the metadata object as canonical JSON text, if given */
    public Optional<String> metadataJson() {
        return Optional.ofNullable(metadataJson);
    }

    /** @return the retention label the producer set, if any */
    public Optional<String> retentionLabel() {
        return Optional.ofNullable(retentionLabel);
    }

    /** @return the evidence references, possibly empty */
    public List<Evidence> evidence() {
        return evidence;
    }

    /** The Avro command body, every field (and every enum) set explicitly. */
    public RecordDecision toAvro() {
        return RecordDecision.newBuilder()
                .setDecisionId(decisionId)
                .setContextJson(contextJson)
                .setDecisionJson(decisionJson)
                .setPolicy(policy == null ? null : PolicyRef.newBuilder()
                        .setId(policy.id())
                        .setVersion(policy.version())
                        .setHash(policy.hash())
                        .build())
                .setViolations(violations.stream().map(v -> io.veridict.schemas.avro.Violation.newBuilder()
                        .setRuleId(v.ruleId())
                        .setSeverity(v.severity())
                        .setMessage(v.message())
                        .build()).toList())
                .setMetadataJson(metadataJson)
                .setEvidence(evidence.stream().map(e -> EvidenceRef.newBuilder()
                        .setUri(e.uri())
                        .setSha256(e.sha256())
                        .setMediaType(e.mediaType())
                        .build()).toList())
                .setRetentionLabel(retentionLabel)
                .setSubject(subject)
                .setEvaluate(evaluate)
                .build();
    }

    /** Equal when both would record the same {@link RecordDecision}. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DecisionRequest that && toAvro().equals(that.toAvro());
    }

    @Override
    public int hashCode() {
        return toAvro().hashCode();
    }

    /** Says nothing of the payload, which may hold personal data and stays out of logs. */
    @Override
    public String toString() {
        return "DecisionRequest[" + violations.size() + " violations, " + evidence.size() + " evidence]";
    }
}
