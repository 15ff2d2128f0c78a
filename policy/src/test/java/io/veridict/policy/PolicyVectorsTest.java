package io.veridict.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks the engine against the committed {@code docs/test-vectors/policies.json}, as an
 * implementation in another language would: from the file alone.
 */
class PolicyVectorsTest {

    @Test
    void committedFileIsExactlyWhatTheGeneratorRenders() throws IOException {
        assertThat(Files.readString(PolicyVectorGenerator.locate(), StandardCharsets.UTF_8))
                .as("policies.json is stale: re-run PolicyVectorGenerator")
                .isEqualTo(PolicyVectorGenerator.render());
    }

    @Test
    void everyCaseHolds() throws IOException {
        JsonNode vectors = PolicyVectorGenerator.read();
        assertThat(vectors.get("engine").textValue()).isEqualTo(EngineVersion.VERSION);

        Set<String> names = new HashSet<>();
        for (JsonNode c : vectors.get("cases")) {
            String name = c.get("name").textValue();
            assertThat(names.add(name)).as("unique name %s", name).isTrue();
            if (c.has("expected")) {
                checkEvaluation(name, c);
            } else {
                checkRefusal(name, c);
            }
        }
    }

    @Test
    void coversWhatTheSpecificationPromises() throws IOException {
        JsonNode vectors = PolicyVectorGenerator.read();
        Set<String> refusals = new HashSet<>();
        Set<String> ruleErrors = new HashSet<>();
        Set<String> outcomes = new HashSet<>();
        int mostRules = 0;
        for (JsonNode c : vectors.get("cases")) {
            mostRules = Math.max(mostRules, c.get("policy").get("rules").size());
            if (c.has("expected_error")) {
                refusals.add(c.get("expected_error").get("code").textValue());
            } else {
                outcomes.add(c.get("policy").get("outcome").get("mode").textValue() + ":"
                        + c.get("expected").get("outcome").textValue());
                c.get("expected").get("errors").forEach(e -> ruleErrors.add(e.get("code").textValue()));
            }
        }

        assertThat(vectors.get("cases").size()).isGreaterThanOrEqualTo(30);
        assertThat(refusals).contains("POLICY_INVALID", "RULE_COMPILE_ERROR", "RULE_NOT_BOOLEAN", "POLICY_OVER_BUDGET",
                "CONTEXT_TOO_DEEP", "CONTEXT_INVALID");
        assertThat(ruleErrors).contains("NO_SUCH_KEY", "NO_SUCH_OVERLOAD", "DIVISION_BY_ZERO", "NUMERIC_OVERFLOW",
                "INDEX_OUT_OF_RANGE", "INVALID_ARGUMENT");
        assertThat(outcomes).contains("first_match:DENY", "first_match:APPROVE", "first_match:ERROR",
                "all_violations:DENY", "all_violations:APPROVE", "all_violations:ERROR");
        assertThat(mostRules).isGreaterThanOrEqualTo(20);
    }

    private static void checkEvaluation(String name, JsonNode c) {
        JsonNode expected = c.get("expected");
        CompiledPolicy policy = PolicyCompiler.compile(PolicyDocument.parse(c.get("policy")));
        Evaluation evaluation = policy.evaluate(c.get("context_json").textValue().getBytes(StandardCharsets.UTF_8));

        assertThat(evaluation.outcome()).as(name).isEqualTo(expected.get("outcome").textValue());
        List<Violation> violations = new ArrayList<>();
        for (JsonNode v : expected.get("violations")) {
            violations.add(new Violation(v.get("rule_id").textValue(), Severity.valueOf(v.get("severity").textValue()),
                    v.get("message").textValue()));
        }
        assertThat(evaluation.violations()).as(name).isEqualTo(violations);
        List<String> errors = new ArrayList<>();
        for (JsonNode e : expected.get("errors")) {
            errors.add(e.get("rule_id").textValue() + ":" + e.get("code").textValue());
        }
        assertThat(evaluation.errors()).as(name).extracting(e -> e.ruleId() + ":" + e.code()).isEqualTo(errors);
        assertThat(evaluation.policyHash()).as(name).isEqualTo(expected.get("policy_hash").textValue());
        assertThat(evaluation.contextHash()).as(name).isEqualTo(expected.get("context_hash").textValue());
        assertThat(evaluation.evaluationHash()).as(name).isEqualTo(expected.get("evaluation_hash").textValue());
    }

    private static void checkRefusal(String name, JsonNode c) {
        JsonNode expected = c.get("expected_error");
        PolicyErrorCode code = PolicyErrorCode.valueOf(expected.get("code").textValue());
        String ruleId = expected.get("rule_id").isNull() ? null : expected.get("rule_id").textValue();
        assertThatThrownBy(() -> {
            CompiledPolicy policy = PolicyCompiler.compile(PolicyDocument.parse(c.get("policy")));
            assertThat(c.has("context_json")).as("%s: the policy compiles, so the case needs a context", name).isTrue();
            policy.evaluate(c.get("context_json").textValue().getBytes(StandardCharsets.UTF_8));
        }).as(name).isInstanceOfSatisfying(PolicyException.class, e -> {
            assertThat(e.code()).as(name).isEqualTo(code);
            assertThat(e.ruleId()).as(name).isEqualTo(ruleId);
        });
    }
}
