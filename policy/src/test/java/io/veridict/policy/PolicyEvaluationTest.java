package io.veridict.policy;

import static io.veridict.policy.TestPolicies.allViolations;
import static io.veridict.policy.TestPolicies.compile;
import static io.veridict.policy.TestPolicies.context;
import static io.veridict.policy.TestPolicies.firstMatch;
import static io.veridict.policy.TestPolicies.rule;
import static io.veridict.policy.TestPolicies.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.CelErrorCode;
import io.veridict.schemas.format.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PolicyEvaluationTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private static ObjectNode withOutcome(ObjectNode rule, String outcome) {
        return rule.put("outcome", outcome);
    }

    @Test
    void firstMatchTakesTheFirstViolatedRulesOutcomeAndStopsThere() {
        CompiledPolicy policy = compile(firstMatch(
                withOutcome(rule("amount", "ctx.amount > 50000"), "DENY"),
                withOutcome(rule("new-customer", "MEDIUM", "ctx.days < 30"), "REVIEW"),
                rule("unreadable", "ctx.missing > 1")));

        Evaluation deny = policy.evaluate(context("{\"amount\": 60000, \"days\": 10}"));
        assertThat(deny.outcome()).isEqualTo("DENY");
        assertThat(deny.violations()).containsExactly(new Violation("amount", Severity.HIGH, "rule amount"));
        assertThat(deny.errors()).isEmpty();

        Evaluation review = policy.evaluate(context("{\"amount\": 100, \"days\": 10}"));
        assertThat(review.outcome()).isEqualTo("REVIEW");
        assertThat(review.violations()).extracting(Violation::ruleId).containsExactly("new-customer");
        assertThat(review.errors()).isEmpty(); // the failing rule after the match is never evaluated

        Evaluation error = policy.evaluate(context("{\"amount\": 100, \"days\": 100}"));
        assertThat(error.outcome()).isEqualTo(OutcomeRule.ERROR);
        assertThat(error.violations()).isEmpty();
        assertThat(error.errors()).extracting(RuleError::ruleId, RuleError::code)
                .containsExactly(tuple("unreadable", RuleErrorCode.NO_SUCH_KEY));

        Evaluation none = compile(firstMatch(rule("a", "ctx.amount > 50000"))).evaluate(context("{\"amount\": 1}"));
        assertThat(none.outcome()).isEqualTo("APPROVE");
        assertThat(none.violations()).isEmpty();
    }

    @Test
    void allViolationsListsEveryViolationAndMapsTheHighestSeverity() {
        CompiledPolicy policy = compile(allViolations(
                rule("low", "LOW", "ctx.a > 1"),
                rule("critical", "CRITICAL", "ctx.c > 1"),
                rule("medium", "MEDIUM", "ctx.b > 1")));

        assertThat(policy.evaluate(context("{\"a\": 0, \"b\": 0, \"c\": 0}")).outcome()).isEqualTo("APPROVE");
        assertThat(policy.evaluate(context("{\"a\": 2, \"b\": 0, \"c\": 0}")).outcome()).isEqualTo("APPROVE");
        Evaluation review = policy.evaluate(context("{\"a\": 2, \"b\": 2, \"c\": 0}"));
        assertThat(review.outcome()).isEqualTo("REVIEW");
        assertThat(review.violations()).extracting(Violation::ruleId).containsExactly("low", "medium");
        Evaluation deny = policy.evaluate(context("{\"a\": 2, \"b\": 2, \"c\": 2}"));
        assertThat(deny.outcome()).isEqualTo("DENY");
        assertThat(deny.violations()).extracting(Violation::ruleId).containsExactly("low", "critical", "medium");
    }

    @Test
    void anyRuleErrorMakesTheOutcomeErrorAndKeepsTheOtherResults() {
        CompiledPolicy policy = compile(allViolations(
                rule("low", "LOW", "ctx.a > 1"),
                rule("missing", "ctx.nope == 1"),
                rule("typed", "ctx.name > 1"),
                rule("medium", "MEDIUM", "ctx.b > 1")));

        Evaluation evaluation = policy.evaluate(context("{\"a\": 2, \"b\": 0, \"name\": \"x\"}"));

        assertThat(evaluation.outcome()).isEqualTo(OutcomeRule.ERROR);
        assertThat(evaluation.violations()).extracting(Violation::ruleId).containsExactly("low");
        assertThat(evaluation.errors()).extracting(RuleError::ruleId).containsExactly("missing", "typed");
        assertThat(evaluation.errors()).extracting(RuleError::code)
                .containsExactly(RuleErrorCode.NO_SUCH_KEY, RuleErrorCode.NO_SUCH_OVERLOAD);
        assertThat(evaluation.errors().get(0).detail()).contains("nope");
    }

    @Test
    void eachKindOfRuntimeFailureHasItsCode() {
        JsonNode ctx = context("""
                {"n": 7, "zero": 0, "big": 1e19, "list": [1, 2], "when": "yesterday", "name": "x",
                 "nested": {"inner": 1}}""");

        assertThat(errorOf("ctx.missing == 1", ctx)).isEqualTo(RuleErrorCode.NO_SUCH_KEY);
        assertThat(errorOf("ctx.nested.other == 1", ctx)).isEqualTo(RuleErrorCode.NO_SUCH_KEY);
        assertThat(errorOf("ctx.name > 1", ctx)).isEqualTo(RuleErrorCode.NO_SUCH_OVERLOAD);
        assertThat(errorOf("ctx.n + 1 == 8", ctx)).isEqualTo(RuleErrorCode.NO_SUCH_OVERLOAD); // double + int
        assertThat(errorOf("ctx.list[1.0] == 2", ctx)).isEqualTo(RuleErrorCode.NO_SUCH_OVERLOAD);
        assertThat(errorOf("int(ctx.n) / int(ctx.zero) == 1", ctx)).isEqualTo(RuleErrorCode.DIVISION_BY_ZERO);
        assertThat(errorOf("int(ctx.n) % int(ctx.zero) == 1", ctx)).isEqualTo(RuleErrorCode.DIVISION_BY_ZERO);
        assertThat(errorOf("int(ctx.big) > 0", ctx)).isEqualTo(RuleErrorCode.NUMERIC_OVERFLOW);
        assertThat(errorOf("9223372036854775807 + int(ctx.n) > 0", ctx)).isEqualTo(RuleErrorCode.NUMERIC_OVERFLOW);
        assertThat(errorOf("ctx.list[2] == 1", ctx)).isEqualTo(RuleErrorCode.INDEX_OUT_OF_RANGE);
        assertThat(errorOf("timestamp(ctx.when) > timestamp(0)", ctx)).isEqualTo(RuleErrorCode.INVALID_ARGUMENT);
        assertThat(errorOf("ctx.name.matches(ctx.name + '(')", ctx)).isEqualTo(RuleErrorCode.INVALID_ARGUMENT);
        assertThat(errorOf("{'a': 1, 'a': 2}.size() == 1", ctx)).isEqualTo(RuleErrorCode.EVALUATION_ERROR);
    }

    @Test
    void mapsEveryCelErrorCode() {
        assertThat(RuleErrorCode.of(CelErrorCode.ITERATION_BUDGET_EXCEEDED)).isEqualTo(RuleErrorCode.ITERATION_LIMIT);
        assertThat(RuleErrorCode.of(CelErrorCode.BAD_FORMAT)).isEqualTo(RuleErrorCode.INVALID_ARGUMENT);
        assertThat(RuleErrorCode.of(CelErrorCode.INTERNAL_ERROR)).isEqualTo(RuleErrorCode.EVALUATION_ERROR);
        assertThat(RuleErrorCode.of(null)).isEqualTo(RuleErrorCode.EVALUATION_ERROR);
    }

    @Test
    void errorsAreAbsorbedAsCelDefinesAndHasTestsPresence() {
        JsonNode ctx = context("{\"a\": 1}");

        assertThat(violated("ctx.missing > 1 || true", ctx)).isTrue();
        assertThat(violated("ctx.missing > 1 && false", ctx)).isFalse();
        assertThat(violated("has(ctx.missing) && ctx.missing > 1", ctx)).isFalse();
        assertThat(violated("!has(ctx.missing)", ctx)).isTrue();
        assertThat(violated("has(ctx.a)", ctx)).isTrue();
        assertThat(violated("'missing' in ctx", ctx)).isFalse();
        assertThat(violated("[1, 2].all(x, x > 0) && ![ctx.a].exists(x, x > 5.0)", ctx)).isTrue();
    }

    @Test
    void everyJsonNumberIsADoubleOfItsCanonicalValue() {
        for (String one : new String[] {"1", "1.0", "1e0", "100e-2", "0.1e1"}) {
            JsonNode ctx = context("{\"n\": " + one + "}");
            assertThat(violated("type(ctx.n) == double && ctx.n == 1.0 && ctx.n == 1 && ctx.n + 1.0 == 2.0", ctx))
                    .as(one).isTrue();
        }
        CompiledPolicy policy = compile(firstMatch(rule("r", "ctx.n == 1")));
        assertThat(policy.evaluate(context("{\"n\": 1.0}")).evaluationHash())
                .isEqualTo(policy.evaluate(context("{\"n\": 1}")).evaluationHash());

        JsonNode zero = context("{\"z\": -0, \"y\": -0.0}");
        assertThat(violated("1.0 / ctx.z > 0.0 && 1.0 / ctx.y > 0.0", zero)).isTrue(); // no negative zero
        assertThat(violated("1.0 / -0.0 < 0.0", zero)).isTrue(); // CEL itself keeps it

        JsonNode big = context("{\"big\": 18446744073709552000, \"max\": 9007199254740992, \"tiny\": 5e-324}");
        assertThat(violated("ctx.big > 9223372036854775807 && ctx.big == 18446744073709551616.0", big)).isTrue();
        assertThat(violated("ctx.max + 1.0 == ctx.max", big)).isTrue(); // beyond 2^53 doubles skip odd integers
        assertThat(violated("ctx.tiny > 0.0 && ctx.tiny / 2.0 == 0.0", big)).isTrue();
        assertThat(violated("ctx.max / 0.0 > 1e308 && -ctx.max / 0.0 < -1e308", big)).isTrue();
        assertThat(violated("0.1 + 0.2 != 0.3 && 0.1 + 0.2 == 0.30000000000000004", big)).isTrue();
    }

    @Test
    void refusesNumbersWithoutAnExactCanonicalForm() {
        for (String inexact : new String[] {"9007199254740993", "9223372036854775808", "18446744073709551615",
            "0.10000000000000000001", "1e400", "1e-400"}) {
            assertContextRefused(() -> compile(firstMatch(rule("r", "true")))
                    .evaluate(utf8("{\"n\": " + inexact + "}")), PolicyErrorCode.CONTEXT_INVALID);
        }
        ObjectNode tree = NODES.objectNode().put("n", 9007199254740993L);
        assertContextRefused(() -> compile(firstMatch(rule("r", "true"))).evaluate(tree),
                PolicyErrorCode.CONTEXT_INVALID);
        ObjectNode nan = NODES.objectNode().put("n", Double.NaN);
        assertContextRefused(() -> compile(firstMatch(rule("r", "true"))).evaluate(nan),
                PolicyErrorCode.CONTEXT_INVALID);
    }

    @Test
    void stringsAreUnicodeAndOrderedByCodePoint() {
        JsonNode ctx = context("{\"fw\": \"\uFF21\", \"emoji\": \"\uD83D\uDE00\", \"name\": \"Ren\u00e9e\","
                + " \"decomposed\": \"Rene\u0301e\"}");

        assertThat(violated("size(ctx.emoji) == 1 && size(ctx.name) == 5 && size(ctx.decomposed) == 6", ctx)).isTrue();
        // U+FF21 < U+1F600 as code points, although its UTF-16 unit 0xFF21 is above the surrogate 0xD83D
        assertThat(violated("ctx.fw < ctx.emoji && ctx.emoji > ctx.fw && ctx.fw <= ctx.emoji && ctx.emoji >= ctx.fw",
                ctx)).isTrue();
        assertThat(violated("'a' < 'b' && 'ab' > 'a' && '' < 'a' && 'a' <= 'a' && !('b' < 'a')", ctx)).isTrue();
        // no normalisation: composed and decomposed é differ
        assertThat(violated("ctx.name != ctx.decomposed && ctx.name.contains('é')", ctx)).isTrue();
        assertThat(violated("ctx.emoji.matches('^.$') && ctx.name.startsWith('Ren')", ctx)).isTrue();
    }

    @Test
    void mapsIterateInCanonicalOrder() {
        JsonNode ctx = context("{\"m\": {\"\uFF21\": 1, \"\u00e9\": 2, \"a\": 3, \"B\": 4, \"\uD83D\uDE00\": 5}}");

        assertThat(violated("ctx.m.map(k, k) == ['B', 'a', '\u00e9', '\uD83D\uDE00', '\uFF21']", ctx)).isTrue();
        assertThat(violated("ctx.m.map(k, ctx.m[k]) == [4.0, 3.0, 2.0, 5.0, 1.0]", ctx)).isTrue();
    }

    @Test
    void refusesContextsBeyondTheLimits() {
        CompiledPolicy policy = compile(firstMatch(rule("r", "true")));

        assertContextRefused(() -> policy.evaluate(context("[1]")), PolicyErrorCode.CONTEXT_INVALID);
        assertContextRefused(() -> policy.evaluate(context("\"text\"")), PolicyErrorCode.CONTEXT_INVALID);
        assertContextRefused(() -> policy.evaluate(utf8("{\"a\": 1,}")), PolicyErrorCode.CONTEXT_INVALID);
        assertContextRefused(() -> policy.evaluate(utf8("{\"a\": 1, \"a\": 2}")), PolicyErrorCode.CONTEXT_INVALID);

        assertThat(policy.evaluate(nested(PolicyLimits.MAX_CONTEXT_DEPTH)).outcome()).isEqualTo("DENY");
        assertContextRefused(() -> policy.evaluate(nested(PolicyLimits.MAX_CONTEXT_DEPTH + 1)),
                PolicyErrorCode.CONTEXT_TOO_DEEP);
        assertContextRefused(() -> policy.evaluate(nested(5000)), PolicyErrorCode.CONTEXT_TOO_DEEP);

        assertThat(policy.evaluate(array(PolicyLimits.MAX_CONTEXT_ELEMENTS)).outcome()).isEqualTo("DENY");
        assertContextRefused(() -> policy.evaluate(array(PolicyLimits.MAX_CONTEXT_ELEMENTS + 1)),
                PolicyErrorCode.CONTEXT_INVALID);

        ObjectNode many = NODES.objectNode();
        for (int i = 0; i < 10; i++) {
            ArrayNode list = many.putArray("list" + i);
            for (int j = 0; j < PolicyLimits.MAX_CONTEXT_ELEMENTS - 2; j++) {
                list.add(j);
            }
        }
        for (int i = 0; i < 9; i++) {
            many.put("flag" + i, true);
        }
        assertThat(policy.evaluate(many).outcome()).isEqualTo("DENY"); // 1 + 10 + 10 * 998 + 9 values
        many.put("one-more", true);
        assertContextRefused(() -> policy.evaluate(many), PolicyErrorCode.CONTEXT_INVALID);

        String longest = "\uD83D\uDE00".repeat(PolicyLimits.MAX_CONTEXT_STRING_CODE_POINTS);
        assertThat(policy.evaluate(NODES.objectNode().put("s", longest)).outcome()).isEqualTo("DENY");
        assertContextRefused(() -> policy.evaluate(NODES.objectNode().put("s", longest + "x")),
                PolicyErrorCode.CONTEXT_INVALID);
        assertContextRefused(() -> policy.evaluate(NODES.objectNode().put(longest + "x", 1)),
                PolicyErrorCode.CONTEXT_INVALID);
        ObjectNode large = NODES.objectNode();
        for (int i = 0; i < 130; i++) {
            large.put(String.format("k%03d", i), "x".repeat(8000));
        }
        int room = PolicyLimits.MAX_CONTEXT_BYTES - CanonicalJson.canonicalize(large).length - ",\"pad\":\"\"".length();
        large.put("pad", "x".repeat(room));
        assertThat(CanonicalJson.canonicalize(large)).hasSize(PolicyLimits.MAX_CONTEXT_BYTES);
        assertThat(policy.evaluate(large).outcome()).isEqualTo("DENY");
        large.put("pad", "x".repeat(room + 1));
        assertContextRefused(() -> policy.evaluate(large), PolicyErrorCode.CONTEXT_INVALID);
        assertContextRefused(() -> policy.evaluate(NODES.objectNode().put("b", new byte[] {1})),
                PolicyErrorCode.CONTEXT_INVALID);
        assertContextRefused(() -> policy.evaluate(NODES.objectNode().put("s", "\uD800")),
                PolicyErrorCode.CONTEXT_INVALID);
    }

    @Test
    void hashesAreOverTheDocumentedInput() throws Exception {
        CompiledPolicy policy = compile(allViolations(
                rule("big", "MEDIUM", "ctx.amount > 100"),
                rule("gone", "LOW", "ctx.gone == 1")));
        JsonNode ctx = context("{ \"amount\": 250.0, \"note\": \"caf\u00e9\" }");

        Evaluation evaluation = policy.evaluate(ctx);

        byte[] canonicalContext = utf8("{\"amount\":250,\"note\":\"caf\u00e9\"}");
        String contextHash = sha256(canonicalContext);
        assertThat(evaluation.contextHash()).isEqualTo(contextHash);
        assertThat(evaluation.policyHash()).isEqualTo(sha256(policy.document().canonicalJson()));
        assertThat(evaluation.engineVersion()).isEqualTo("veridict-policy/1 cel-java/0.14.0");
        String expectedInput = "{\"context_hash\":\"" + contextHash + "\",\"engine\":\"veridict-policy/1 cel-java/0.14.0\","
                + "\"errors\":[{\"code\":\"NO_SUCH_KEY\",\"rule_id\":\"gone\"}],\"outcome\":\"ERROR\","
                + "\"policy_hash\":\"" + policy.hash() + "\","
                + "\"violations\":[{\"message\":\"rule big\",\"rule_id\":\"big\",\"severity\":\"MEDIUM\"}]}";
        assertThat(new String(evaluation.hashInput(), StandardCharsets.UTF_8)).isEqualTo(expectedInput);
        assertThat(CanonicalJson.isCanonical(evaluation.hashInput())).isTrue();
        assertThat(evaluation.evaluationHash()).isEqualTo(sha256(utf8(expectedInput)));
    }

    @Test
    void evaluatesTextAndTreesAlike() {
        CompiledPolicy policy = compile(firstMatch(rule("r", "ctx.a.b[0] == 'x'")));
        String text = "{\"a\": {\"b\": [\"x\", null, true, 1.5]}}";

        Evaluation fromText = policy.evaluate(utf8(text));
        Evaluation fromTree = policy.evaluate(context(text));

        assertThat(fromText.outcome()).isEqualTo("DENY");
        assertThat(fromText.evaluationHash()).isEqualTo(fromTree.evaluationHash());
        assertThat(violated("ctx.a.b[1] == null && ctx.a.b[2] && ctx.a.b[3] == 1.5", context(text))).isTrue();
    }

    private static RuleErrorCode errorOf(String condition, JsonNode ctx) {
        Evaluation evaluation = compile(firstMatch(rule("r", condition))).evaluate(ctx);
        assertThat(evaluation.errors()).as(condition).hasSize(1);
        assertThat(evaluation.outcome()).isEqualTo(OutcomeRule.ERROR);
        return evaluation.errors().get(0).code();
    }

    private static boolean violated(String condition, JsonNode ctx) {
        Evaluation evaluation = compile(firstMatch(rule("r", condition))).evaluate(ctx);
        assertThat(evaluation.errors()).as(condition).isEmpty();
        return !evaluation.violations().isEmpty();
    }

    /** A context whose deepest container is at the given depth, the context itself being depth 1. */
    private static ObjectNode nested(int depth) {
        ObjectNode root = NODES.objectNode();
        ObjectNode node = root;
        for (int level = 2; level <= depth; level++) {
            node = node.putObject("n");
        }
        return root;
    }

    private static ObjectNode array(int elements) {
        ObjectNode root = NODES.objectNode();
        ArrayNode list = root.putArray("list");
        for (int i = 0; i < elements; i++) {
            list.add(i);
        }
        return root;
    }

    private static void assertContextRefused(Runnable evaluation, PolicyErrorCode code) {
        assertThatThrownBy(evaluation::run).isInstanceOfSatisfying(PolicyException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.ruleId()).isNull();
        });
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
