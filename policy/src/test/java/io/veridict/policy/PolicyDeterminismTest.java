package io.veridict.policy;

import static io.veridict.policy.TestPolicies.allViolations;
import static io.veridict.policy.TestPolicies.compile;
import static io.veridict.policy.TestPolicies.context;
import static io.veridict.policy.TestPolicies.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The same policy and context give the same result and hash, however often and on however many threads. */
class PolicyDeterminismTest {

    private static final ObjectNode POLICY = allViolations(
            rule("amount", "MEDIUM", "ctx.amount > 1000.5"),
            rule("country", "HIGH", "ctx.country in ['KP', 'IR']"),
            rule("items", "LOW", "ctx.items.exists(i, i.sku.startsWith('X-') && i.qty * i.price > 500.0)"),
            rule("keys", "INFO", "ctx.flags.map(k, k) == ['a', 'b']"),
            rule("missing", "LOW", "ctx.nothing == 1"),
            rule("text", "LOW", "ctx.note.matches('(?i)urgent') || size(ctx.note) > 100"));

    /** Several contexts, each giving a different mix of violations and errors. */
    private static final List<JsonNode> CONTEXTS = List.of(
            context("{\"amount\": 10, \"country\": \"FR\", \"items\": [], \"flags\": {\"a\": 1, \"b\": 2},"
                    + " \"note\": \"\", \"nothing\": 1}"),
            context("{\"amount\": 5000, \"country\": \"KP\", \"items\": [{\"sku\": \"X-1\", \"qty\": 3, \"price\": 200}],"
                    + " \"flags\": {}, \"note\": \"URGENT: caf\u00e9\"}"),
            context("{\"amount\": 1000.5, \"country\": \"IR\", \"items\": [{\"sku\": \"Y\", \"qty\": 1, \"price\": 1}],"
                    + " \"flags\": {\"b\": true, \"a\": false}, \"note\": \"\uD83D\uDE00\", \"nothing\": 2}"));

    @Test
    void repeatedEvaluationsGiveTheSameHashes() {
        CompiledPolicy policy = compile(POLICY);
        List<String> first = hashes(policy);

        assertThat(new HashSet<>(first)).hasSize(CONTEXTS.size()); // the contexts really differ
        for (int i = 0; i < 50; i++) {
            assertThat(hashes(policy)).isEqualTo(first);
        }
        // a policy compiled again from the same document behaves the same
        assertThat(hashes(compile(POLICY.deepCopy()))).isEqualTo(first);
    }

    @Test
    void oneCompiledPolicyEvaluatesOnManyThreadsAtOnce() throws Exception {
        CompiledPolicy policy = compile(POLICY);
        List<String> expected = hashes(policy);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Set<List<String>>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    Set<List<String>> seen = new HashSet<>();
                    for (int i = 0; i < 200; i++) {
                        seen.add(hashes(policy));
                    }
                    return seen;
                }));
            }
            for (Future<Set<List<String>>> future : futures) {
                assertThat(future.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theOrderOfMembersInTheContextDoesNotMatter() {
        CompiledPolicy policy = compile(POLICY);
        JsonNode ordered = context("{\"amount\": 5000, \"country\": \"KP\", \"flags\": {\"a\": 1, \"b\": 2},"
                + " \"items\": [], \"note\": \"x\"}");
        JsonNode reordered = context("{\"note\": \"x\", \"items\": [], \"flags\": {\"b\": 2, \"a\": 1},"
                + " \"country\": \"KP\", \"amount\": 5.0e3}");

        Evaluation a = policy.evaluate(ordered);
        Evaluation b = policy.evaluate(reordered);

        assertThat(b.contextHash()).isEqualTo(a.contextHash());
        assertThat(b.evaluationHash()).isEqualTo(a.evaluationHash());
        assertThat(a.violations()).extracting(Violation::ruleId).containsExactly("amount", "country", "keys");
    }

    private static List<String> hashes(CompiledPolicy policy) {
        List<String> hashes = new ArrayList<>();
        for (JsonNode context : CONTEXTS) {
            hashes.add(policy.evaluate(context).evaluationHash());
        }
        return hashes;
    }
}
