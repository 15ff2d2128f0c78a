package io.veridict.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a policy's rules against the policy environment and holds them to the cost budget.
 * A policy that compiles here is one that may be published; every later evaluation of it is
 * bounded by the budget.
 *
 * <p>Rules are taken in document order, and each is parsed, type-checked, required to be of
 * type {@code bool}, validated (literal regular expressions, timestamps and durations) and
 * estimated. The first problem refuses the whole policy, naming the rule.
 *
 * @see "docs/policies.md §3 Environment, §6 Cost budget"
 */
public final class PolicyCompiler {

    private PolicyCompiler() {
    }

    /**
     * Parses, validates and compiles a policy document.
     *
     * @throws PolicyException if the document or one of its rules is refused
     */
    public static CompiledPolicy compile(byte[] utf8Json) {
        return compile(PolicyDocument.parse(utf8Json));
    }

    /**
     * Compiles a validated policy document.
     *
     * @throws PolicyException {@link PolicyErrorCode#RULE_COMPILE_ERROR},
     *         {@link PolicyErrorCode#RULE_NOT_BOOLEAN} or {@link PolicyErrorCode#POLICY_OVER_BUDGET},
     *         with the id of the first rule at fault
     */
    public static CompiledPolicy compile(PolicyDocument document) {
        List<CompiledPolicy.CompiledRule> compiled = new ArrayList<>(document.rules().size());
        long total = 0;
        for (Rule rule : document.rules()) {
            CompiledPolicy.CompiledRule next = compile(rule);
            total += next.cost();
            if (total > PolicyLimits.POLICY_COST_BUDGET) {
                throw new PolicyException(PolicyErrorCode.POLICY_OVER_BUDGET, rule.id(), "with this rule the policy's"
                        + " estimated cost reaches " + total + ", over the budget of " + PolicyLimits.POLICY_COST_BUDGET);
            }
            compiled.add(next);
        }
        return new CompiledPolicy(document, compiled);
    }

    private static CompiledPolicy.CompiledRule compile(Rule rule) {
        CelAbstractSyntaxTree ast;
        try {
            ast = PolicyEnvironment.COMPILER.compile(rule.condition()).getAst();
        } catch (CelValidationException e) {
            throw new PolicyException(PolicyErrorCode.RULE_COMPILE_ERROR, rule.id(), e.getMessage(), e);
        }
        if (!ast.getResultType().equals(SimpleType.BOOL)) {
            throw new PolicyException(PolicyErrorCode.RULE_NOT_BOOLEAN, rule.id(), "the condition is of type "
                    + ast.getResultType().name() + ", not bool");
        }
        CelValidationResult validation = PolicyEnvironment.VALIDATOR.validate(ast);
        if (validation.hasError()) {
            throw new PolicyException(PolicyErrorCode.RULE_COMPILE_ERROR, rule.id(), validation.getErrorString());
        }
        CostEstimator.Estimate estimate = CostEstimator.estimate(ast);
        if (estimate.depth() > PolicyLimits.MAX_CONDITION_DEPTH) {
            throw new PolicyException(PolicyErrorCode.POLICY_OVER_BUDGET, rule.id(), "the condition nests deeper than "
                    + PolicyLimits.MAX_CONDITION_DEPTH + " levels");
        }
        for (String pattern : estimate.literalPatterns()) {
            if (!PolicyEnvironment.patternFits(pattern)) {
                throw new PolicyException(PolicyErrorCode.POLICY_OVER_BUDGET, rule.id(), "the regular expression "
                        + pattern + " compiles to more than " + PolicyLimits.MAX_REGEX_PROGRAM_SIZE + " instructions");
            }
        }
        if (estimate.cost() > PolicyLimits.RULE_COST_BUDGET) {
            throw new PolicyException(PolicyErrorCode.POLICY_OVER_BUDGET, rule.id(), "the condition's estimated cost "
                    + estimate.cost() + " is over the budget of " + PolicyLimits.RULE_COST_BUDGET);
        }
        try {
            return new CompiledPolicy.CompiledRule(rule, PolicyEnvironment.RUNTIME.createProgram(ast), estimate.cost());
        } catch (CelEvaluationException e) {
            throw new PolicyException(PolicyErrorCode.RULE_COMPILE_ERROR, rule.id(), e.getMessage(), e);
        }
    }
}
