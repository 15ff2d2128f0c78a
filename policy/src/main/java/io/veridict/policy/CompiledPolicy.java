package io.veridict.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A policy whose rules are compiled and within the cost budget. It is immutable; one instance
 * evaluates any number of contexts on any number of threads at once.
 *
 * @see "docs/policies.md §5 Outcomes"
 */
public final class CompiledPolicy {

    /** A rule with its program and its estimated cost. */
    record CompiledRule(Rule rule, CelRuntime.Program program, long cost) {
    }

    private final PolicyDocument document;
    private final List<CompiledRule> rules;
    private final long cost;

    CompiledPolicy(PolicyDocument document, List<CompiledRule> rules) {
        this.document = document;
        this.rules = List.copyOf(rules);
        this.cost = rules.stream().mapToLong(CompiledRule::cost).sum();
    }

    /** @return the policy document */
    public PolicyDocument document() {
        return document;
    }

    /** @return the policy hash, as {@link PolicyDocument#hash()} */
    public String hash() {
        return document.hash();
    }

    /** @return the estimated cost of evaluating every rule once, within {@link PolicyLimits#POLICY_COST_BUDGET} */
    public long estimatedCost() {
        return cost;
    }

    /**
     * Evaluates the policy on a context given as a JSON tree.
     *
     * @throws PolicyException {@link PolicyErrorCode#CONTEXT_TOO_DEEP} or
     *         {@link PolicyErrorCode#CONTEXT_INVALID} if the context is refused
     */
    public Evaluation evaluate(JsonNode context) {
        return evaluate(PolicyContext.of(context));
    }

    /**
     * Evaluates the policy on a context given as UTF-8 JSON text, read under the ledger's strict
     * JSON input rules.
     *
     * @throws PolicyException {@link PolicyErrorCode#CONTEXT_TOO_DEEP} or
     *         {@link PolicyErrorCode#CONTEXT_INVALID} if the context is refused
     */
    public Evaluation evaluate(byte[] utf8Json) {
        return evaluate(PolicyContext.of(utf8Json));
    }

    private Evaluation evaluate(PolicyContext context) {
        OutcomeRule outcomeRule = document.outcome();
        List<Violation> violations = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        Rule firstMatch = null;
        for (CompiledRule compiled : rules) {
            RuleError error = run(compiled, context.variables(), violations);
            if (error != null) {
                errors.add(error);
            }
            if (outcomeRule.mode() == OutcomeMode.FIRST_MATCH && (error != null || !violations.isEmpty())) {
                firstMatch = compiled.rule();
                break;
            }
        }
        String outcome;
        if (!errors.isEmpty()) {
            outcome = OutcomeRule.ERROR;
        } else if (violations.isEmpty()) {
            outcome = outcomeRule.defaultOutcome();
        } else if (outcomeRule.mode() == OutcomeMode.FIRST_MATCH) {
            outcome = firstMatch.outcome();
        } else {
            outcome = outcomeRule.bySeverity().get(highestSeverity(violations));
        }
        return new Evaluation(outcome, violations, errors, document.hash(), context.hash());
    }

    /** Runs one rule; adds its violation, or returns its error. */
    private static RuleError run(CompiledRule compiled, Map<String, Object> variables, List<Violation> violations) {
        Object result;
        try {
            result = compiled.program().eval(variables);
        } catch (CelEvaluationException e) {
            return new RuleError(compiled.rule().id(), RuleErrorCode.of(e.getErrorCode()), e.getMessage());
        }
        if (!(result instanceof Boolean violated)) {
            return new RuleError(compiled.rule().id(), RuleErrorCode.EVALUATION_ERROR,
                    "the condition gave " + (result == null ? "no value" : "a " + result.getClass().getSimpleName()));
        }
        if (violated) {
            violations.add(Violation.of(compiled.rule()));
        }
        return null;
    }

    private static Severity highestSeverity(List<Violation> violations) {
        Severity highest = Severity.INFO;
        for (Violation violation : violations) {
            if (violation.severity().compareTo(highest) > 0) {
                highest = violation.severity();
            }
        }
        return highest;
    }
}
