package io.veridict.policy;

import java.util.Objects;

/**
 * A violated rule, in the shape of a decision payload's {@code violations[]} item
 * (docs/ledger-format.md §4.1).
 *
 * @param ruleId the rule's id
 * @param severity the rule's severity
 * @param message the rule's message
 */
public record Violation(String ruleId, Severity severity, String message) {

    public Violation {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    static Violation of(Rule rule) {
        return new Violation(rule.id(), rule.severity(), rule.message());
    }
}
