package io.veridict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.schemas.format.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Re-runs, as an auditor would, every evaluation recorded in chain {@code policy-evaluation} of
 * {@code docs/test-vectors/chains.json}: the policy from its publication entry, each decision's
 * context against it, and the payload's evaluation, violations and decision against the engine's.
 */
class ChainEvaluationVectorsTest {

    @Test
    void shouldReevaluateEveryRecordedEvaluationOfThePolicyChainVectorToWhatItRecorded() throws Exception {
        JsonNode chains = new ObjectMapper().readTree(Files.readString(
                PolicyVectorGenerator.locate().resolveSibling("chains.json"), StandardCharsets.UTF_8));
        JsonNode chain = null;
        for (JsonNode c : chains.get("chains")) {
            if ("policy-evaluation".equals(c.get("name").asText())) {
                chain = c;
            }
        }
        assertThat(chain).as("chain policy-evaluation in chains.json").isNotNull();

        Map<String, CompiledPolicy> published = new HashMap<>();
        List<String> checked = new ArrayList<>();
        for (JsonNode entry : chain.get("entries")) {
            JsonNode payload = CanonicalJson.parseStrict(entry.get("payload").asText().getBytes(StandardCharsets.UTF_8));
            if ("POLICY_PUBLISHED".equals(payload.path("operation").asText())) {
                CompiledPolicy policy = PolicyCompiler.compile(PolicyDocument.parse(payload.get("document")));
                assertThat(policy.hash()).isEqualTo(payload.get("policy_hash").asText());
                published.put(policy.hash(), policy);
            }
            JsonNode recorded = payload.get("evaluation");
            if (recorded == null) {
                continue;
            }
            CompiledPolicy policy = published.get(recorded.get("policy_hash").asText());
            Evaluation again = policy.evaluate(payload.get("context"));
            assertThat(recorded.get("engine").asText()).isEqualTo(again.engineVersion());
            assertThat(recorded.get("outcome").asText()).isEqualTo(again.outcome());
            assertThat(recorded.get("context_hash").asText()).isEqualTo(again.contextHash());
            assertThat(recorded.get("evaluation_hash").asText()).isEqualTo(again.evaluationHash());
            assertThat(recorded.get("errors")).isEmpty();
            assertThat(payload.get("violations")).hasSize(again.violations().size());
            for (int i = 0; i < again.violations().size(); i++) {
                assertThat(payload.get("violations").get(i).get("rule_id").asText()).isEqualTo(again.violations().get(i).ruleId());
            }
            boolean override = payload.has("override");
            assertThat(payload.get("decision").asText().equals(again.outcome())).isEqualTo(!override);
            checked.add(payload.get("decision_id").asText());
        }
        assertThat(checked).containsExactly("loan-77", "loan-78");
    }
}
