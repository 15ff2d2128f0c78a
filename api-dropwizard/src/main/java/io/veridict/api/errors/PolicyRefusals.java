package io.veridict.api.errors;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.policy.PolicyErrorCode;
import io.veridict.policy.PolicyException;
import java.util.List;

/**
 * What a refusal of the policy engine answers: each {@link PolicyErrorCode} becomes the API error
 * of the same name (422), with one detail naming where the problem is and, when one rule is at
 * fault, its {@code rule_id}. The engine's explanation goes into the detail, which is sent to the
 * client and never logged: it may quote the policy or the context. The message is fixed per code.
 *
 * @see "docs/api-errors.md §3, docs/policies.md §7 and §12"
 */
public final class PolicyRefusals {

    /** Where the policy document is in an evaluation request. */
    public static final String DOCUMENT = "policy.document";
    /** Where the context is in an evaluation request. */
    public static final String CONTEXT = "context";

    private PolicyRefusals() {
    }

    /** The API error each engine refusal is answered with; every code has one. */
    public static ErrorCode errorCode(PolicyErrorCode code) {
        return switch (code) {
            case POLICY_INVALID -> ErrorCode.POLICY_INVALID;
            case RULE_COMPILE_ERROR -> ErrorCode.RULE_COMPILE_ERROR;
            case RULE_NOT_BOOLEAN -> ErrorCode.RULE_NOT_BOOLEAN;
            case POLICY_OVER_BUDGET -> ErrorCode.POLICY_OVER_BUDGET;
            case CONTEXT_TOO_DEEP -> ErrorCode.CONTEXT_TOO_DEEP;
            case CONTEXT_INVALID -> ErrorCode.CONTEXT_INVALID;
        };
    }

    /**
     * The API error answering {@code refusal}.
     *
     * @param refusal what the engine refused
     * @param document the policy document as the request gave it, to find the rule at fault in
     */
    public static ApiException of(PolicyException refusal, JsonNode document) {
        return of(refusal, document, DOCUMENT);
    }

    /**
     * The API error answering {@code refusal} of a document found at {@code documentPath} of the request.
     */
    public static ApiException of(PolicyException refusal, JsonNode document, String documentPath) {
        ErrorCode code = errorCode(refusal.code());
        String field = field(refusal, document, documentPath);
        return new ApiException(code, message(refusal.code()),
                List.of(new FieldProblem(field, refusal.getMessage(), refusal.ruleId())));
    }

    private static String message(PolicyErrorCode code) {
        return switch (code) {
            case POLICY_INVALID -> "the policy document is not valid";
            case RULE_COMPILE_ERROR -> "a rule of the policy does not compile";
            case RULE_NOT_BOOLEAN -> "a rule's condition is not of type bool";
            case POLICY_OVER_BUDGET -> "the policy is over the cost budget";
            case CONTEXT_TOO_DEEP -> "the context nests too deep for the policy engine";
            case CONTEXT_INVALID -> "the context cannot be evaluated";
        };
    }

    /** The path of the context, of the document, or of the rule at fault (its condition, when compiling failed). */
    private static String field(PolicyException refusal, JsonNode document, String documentPath) {
        return switch (refusal.code()) {
            case CONTEXT_TOO_DEEP, CONTEXT_INVALID -> CONTEXT;
            case POLICY_INVALID -> ruleField(document, documentPath, refusal.ruleId(), false);
            case RULE_COMPILE_ERROR, RULE_NOT_BOOLEAN, POLICY_OVER_BUDGET ->
                    ruleField(document, documentPath, refusal.ruleId(), true);
        };
    }

    private static String ruleField(JsonNode document, String documentPath, String ruleId, boolean condition) {
        JsonNode rules = document == null ? null : document.get("rules");
        if (ruleId == null || rules == null || !rules.isArray()) {
            return documentPath;
        }
        for (int i = 0; i < rules.size(); i++) {
            JsonNode id = rules.get(i).get("id");
            if (id != null && ruleId.equals(id.textValue())) {
                String rule = FieldPath.index(FieldPath.member(documentPath, "rules"), i);
                return condition ? FieldPath.member(rule, "condition") : rule;
            }
        }
        return documentPath;
    }
}
