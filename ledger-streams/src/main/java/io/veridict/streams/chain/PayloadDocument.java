package io.veridict.streams.chain;

import io.veridict.schemas.avro.EvidenceRef;
import io.veridict.schemas.avro.KeyOperation;
import io.veridict.schemas.avro.PolicyRef;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.TenantOperation;
import io.veridict.schemas.avro.Violation;
import io.veridict.schemas.format.CanonicalObject;
import io.veridict.schemas.format.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.veridict.streams.policy.DecisionEvaluation;

/**
 * The payload of an entry as the spec defines it (docs/ledger-format.md, payloads): a JSON
 * object built from the command body, hashed in its RFC 8785 canonical form. Everything
 * personal about a command lives here, never in the entry header.
 */
public final class PayloadDocument {

    private PayloadDocument() {
    }

    /**
     * Canonical payload bytes of a decision, with its (client-given or assigned) id.
     *
     * @see "docs/ledger-format.md §4.1 Decision"
     */
    public static byte[] decision(RecordDecision body, String decisionId) {
        return decision(body, decisionId, null);
    }

    /**
     * Canonical payload bytes of a decision the chain evaluated: its policy, violations and
     * decision are the evaluation's, and it carries the evaluation (and an override) as well.
     *
     * @param evaluated the chain's evaluation, or null for a decision recorded as given
     */
    public static byte[] decision(RecordDecision body, String decisionId, DecisionEvaluation evaluated) {
        List<CanonicalObject> evidence = new ArrayList<>(body.getEvidence().size());
        for (EvidenceRef e : body.getEvidence()) {
            evidence.add(new CanonicalObject().string("uri", e.getUri()).stringIfPresent("sha256", e.getSha256())
                    .stringIfPresent("media_type", e.getMediaType()));
        }
        CanonicalObject payload = new CanonicalObject()
                .string("kind", "decision")
                .string("decision_id", decisionId)
                .json("context", body.getContextJson())
                .json("metadata", body.getMetadataJson())
                .objects("evidence", evidence)
                .stringIfPresent("retention_label", body.getRetentionLabel())
                .stringIfPresent("subject", body.getSubject());
        if (evaluated != null) {
            return payload.string("decision", evaluated.outcome())
                    .object("policy", evaluated.policy())
                    .objects("violations", evaluated.violations())
                    .object("evaluation", evaluated.evaluationMember())
                    .objectIfPresent("override", evaluated.overrideMember())
                    .utf8();
        }
        List<CanonicalObject> violations = new ArrayList<>(body.getViolations().size());
        for (Violation v : body.getViolations()) {
            violations.add(new CanonicalObject().string("rule_id", v.getRuleId()).string("severity", v.getSeverity().name())
                    .string("message", v.getMessage()));
        }
        return payload.json("decision", body.getDecisionJson())
                .object("policy", policy(body.getPolicy()))
                .objects("violations", violations)
                .utf8();
    }

    /**
     * Canonical payload bytes of a key operation. Carries no secret material: the command's
     * {@code secret_hmac} and {@code overlap_ms} are left out.
     *
     * @see "docs/ledger-format.md §4.2 Key operation"
     */
    public static byte[] keyOperation(KeyOperation body) {
        Instant expires = body.getExpiresAt();
        return new CanonicalObject()
                .string("kind", "key_operation")
                .string("operation", body.getOperation().name())
                .string("key_id", body.getKeyId())
                .strings("scopes", body.getScopes())
                .string("expires_at", expires == null ? null : Rfc3339.millis(expires))
                .string("reason", body.getReason())
                .stringIfPresent("holder", body.getHolder())
                .utf8();
    }

    /**
     * Canonical payload bytes of a tenant operation.
     *
     * @see "docs/ledger-format.md §4.3 Tenant operation"
     */
    public static byte[] tenantOperation(TenantOperation body) {
        return new CanonicalObject()
                .string("kind", "tenant_operation")
                .string("operation", body.getOperation().name())
                .string("display_name", body.getDisplayName())
                .string("reason", body.getReason())
                .utf8();
    }

    private static CanonicalObject policy(PolicyRef policy) {
        if (policy == null) {
            return null;
        }
        return new CanonicalObject().string("id", policy.getId()).stringIfPresent("version", policy.getVersion())
                .stringIfPresent("hash", policy.getHash());
    }
}
