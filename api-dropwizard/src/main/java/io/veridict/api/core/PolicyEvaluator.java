package io.veridict.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.veridict.policy.CompiledPolicy;
import io.veridict.policy.Evaluation;
import io.veridict.policy.PolicyCompiler;
import io.veridict.policy.PolicyDocument;
import io.veridict.policy.PolicyException;

/**
 * Evaluates contexts against policy documents, keeping nothing of a context. Compiling a policy
 * is the costly part, so compiled policies are kept, per tenant and policy hash, in a bounded
 * cache: at most {@value #MAX_POLICIES} of them, and at most {@value #MAX_CACHED_BYTES} bytes of
 * policy text (a policy counts at least {@value #MIN_WEIGHT} bytes). A policy that is refused is
 * not cached. Keyed per tenant, so that how fast an answer comes says nothing of another tenant's
 * policies.
 *
 * <p>Thread-safe: one instance serves all requests.
 */
public final class PolicyEvaluator {

    static final int MAX_POLICIES = 256;
    static final int MIN_WEIGHT = 16 * 1024;
    static final long MAX_CACHED_BYTES = (long) MAX_POLICIES * MIN_WEIGHT;

    private record Key(String tenant, String policyHash) {
    }

    private final Cache<Key, CompiledPolicy> compiled = Caffeine.newBuilder()
            .maximumWeight(MAX_CACHED_BYTES)
            .weigher((Key key, CompiledPolicy policy) -> Math.max(MIN_WEIGHT, policy.document().canonicalJson().length))
            .build();

    /**
     * Evaluates {@code context} against {@code document}.
     *
     * @throws PolicyException if the engine refuses the document or the context
     */
    public Evaluation evaluate(String tenant, JsonNode document, JsonNode context) {
        PolicyDocument parsed = PolicyDocument.parse(document);
        CompiledPolicy policy = compiled.get(new Key(tenant, parsed.hash()), key -> PolicyCompiler.compile(parsed));
        return policy.evaluate(context);
    }

    /**
     * The compiled policy of a published version: from the cache, or compiled from the document
     * {@code document} reads (which must have the hash {@code policyHash}).
     *
     * @throws PolicyException if the engine refuses the document
     */
    public CompiledPolicy compiled(String tenant, String policyHash, java.util.function.Supplier<PolicyDocument> document) {
        return compiled.get(new Key(tenant, policyHash), key -> {
            PolicyDocument parsed = document.get();
            if (!parsed.hash().equals(policyHash)) {
                throw new IllegalStateException("the document read has another hash than its version");
            }
            return PolicyCompiler.compile(parsed);
        });
    }

    /** @return how many compiled policies are cached now */
    long cachedPolicies() {
        compiled.cleanUp();
        return compiled.estimatedSize();
    }
}
