package io.veridict.policy;

import java.util.Objects;

/**
 * One rule of a policy: its condition is a CEL expression over {@code ctx} that is
 * {@code true} when the context violates the rule.
 *
 * @param id the rule's id, unique within its policy
 * @param severity how serious a violation is
 * @param message what a violation tells, fixed text
 * @param condition the CEL source of the condition
 * @param outcome the policy's outcome when this rule is the first match, or {@code null} in
 *        {@link OutcomeMode#ALL_VIOLATIONS} mode
 */
public record Rule(String id, Severity severity, String message, String condition, String outcome) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(condition, "condition");
    }
}
