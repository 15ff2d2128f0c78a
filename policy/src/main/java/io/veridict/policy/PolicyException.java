package io.veridict.policy;

import java.util.Objects;

/**
 * A refused policy or context: a stable {@link #code()} and, when one rule is at fault, its
 * {@link #ruleId()}. The message is for people and may change.
 */
public final class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final PolicyErrorCode code;
    private final String ruleId;

    PolicyException(PolicyErrorCode code, String ruleId, String message) {
        this(code, ruleId, message, null);
    }

    PolicyException(PolicyErrorCode code, String ruleId, String message, Throwable cause) {
        super(code + (ruleId == null ? "" : " (rule " + ruleId + ")") + ": " + message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.ruleId = ruleId;
    }

    /** @return why the policy or context was refused */
    public PolicyErrorCode code() {
        return code;
    }

    /** @return the id of the rule at fault, or {@code null} when no single rule is */
    public String ruleId() {
        return ruleId;
    }
}
