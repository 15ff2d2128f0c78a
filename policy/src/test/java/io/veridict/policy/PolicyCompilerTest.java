package io.veridict.policy;

import static io.veridict.policy.TestPolicies.compile;
import static io.veridict.policy.TestPolicies.firstMatch;
import static io.veridict.policy.TestPolicies.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyCompilerTest {

    @Test
    void compilesRulesOverTheContext() {
        CompiledPolicy policy = compile(firstMatch(
                rule("amount", "ctx.amount > 1000"),
                rule("country", "ctx.country in ['KP', 'IR'] && !has(ctx.waiver)"),
                rule("items", "ctx.items.exists(i, i.price * 2.0 > 100.0)"),
                rule("name", "ctx.name.startsWith('test-') || ctx.name.matches('^[0-9]+$')"),
                rule("when", "timestamp(ctx.at) > timestamp('2024-01-01T00:00:00Z') + duration('24h')"),
                rule("hour", "timestamp(ctx.at).getHours() < 6"),
                rule("types", "type(ctx.amount) == double && size(ctx.tags) > 0")));

        assertThat(policy.document().rules()).hasSize(7);
        assertThat(policy.hash()).isEqualTo(policy.document().hash());
        assertThat(policy.estimatedCost()).isPositive().isLessThanOrEqualTo(PolicyLimits.POLICY_COST_BUDGET);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ctx.amount >",                 // syntax
        "amount > 1",                   // only ctx is declared
        "1 + 'a' == 2",                 // type error found by the checker
        "ctx.a.exists(x)",              // macro misuse
        "ctx.a.?b == 1",                // optional syntax is off
    })
    void refusesConditionsThatDoNotCompile(String condition) {
        assertRefused(firstMatch(rule("ok", "true"), rule("bad", condition)), PolicyErrorCode.RULE_COMPILE_ERROR,
                "bad");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 + 2", "ctx.amount", "ctx", "'yes'", "ctx.a ? ctx.b : ctx.c", "[true]", "null"})
    void refusesConditionsThatAreNotBoolean(String condition) {
        assertRefused(firstMatch(rule("r", condition)), PolicyErrorCode.RULE_NOT_BOOLEAN, "r");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "now() > timestamp('2024-01-01T00:00:00Z')",
        "timestamp(ctx.at) < now",
        "rand() > 0.5",
        "uuid() == ''",
        "env('HOME') == ''",
        "getenv('HOME') == ''",
        "timestamp(ctx.at).getHours('Europe/Paris') == 1",
        "timestamp(ctx.at).getDayOfWeek('+01:00') == 1",
        "string(1.5) == '1.5'",
        "string(timestamp(ctx.at)) == ''",
        "string(duration('1s')) == '1s'",
        "int('12') == 12",
        "double('1e3') == 1000.0",
        "bool('true')",
        "'A'.lowerAscii() == 'a'",
        "math.greatest(1, 2) == 2",
        "base64.encode(b'a') == 'YQ=='",
        "sets.contains([1], [1])",
        "cel.bind(x, 1, x == 1)",
        "[1, 2].sort() == [1, 2]",
    })
    void offersNoClockRandomnessEnvironmentOrImplementationDependentFunction(String condition) {
        assertRefused(firstMatch(rule("impure", condition)), PolicyErrorCode.RULE_COMPILE_ERROR, "impure");
    }

    @Test
    void acceptsTimestampAndDurationLiteralsAndRefusesMalformedLiterals() {
        compile(firstMatch(rule("t", "timestamp('2024-02-29T12:00:00Z') - duration('1h30m') < timestamp(0) + duration('0s')"
                + " || int(timestamp('2024-01-01T00:00:00Z')) == 1704067200")));

        assertRefused(firstMatch(rule("t", "timestamp('yesterday') < timestamp(0)")), PolicyErrorCode.RULE_COMPILE_ERROR,
                "t");
        assertRefused(firstMatch(rule("d", "duration('one hour') > duration('0s')")), PolicyErrorCode.RULE_COMPILE_ERROR,
                "d");
        assertRefused(firstMatch(rule("re", "ctx.name.matches('([a-z]')")), PolicyErrorCode.RULE_COMPILE_ERROR, "re");
    }

    @Test
    void duplicateMapKeysAreRefusedAtRuntimeNotSilentlyMerged() {
        // a literal map with a repeated key compiles; evaluating it fails rather than keeping one value
        CompiledPolicy policy = compile(firstMatch(rule("m", "{'a': 1, 'a': 2}.size() == 1")));

        Evaluation evaluation = policy.evaluate(TestPolicies.context("{}"));

        assertThat(evaluation.outcome()).isEqualTo(OutcomeRule.ERROR);
        assertThat(evaluation.errors()).extracting(RuleError::ruleId).containsExactly("m");
    }

    @Test
    void reportsTheFirstFaultyRuleInDocumentOrder() {
        assertRefused(firstMatch(rule("a", "true"), rule("b", "1"), rule("c", "ctx.")), PolicyErrorCode.RULE_NOT_BOOLEAN,
                "b");
        assertRefused(firstMatch(rule("a", "true"), rule("c", "ctx."), rule("b", "1")),
                PolicyErrorCode.RULE_COMPILE_ERROR, "c");
    }

    @Test
    void estimatesCheapRulesCheaply() {
        assertThat(compile(firstMatch(rule("r", "ctx.amount > 1000"))).estimatedCost()).isBetween(3L, 10L);
        assertThat(compile(firstMatch(rule("r", "ctx.amount > 1000"), rule("s", "ctx.amount > 1000"))).estimatedCost())
                .isEqualTo(2 * compile(firstMatch(rule("r", "ctx.amount > 1000"))).estimatedCost());
        long oneLoop = compile(firstMatch(rule("r", "ctx.items.exists(i, i.price > 100.0)"))).estimatedCost();
        assertThat(oneLoop).isBetween(CostEstimator.ASSUMED_ELEMENTS * 5, CostEstimator.ASSUMED_ELEMENTS * 20);
        long literalLoop = compile(firstMatch(rule("r", "[1, 2, 3].exists(i, i > ctx.n)"))).estimatedCost();
        assertThat(literalLoop).isLessThan(100);
        // filter() appends to its accumulator in place: no dearer than exists() with the same test
        long exists = compile(firstMatch(rule("r", "ctx.a.exists(p, p.to == ctx.iban)"))).estimatedCost();
        long filter = compile(firstMatch(rule("r", "ctx.a.filter(p, p.to == ctx.iban).size() >= 3"))).estimatedCost();
        assertThat(filter).isBetween(exists, exists + exists / 10);
    }

    @Test
    void refusesARuleOverTheRuleBudgetAtCompileTime() {
        // a loop inside a loop over context data: 1000 x 1000 iterations
        assertRefused(firstMatch(rule("ok", "true"), rule("nested", "ctx.a.exists(x, ctx.b.exists(y, x == y))")),
                PolicyErrorCode.POLICY_OVER_BUDGET, "nested");
        // a loop that scans a list on every iteration is quadratic too
        assertRefused(firstMatch(rule("scan", "ctx.a.exists(x, x in ctx.b)")), PolicyErrorCode.POLICY_OVER_BUDGET,
                "scan");
        // the same loops over small literal lists are cheap
        compile(firstMatch(rule("small", "[1, 2, 3].exists(x, ['a', 'b'].exists(y, ctx[y] == x))")));
        compile(firstMatch(rule("one-level", "ctx.a.exists(x, x.name.contains('fraud'))")));
    }

    @Test
    void refusesAPolicyOverThePolicyBudgetNamingTheRuleThatCrossesIt() {
        String loop = "ctx.a.exists(x, x.name.contains(ctx.word))";
        long each = compile(firstMatch(rule("r", loop))).estimatedCost();
        int fitting = (int) (PolicyLimits.POLICY_COST_BUDGET / each);
        assertThat(fitting).isBetween(2, PolicyLimits.MAX_RULES - 1);

        ObjectNode[] rules = new ObjectNode[fitting + 1];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = rule("r" + i, loop);
        }
        assertRefused(firstMatch(rules), PolicyErrorCode.POLICY_OVER_BUDGET, "r" + fitting);
        compile(firstMatch(Arrays.copyOf(rules, fitting)));
    }

    @Test
    void refusesLiteralRegularExpressionsOverTheProgramSize() {
        compile(firstMatch(rule("small", "ctx.name.matches('^(a{1,10}){1,10}$')")));
        assertRefused(firstMatch(rule("huge", "ctx.name.matches('^(a{1,100}){1,100}$')")),
                PolicyErrorCode.POLICY_OVER_BUDGET, "huge");
        // a pattern built at run time is held to the same limit when it is used
        Evaluation evaluation = compile(firstMatch(rule("built", "ctx.name.matches(ctx.name + '(a{1,100}){1,100}')")))
                .evaluate(TestPolicies.context("{\"name\": \"a\"}"));
        assertThat(evaluation.errors()).extracting(RuleError::code).containsExactly(RuleErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void refusesConditionsNestedTooDeep() {
        // 0 + 1 + … + 1 == n nests one level per addition, below the == at the root
        int additions = PolicyLimits.MAX_CONDITION_DEPTH - 2;
        String fits = "0" + " + 1".repeat(additions) + " == " + additions;
        String deep = "0" + " + 1".repeat(additions + 1) + " == " + (additions + 1);

        assertThat(compile(firstMatch(rule("fits", fits))).estimatedCost()).isEqualTo(3L * additions + 4);
        assertRefused(firstMatch(rule("deep", deep)), PolicyErrorCode.POLICY_OVER_BUDGET, "deep");
        // beyond the parser's own limit, the condition does not even parse
        assertRefused(firstMatch(rule("deeper", "(".repeat(PolicyLimits.MAX_PARSE_DEPTH + 1) + "true"
                + ")".repeat(PolicyLimits.MAX_PARSE_DEPTH + 1))), PolicyErrorCode.RULE_COMPILE_ERROR, "deeper");
    }

    @Test
    void compilesFromBytes() {
        CompiledPolicy policy = PolicyCompiler.compile(TestPolicies.utf8(firstMatch(rule("r", "true")).toString()));
        assertThat(policy.document().rules()).hasSize(1);
        assertThatThrownBy(() -> PolicyCompiler.compile(TestPolicies.utf8("{")))
                .isInstanceOfSatisfying(PolicyException.class,
                        e -> assertThat(e.code()).isEqualTo(PolicyErrorCode.POLICY_INVALID));
    }

    private static void assertRefused(ObjectNode policy, PolicyErrorCode code, String ruleId) {
        assertThatThrownBy(() -> compile(policy))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
                    assertThat(e.ruleId()).isEqualTo(ruleId);
                });
    }
}
