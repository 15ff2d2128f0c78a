package io.veridict.api.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.policy.PolicyCompiler;
import io.veridict.policy.PolicyDocument;
import io.veridict.policy.PolicyErrorCode;
import io.veridict.policy.PolicyException;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every refusal of the policy engine answers a 4xx of its own code, naming the rule at fault. */
class PolicyRefusalsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A document or context the engine refuses with each code, the rule it names, and the field the answer names. */
    private record Case(String document, String context, String ruleId, String field) {
    }

    private static final Map<PolicyErrorCode, Case> CASES = new EnumMap<>(Map.of(
            PolicyErrorCode.POLICY_INVALID, new Case(policy("ok", "ctx.a > 1.0", "bad", "ctx.a > 2.0")
                    .replace("\"id\":\"bad\",\"severity\":\"HIGH\"", "\"id\":\"bad\",\"severity\":\"SEVERE\""), "{}",
                    "bad", "policy.document.rules[1]"),
            PolicyErrorCode.RULE_COMPILE_ERROR, new Case(policy("ok", "ctx.a > 1.0", "broken", "ctx.a >"), "{}",
                    "broken", "policy.document.rules[1].condition"),
            PolicyErrorCode.RULE_NOT_BOOLEAN, new Case(policy("sum", "1 + 2"), "{}", "sum", "policy.document.rules[0].condition"),
            PolicyErrorCode.POLICY_OVER_BUDGET, new Case(policy("ok", "ctx.a > 1.0", "loop", "ctx.a.exists(x, ctx.b.exists(y, x == y))"),
                    "{}", "loop", "policy.document.rules[1].condition"),
            PolicyErrorCode.CONTEXT_TOO_DEEP, new Case(policy("ok", "ctx.a > 1.0"), "{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}",
                    null, "context"),
            PolicyErrorCode.CONTEXT_INVALID, new Case(policy("ok", "ctx.a > 1.0"), "{\"a\":[" + "0,".repeat(1000) + "0]}",
                    null, "context")));

    @Test
    void shouldAnswerEveryEngineRefusalWithAClientErrorOfTheSameNameAndTheRuleAtFault() throws Exception {
        assertThat(CASES.keySet()).as("a case for every code of the engine").containsExactly(PolicyErrorCode.values());
        for (Map.Entry<PolicyErrorCode, Case> each : CASES.entrySet()) {
            PolicyErrorCode code = each.getKey();
            Case c = each.getValue();
            JsonNode document = JSON.readTree(c.document());
            PolicyException refusal = catchThrowableOfType(
                    () -> PolicyCompiler.compile(PolicyDocument.parse(document)).evaluate(JSON.readTree(c.context())),
                    PolicyException.class);

            ApiException error = PolicyRefusals.of(refusal, document);

            assertThat(refusal.code()).as(code.name()).isEqualTo(code);
            assertThat(error.code()).as(code.name()).isEqualTo(code.name());
            assertThat(error.status()).as(code.name()).isEqualTo(422).isEqualTo(PolicyRefusals.errorCode(code).status());
            assertThat(error.details()).as(code.name()).singleElement().satisfies(detail -> {
                assertThat(detail.ruleId()).isEqualTo(c.ruleId());
                assertThat(detail.field()).isEqualTo(c.field());
                assertThat(detail.problem()).startsWith(code.name());
            });
            assertThat(error.getMessage()).as("the message, which is logged, quotes nothing").doesNotContain("ctx", "[");
        }
    }

    @Test
    void shouldNameTheDocumentWhenNoRuleIsAtFault() throws Exception {
        JsonNode document = JSON.readTree("{\"policy_id\":\"p\"}");
        PolicyException refusal = catchThrowableOfType(() -> PolicyDocument.parse(document), PolicyException.class);

        ApiException error = PolicyRefusals.of(refusal, document);

        assertThat(error.code()).isEqualTo("POLICY_INVALID");
        assertThat(error.details()).singleElement().satisfies(detail -> {
            assertThat(detail.field()).isEqualTo("policy.document");
            assertThat(detail.ruleId()).isNull();
        });
    }

    /** A first_match policy of rules given as id, condition, id, condition, … */
    static String policy(String... idsAndConditions) {
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < idsAndConditions.length; i += 2) {
            rules.append(i == 0 ? "" : ",").append("{\"id\":\"").append(idsAndConditions[i])
                    .append("\",\"severity\":\"HIGH\",\"message\":\"m\",\"condition\":\"").append(idsAndConditions[i + 1])
                    .append("\",\"outcome\":\"DENY\"}");
        }
        return "{\"policy_id\":\"p\",\"version\":\"1\",\"outcome\":{\"mode\":\"first_match\",\"default\":\"APPROVE\"},\"rules\":["
                + rules + "]}";
    }
}
