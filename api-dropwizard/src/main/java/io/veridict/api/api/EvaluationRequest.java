package io.veridict.api.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.FieldPath;
import io.veridict.api.errors.FieldProblems;
import java.util.Set;

/**
 * A {@code POST /v1/decisions/evaluate} body, {@code {"context": {…}, "policy": {…}}}: the context
 * to evaluate and the policy to evaluate it against, given inline ({@code {"document": {…}}}) or
 * named among the tenant's published versions ({@link PolicyReference}). Only the shape is checked
 * here; the policy engine checks the document and the context themselves.
 *
 * @param context the decision context, a JSON object
 * @param document the policy document (docs/policies.md §2), a JSON object; null when named
 * @param reference the published version named; null when the document is given
 */
public record EvaluationRequest(ObjectNode context, ObjectNode document, PolicyReference reference) {

    private static final Set<String> MEMBERS = Set.of("context", "policy");
    private static final Set<String> POLICY_MEMBERS = Set.of("document");

    /**
     * Reads the request from its JSON body.
     *
     * @throws io.veridict.api.errors.ApiException {@code INVALID_REQUEST} listing every problem
     */
    public static EvaluationRequest fromJson(ObjectNode body) {
        FieldProblems problems = new FieldProblems();
        FieldReader fields = new FieldReader(problems);
        fields.rejectUnknown(body, FieldPath.ROOT, MEMBERS);
        ObjectNode context = fields.requiredObject(body, FieldPath.ROOT, "context");
        ObjectNode policy = fields.requiredObject(body, FieldPath.ROOT, "policy");
        ObjectNode document = null;
        PolicyReference reference = null;
        if (policy != null && policy.has("document")) {
            fields.rejectUnknown(policy, "policy", POLICY_MEMBERS);
            document = fields.requiredObject(policy, "policy", "document");
        } else if (policy != null) {
            reference = PolicyReference.read(fields, policy, "policy", POLICY_MEMBERS);
        }
        problems.throwIfAny(ErrorCode.INVALID_REQUEST, "the evaluation request");
        return new EvaluationRequest(context, document, reference);
    }
}
