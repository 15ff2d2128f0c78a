package io.veridict.streams.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.avro.EvidenceRef;
import io.veridict.schemas.avro.KeyOperation;
import io.veridict.schemas.avro.PolicyRef;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.TenantOperation;
import io.veridict.schemas.avro.Violation;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.schemas.format.Rfc3339;
import java.time.Instant;

/**
 * The payload of an entry as the spec defines it (docs/ledger-format.md, payloads): a JSON
 * object built from the command body, hashed in its RFC 8785 canonical form. Everything
 * personal about a command lives here, never in the entry header.
 */
public final class PayloadDocument {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PayloadDocument() {
    }

    /**
     * Canonical payload bytes of a decision, with its (client-given or assigned) id.
     *
     * @see "docs/ledger-format.md §4.1 Decision"
     */
    public static byte[] decision(RecordDecision body, String decisionId) {
        ObjectNode doc = JSON.objectNode();
        doc.put("kind", "decision");
        doc.put("decision_id", decisionId);
        doc.set("context", CanonicalJson.parseStrict(body.getContextJson()));
        doc.set("decision", CanonicalJson.parseStrict(body.getDecisionJson()));
        doc.set("policy", policy(body.getPolicy()));
        ArrayNode violations = doc.putArray("violations");
        for (Violation v : body.getViolations()) {
            violations.addObject().put("rule_id", v.getRuleId()).put("severity", v.getSeverity().name()).put("message", v.getMessage());
        }
        doc.set("metadata", body.getMetadataJson() == null ? JSON.nullNode() : CanonicalJson.parseStrict(body.getMetadataJson()));
        ArrayNode evidence = doc.putArray("evidence");
        for (EvidenceRef e : body.getEvidence()) {
            ObjectNode ref = evidence.addObject().put("uri", e.getUri());
            putIfPresent(ref, "sha256", e.getSha256());
            putIfPresent(ref, "media_type", e.getMediaType());
        }
        return CanonicalJson.canonicalize(doc);
    }

    /**
     * Canonical payload bytes of a key operation. Carries no secret material: the command's
     * {@code secret_hmac} and {@code overlap_ms} are left out.
     *
     * @see "docs/ledger-format.md §4.2 Key operation"
     */
    public static byte[] keyOperation(KeyOperation body) {
        ObjectNode doc = JSON.objectNode();
        doc.put("kind", "key_operation");
        doc.put("operation", body.getOperation().name());
        doc.put("key_id", body.getKeyId());
        ArrayNode scopes = doc.putArray("scopes");
        body.getScopes().forEach(scopes::add);
        Instant expires = body.getExpiresAt();
        doc.set("expires_at", expires == null ? JSON.nullNode() : JSON.textNode(Rfc3339.millis(expires)));
        doc.set("reason", body.getReason() == null ? JSON.nullNode() : JSON.textNode(body.getReason()));
        return CanonicalJson.canonicalize(doc);
    }

    /**
     * Canonical payload bytes of a tenant operation.
     *
     * @see "docs/ledger-format.md §4.3 Tenant operation"
     */
    public static byte[] tenantOperation(TenantOperation body) {
        ObjectNode doc = JSON.objectNode();
        doc.put("kind", "tenant_operation");
        doc.put("operation", body.getOperation().name());
        doc.put("display_name", body.getDisplayName());
        doc.set("reason", body.getReason() == null ? JSON.nullNode() : JSON.textNode(body.getReason()));
        return CanonicalJson.canonicalize(doc);
    }

    private static JsonNode policy(PolicyRef policy) {
        if (policy == null) {
            return JSON.nullNode();
        }
        ObjectNode node = JSON.objectNode().put("id", policy.getId());
        putIfPresent(node, "version", policy.getVersion());
        putIfPresent(node, "hash", policy.getHash());
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
