package io.veridict.policy;

import java.util.Objects;

/**
 * A rule that could not be evaluated on a context.
 *
 * @param ruleId the rule's id
 * @param code why, a stable code that is part of the evaluation hash
 * @param detail what CEL reported, for people; not hashed, and may change between versions
 */
public record RuleError(String ruleId, RuleErrorCode code, String detail) {

    public RuleError {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }
}
