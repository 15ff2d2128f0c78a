package io.veridict.policy;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Times evaluations of a compiled policy on one context: a measuring aid for people. Nothing
 * asserts on its times, which depend on the machine and its load.
 */
final class PolicyBenchmark {

    /**
     * What a run measured.
     *
     * @param evaluations how many evaluations were timed
     * @param nanos their total time
     * @param hashes every distinct evaluation hash seen, in order of first appearance
     */
    record Timing(int evaluations, long nanos, Set<String> hashes) {

        double microsPerEvaluation() {
            return nanos / 1000.0 / evaluations;
        }
    }

    private PolicyBenchmark() {
    }

    /** Evaluates {@code warmUp} times untimed, then {@code evaluations} times timed. */
    static Timing run(CompiledPolicy policy, byte[] context, int warmUp, int evaluations) {
        Set<String> hashes = new LinkedHashSet<>();
        for (int i = 0; i < warmUp; i++) {
            hashes.add(policy.evaluate(context).evaluationHash());
        }
        long start = System.nanoTime();
        for (int i = 0; i < evaluations; i++) {
            hashes.add(policy.evaluate(context).evaluationHash());
        }
        return new Timing(evaluations, System.nanoTime() - start, hashes);
    }
}
