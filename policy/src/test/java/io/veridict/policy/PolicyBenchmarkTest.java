package io.veridict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the benchmark on the twenty-rule vector for correctness; the time is printed, never asserted. */
class PolicyBenchmarkTest {

    @Test
    void repeatedEvaluationsOfTwentyRulesAgree() {
        CompiledPolicy policy = PolicyCompiler.compile(PolicyDocument.parse(PolicyVectorCases.twentyRulePolicy()));
        byte[] context = PolicyVectorCases.twentyRuleContext().getBytes(StandardCharsets.UTF_8);
        Evaluation once = policy.evaluate(context);

        PolicyBenchmark.Timing timing = PolicyBenchmark.run(policy, context, 5000, 5000);

        assertThat(once.violations()).hasSize(7);
        assertThat(timing.hashes()).containsExactly(once.evaluationHash());
        System.out.printf("twenty rules: %.1f us per evaluation over %d evaluations (estimated cost %d)%n",
                timing.microsPerEvaluation(), timing.evaluations(), policy.estimatedCost());
    }
}
