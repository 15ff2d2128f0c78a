package io.veridict.api.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.FieldPath;
import io.veridict.api.errors.FieldProblems;
import java.util.Set;

/**
 * A {@code POST /v1/policies} body, {@code {"document": {…}, "activate"?: bool, "reason"?: "…"}}:
 * the policy document to publish, whether it becomes its policy's active version at once
 * (default {@code true}), and why. The engine checks the document itself.
 *
 * @param document the policy document (docs/policies.md §2)
 * @param activate whether the version is active once published
 * @param reason   free text, or null
 */
public record PolicyPublication(ObjectNode document, boolean activate, String reason) {

    private static final Set<String> MEMBERS = Set.of("document", "activate", "reason");

    /**
     * @throws io.veridict.api.errors.ApiException {@code INVALID_REQUEST} listing every problem
     */
    public static PolicyPublication fromJson(ObjectNode body) {
        FieldProblems problems = new FieldProblems();
        FieldReader fields = new FieldReader(problems);
        fields.rejectUnknown(body, FieldPath.ROOT, MEMBERS);
        ObjectNode document = fields.requiredObject(body, FieldPath.ROOT, "document");
        JsonNode activate = body.get("activate");
        if (activate != null && !activate.isBoolean()) {
            fields.problem("activate", "must be true or false");
        }
        String reason = fields.optionalText(body, FieldPath.ROOT, "reason", FieldReader.TextRule.anyText(1024));
        problems.throwIfAny(ErrorCode.INVALID_REQUEST, "the policy publication");
        return new PolicyPublication(document, activate == null || activate.booleanValue(), reason);
    }
}
