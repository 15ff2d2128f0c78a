package io.veridict.api.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.policy.Evaluation;
import io.veridict.policy.PolicyCompiler;
import io.veridict.policy.PolicyException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = """
            {"policy_id":"credit-limit","version":"7","outcome":{"mode":"first_match","default":"APPROVE"},
             "rules":[{"id":"amount-over-limit","severity":"HIGH","message":"amount over 50000 EUR",
                       "condition":"ctx.amount_eur > 50000","outcome":"DENY"}]}""";

    @Test
    void shouldEvaluateAsTheEngineDoesAndCompileEachPolicyOncePerTenant() throws Exception {
        PolicyEvaluator evaluator = new PolicyEvaluator();
        JsonNode context = JSON.readTree("{\"amount_eur\":60000}");

        Evaluation first = evaluator.evaluate("acme", JSON.readTree(POLICY), context);
        Evaluation again = evaluator.evaluate("acme", JSON.readTree(POLICY.replace("\n", " ")), context);
        evaluator.evaluate("globex", JSON.readTree(POLICY), context);

        Evaluation direct = PolicyCompiler.compile(POLICY.getBytes(StandardCharsets.UTF_8)).evaluate(context);
        assertThat(first.outcome()).isEqualTo("DENY");
        assertThat(first.evaluationHash()).isEqualTo(again.evaluationHash()).isEqualTo(direct.evaluationHash());
        assertThat(evaluator.cachedPolicies()).as("one per tenant and policy hash").isEqualTo(2);
    }

    @Test
    void shouldKeepNoRefusedPolicyAndBoundTheCache() throws Exception {
        PolicyEvaluator evaluator = new PolicyEvaluator();
        JsonNode broken = JSON.readTree(POLICY.replace("ctx.amount_eur > 50000", "ctx.amount_eur >"));

        assertThatThrownBy(() -> evaluator.evaluate("acme", broken, JSON.readTree("{}"))).isInstanceOf(PolicyException.class);
        assertThat(evaluator.cachedPolicies()).isZero();
        for (int i = 0; i < PolicyEvaluator.MAX_POLICIES + 40; i++) {
            evaluator.evaluate("acme", JSON.readTree(POLICY.replace("\"7\"", "\"" + i + "\"")), JSON.readTree("{\"amount_eur\":1}"));
        }
        assertThat(evaluator.cachedPolicies()).isLessThanOrEqualTo(PolicyEvaluator.MAX_POLICIES);
    }
}
