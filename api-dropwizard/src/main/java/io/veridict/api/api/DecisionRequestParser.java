package io.veridict.api.api;

import io.veridict.schemas.avro.PolicyEvaluationRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.api.DecisionRequest.Evidence;
import io.veridict.api.api.DecisionRequest.Policy;
import io.veridict.api.api.DecisionRequest.Violation;
import io.veridict.api.api.FieldReader.TextRule;
import io.veridict.api.errors.FieldPath;
import io.veridict.api.errors.FieldProblems;
import io.veridict.api.json.CanonicalText;
import io.veridict.schemas.avro.Severity;
import io.veridict.schemas.format.CanonicalJsonException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one decision request object into a {@link DecisionRequest}, recording every problem
 * (prefixed with the object's path, e.g. {@code decisions[3].}) in a shared {@link FieldProblems}.
 */
final class DecisionRequestParser {

    static final Set<String> FIELDS = Set.of("decision_id", "context", "decision", "policy", "violations",
            "metadata", "evidence", "retention_label", "subject", "evaluate");
    private static final Set<String> EVALUATE_FIELDS = Set.of("policy", "override_reason");
    private static final Set<String> POLICY_FIELDS = Set.of("id", "version", "hash");
    private static final Set<String> VIOLATION_FIELDS = Set.of("rule_id", "severity", "message");
    private static final Set<String> EVIDENCE_FIELDS = Set.of("uri", "sha256", "media_type");
    private static final Set<String> SEVERITIES = Set.of("INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL");

    private static final TextRule DECISION_ID = TextRule.matching(1, 128, Pattern.compile("[A-Za-z0-9._:-]+"),
            "must be 1 to 128 characters from A-Z a-z 0-9 . _ : -");
    private static final TextRule SHA256 = TextRule.matching(1, 64, Pattern.compile("[0-9a-f]{64}"),
            "must be 64 lower-case hex digits (a SHA-256)");
    private static final TextRule MEDIA_TYPE = TextRule.matching(3, 255, Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"),
            "must be a media type type/subtype (RFC 6838), without parameters");
    private static final TextRule URI_TEXT = TextRule.matching(1, 2048, null, null);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FieldProblems problems;
    private final FieldReader fields;

    DecisionRequestParser(FieldProblems problems) {
        this.problems = problems;
        this.fields = new FieldReader(problems);
    }

    /** The request at {@code path}, or {@code null} if it has problems (all recorded). */
    DecisionRequest parse(ObjectNode body, String path) {
        int before = problems.size();
        fields.rejectUnknown(body, path, FIELDS);
        String decisionId = fields.optionalText(body, path, "decision_id", DECISION_ID);
        ObjectNode context = fields.requiredObject(body, path, "context");
        ObjectNode evaluateNode = fields.optionalObject(body, path, "evaluate");
        PolicyEvaluationRequest evaluate = evaluateNode == null ? null : evaluate(body, evaluateNode, path);
        JsonNode decision = evaluateNode == null ? fields.requiredValue(body, path, "decision")
                : body.hasNonNull("decision") ? body.get("decision") : NODES.nullNode();
        ObjectNode policyNode = fields.optionalObject(body, path, "policy");
        Policy policy = policyNode == null ? null : policy(policyNode, FieldPath.member(path, "policy"));
        List<Violation> violations = violations(body, path);
        ObjectNode metadata = fields.optionalObject(body, path, "metadata");
        List<Evidence> evidence = evidence(body, path);
        String label = fields.optionalText(body, path, "retention_label", TextRule.matching(1, 32,
                RetentionRequests.LABEL, "must be 1 to 32 of a-z 0-9 _ - starting with a letter or digit"));
        String subject = fields.optionalText(body, path, "subject", TextRule.name(DecisionRequest.MAX_SUBJECT));

        String contextJson = canonical(context, FieldPath.member(path, "context"));
        String decisionJson = canonical(decision, FieldPath.member(path, "decision"));
        String metadataJson = canonical(metadata, FieldPath.member(path, "metadata"));
        if (problems.size() > before) {
            return null;
        }
        return new DecisionRequest(decisionId, contextJson, decisionJson, policy, violations, metadataJson,
                evidence, label, subject, evaluate);
    }

    /**
     * The {@code evaluate} member: the policy to evaluate against and an override reason. The
     * evaluation gives the decision's policy and violations, so the request gives neither, and its
     * {@code decision}, if any, is the outcome name the client expects.
     */
    private PolicyEvaluationRequest evaluate(ObjectNode body, ObjectNode node, String path) {
        String at = FieldPath.member(path, "evaluate");
        int before = problems.size();
        fields.rejectUnknown(node, at, EVALUATE_FIELDS);
        ObjectNode policyNode = fields.requiredObject(node, at, "policy");
        PolicyReference reference = policyNode == null ? null
                : PolicyReference.read(fields, policyNode, FieldPath.member(at, "policy"), Set.of());
        String reason = fields.optionalText(node, at, "override_reason", TextRule.name(1024));
        for (String own : new String[] {"policy", "violations"}) {
            if (body.has(own)) {
                fields.problem(FieldPath.member(path, own), "must be absent when the decision is evaluated: the evaluation gives it");
            }
        }
        JsonNode decision = body.get("decision");
        if (decision != null && !decision.isNull() && !decision.isTextual()) {
            fields.problem(FieldPath.member(path, "decision"),
                    "must be an outcome name (a string) or absent when the decision is evaluated");
        }
        if (reason != null && (decision == null || decision.isNull())) {
            fields.problem(FieldPath.member(at, "override_reason"),
                    "overrides a decision the request gives: give the decision too, or leave the reason out");
        }
        return problems.size() > before || reference == null ? null : reference.toAvro(reason);
    }

    private Policy policy(ObjectNode node, String path) {
        fields.rejectUnknown(node, path, POLICY_FIELDS);
        String id = fields.requiredText(node, path, "id", TextRule.name(256));
        String version = fields.optionalText(node, path, "version", TextRule.name(128));
        String hash = fields.optionalText(node, path, "hash", SHA256);
        return id == null ? null : new Policy(id, version, hash);
    }

    private List<Violation> violations(ObjectNode body, String path) {
        ArrayNode items = fields.optionalArray(body, path, "violations", DecisionRequest.MAX_VIOLATIONS);
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            String at = FieldPath.index(FieldPath.member(path, "violations"), i);
            ObjectNode item = fields.objectValue(items.get(i), at);
            if (item == null) {
                continue;
            }
            fields.rejectUnknown(item, at, VIOLATION_FIELDS);
            String ruleId = fields.requiredText(item, at, "rule_id", TextRule.name(256));
            Severity severity = severity(item, at);
            String message = fields.optionalText(item, at, "message", TextRule.anyText(4096));
            if (ruleId != null && severity != null) {
                violations.add(new Violation(ruleId, severity, message == null ? "" : message));
            }
        }
        return violations;
    }

    private Severity severity(ObjectNode item, String path) {
        String text = fields.requiredText(item, path, "severity", TextRule.name(16));
        if (text != null && !SEVERITIES.contains(text)) {
            fields.problem(FieldPath.member(path, "severity"), "must be one of INFO, LOW, MEDIUM, HIGH, CRITICAL");
            return null;
        }
        return text == null ? null : Severity.valueOf(text);
    }

    private List<Evidence> evidence(ObjectNode body, String path) {
        ArrayNode items = fields.optionalArray(body, path, "evidence", DecisionRequest.MAX_EVIDENCE);
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            String at = FieldPath.index(FieldPath.member(path, "evidence"), i);
            ObjectNode item = fields.objectValue(items.get(i), at);
            if (item == null) {
                continue;
            }
            fields.rejectUnknown(item, at, EVIDENCE_FIELDS);
            String uri = absoluteUri(fields.requiredText(item, at, "uri", URI_TEXT), FieldPath.member(at, "uri"));
            String sha256 = fields.optionalText(item, at, "sha256", SHA256);
            String mediaType = fields.optionalText(item, at, "media_type", MEDIA_TYPE);
            if (uri != null) {
                evidence.add(new Evidence(uri, sha256, mediaType));
            }
        }
        return evidence;
    }

    private String absoluteUri(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            if (new URI(text).isAbsolute()) {
                return text;
            }
            fields.problem(field, "must be an absolute URI (with a scheme, e.g. https:)");
        } catch (URISyntaxException e) {
            fields.problem(field, "must be a valid URI (RFC 3986)");
        }
        return null;
    }

    /** Canonical text of a part, or {@code null}; a tree RFC 8785 cannot express is a problem. */
    private String canonical(JsonNode value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return CanonicalText.of(value);
        } catch (CanonicalJsonException e) {
            fields.problem(field, "cannot be written as RFC 8785 canonical JSON (" + e.reason() + ")");
            return null;
        }
    }

}
