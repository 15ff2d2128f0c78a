package io.veridict.streams.policy;

import io.veridict.policy.Evaluation;
import io.veridict.policy.RuleError;
import io.veridict.policy.Violation;
import io.veridict.schemas.avro.PolicyVersion;
import io.veridict.schemas.format.CanonicalObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The chain's evaluation of a decision, as its payload records it (docs/ledger-format.md §4.1):
 * the policy version, the engine's result, the outcome recorded as the decision, and the reason for
 * an override when the client's outcome stands against a different evaluated one.
 *
 * @param version        the policy version evaluated
 * @param evaluation     the engine's result
 * @param outcome        the decision recorded: the evaluated outcome, or the client's under an override
 * @param overrideReason why the client's outcome overrides the evaluated one, or null when none does
 */
public record DecisionEvaluation(PolicyVersion version, Evaluation evaluation, String outcome, String overrideReason) {

    /** The payload's {@code policy} member. */
    public CanonicalObject policy() {
        return new CanonicalObject().string("id", version.getPolicyId()).string("version", version.getVersion())
                .string("hash", version.getPolicyHash());
    }

    /** The payload's {@code violations} items. */
    public List<CanonicalObject> violations() {
        List<CanonicalObject> items = new ArrayList<>(evaluation.violations().size());
        for (Violation v : evaluation.violations()) {
            items.add(new CanonicalObject().string("rule_id", v.ruleId()).string("severity", v.severity().name())
                    .string("message", v.message()));
        }
        return items;
    }

    /** The payload's {@code evaluation} member. */
    public CanonicalObject evaluationMember() {
        List<CanonicalObject> errors = new ArrayList<>(evaluation.errors().size());
        for (RuleError e : evaluation.errors()) {
            errors.add(new CanonicalObject().string("rule_id", e.ruleId()).string("code", e.code().name()));
        }
        return new CanonicalObject()
                .string("engine", evaluation.engineVersion())
                .string("policy_hash", evaluation.policyHash())
                .string("context_hash", evaluation.contextHash())
                .string("outcome", evaluation.outcome())
                .objects("errors", errors)
                .string("evaluation_hash", evaluation.evaluationHash());
    }

    /** The payload's {@code override} member, or null when the evaluated outcome is the decision. */
    public CanonicalObject overrideMember() {
        return overrideReason == null ? null : new CanonicalObject().string("reason", overrideReason);
    }
}
