package io.veridict.streams.policy;

import io.veridict.policy.CompiledPolicy;
import io.veridict.policy.Evaluation;
import io.veridict.policy.PolicyCompiler;
import io.veridict.policy.PolicyDocument;
import io.veridict.policy.PolicyErrorCode;
import io.veridict.policy.PolicyException;
import io.veridict.schemas.avro.PolicyEvaluationRequest;
import io.veridict.schemas.avro.PolicyRegistry;
import io.veridict.schemas.avro.PolicyRequest;
import io.veridict.schemas.avro.PolicyStatus;
import io.veridict.schemas.avro.PolicyVersion;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.streams.RefusalCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A tenant's published policies, as the chain keeps and applies them (docs/policies.md §13). One
 * stream task owns a tenant, so its state changes without a lock.
 *
 * <ul>
 *   <li>A version is published once, with the document it was published with, and never changes:
 *       a second publication of the same id and version is refused, whatever its document.</li>
 *   <li>At most one version of a policy id is active. Activating a version supersedes the active
 *       one; a retired version is never active again.</li>
 *   <li>A decision recorded with an evaluation is evaluated here, against the version its request
 *       names, on the document of that version's publication entry.</li>
 * </ul>
 *
 * The store ({@code policy-state}) keeps, per tenant, each version's id, label, hash, status and the
 * seq of its publication; the document itself lives only in that entry's payload.
 */
public final class PolicyChanges {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PolicyChanges.class);

    /** Most versions a tenant may publish. */
    public static final int MAX_VERSIONS = 1_000;
    /** Most compiled policies a task keeps. */
    static final int CACHED_POLICIES = 64;

    private final KeyValueStore<String, PolicyRegistry> store;
    private final Map<String, CompiledPolicy> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledPolicy> eldest) {
            return size() > CACHED_POLICIES;
        }
    };

    public PolicyChanges(KeyValueStore<String, PolicyRegistry> store) {
        this.store = store;
    }

    /** What a request becomes: an operation to chain, or a refusal. */
    public record Resolution(PolicyOperation operation, RefusalCode refusal) {
        static Resolution refused(RefusalCode code) {
            return new Resolution(null, code);
        }
    }

    /** What a decision's evaluation came to: the evaluation to record, or a refusal. */
    public record Evaluated(DecisionEvaluation evaluation, RefusalCode refusal) {
        static Evaluated refused(RefusalCode code) {
            return new Evaluated(null, code);
        }
    }

    /** The tenant's versions, in the order published (empty for a tenant that published none). */
    public List<PolicyVersion> versions(String tenant) {
        PolicyRegistry registry = store.get(tenant);
        return registry == null ? List.of() : registry.getVersions();
    }

    /** Checks {@code request} against the tenant's versions. Changes nothing. */
    public Resolution resolve(String tenant, PolicyRequest request) {
        if (request.getPolicyId() == null || request.getVersion() == null) {
            return Resolution.refused(RefusalCode.INVALID_POLICY_REQUEST);
        }
        List<PolicyVersion> versions = versions(tenant);
        PolicyVersion existing = PolicyVersions.find(versions, request.getPolicyId(), request.getVersion());
        String reason = request.getReason();
        switch (request.getRequest()) {
            case PUBLISH -> {
                if (request.getDocumentJson() == null) {
                    return Resolution.refused(RefusalCode.INVALID_POLICY_REQUEST);
                }
                PolicyDocument document;
                try {
                    document = PolicyCompiler.compile(request.getDocumentJson().getBytes(StandardCharsets.UTF_8)).document();
                } catch (PolicyException refused) {
                    return Resolution.refused(RefusalCode.POLICY_REFUSED);
                } catch (RuntimeException failed) {
                    // Whatever a document written to the commands topic directly does to the
                    // compiler, it is this command's refusal, never the task's failure.
                    LOG.warn("a policy document of tenant {} failed to compile: {}", tenant, failed.getClass().getName());
                    return Resolution.refused(RefusalCode.POLICY_REFUSED);
                }
                if (!document.policyId().equals(request.getPolicyId()) || !document.version().equals(request.getVersion())) {
                    return Resolution.refused(RefusalCode.INVALID_POLICY_REQUEST);
                }
                if (existing != null) {
                    return Resolution.refused(RefusalCode.POLICY_VERSION_EXISTS);
                }
                if (versions.size() >= MAX_VERSIONS) {
                    return Resolution.refused(RefusalCode.POLICY_LIMIT_REACHED);
                }
                PolicyVersion active = request.getActivate() ? PolicyVersions.active(versions, request.getPolicyId()) : null;
                return new Resolution(new PolicyOperation(PolicyOperation.Kind.POLICY_PUBLISHED, document.policyId(),
                        document.version(), document.hash(), document.canonicalJson(),
                        request.getActivate() ? PolicyStatus.ACTIVE : PolicyStatus.PUBLISHED,
                        active == null ? null : active.getVersion(), reason), null);
            }
            case ACTIVATE -> {
                if (existing == null) {
                    return Resolution.refused(RefusalCode.POLICY_NOT_FOUND);
                }
                if (existing.getStatus() != PolicyStatus.PUBLISHED) {
                    return Resolution.refused(existing.getStatus() == PolicyStatus.RETIRED ? RefusalCode.POLICY_RETIRED
                            : RefusalCode.POLICY_STATUS_CONFLICT);
                }
                PolicyVersion active = PolicyVersions.active(versions, request.getPolicyId());
                return new Resolution(new PolicyOperation(PolicyOperation.Kind.POLICY_ACTIVATED, existing.getPolicyId(),
                        existing.getVersion(), existing.getPolicyHash(), null, PolicyStatus.ACTIVE,
                        active == null ? null : active.getVersion(), reason), null);
            }
            case RETIRE -> {
                if (existing == null) {
                    return Resolution.refused(RefusalCode.POLICY_NOT_FOUND);
                }
                if (existing.getStatus() == PolicyStatus.RETIRED) {
                    return Resolution.refused(RefusalCode.POLICY_STATUS_CONFLICT);
                }
                return new Resolution(new PolicyOperation(PolicyOperation.Kind.POLICY_RETIRED, existing.getPolicyId(),
                        existing.getVersion(), existing.getPolicyHash(), null, PolicyStatus.RETIRED, null, reason), null);
            }
            default -> {
                return Resolution.refused(RefusalCode.INVALID_POLICY_REQUEST);
            }
        }
    }

    /** Applies a resolved operation, chained at {@code seq} at {@code at}. */
    public void apply(String tenant, PolicyOperation operation, long seq, Instant at) {
        List<PolicyVersion> versions = new ArrayList<>(versions(tenant));
        if (operation.status() == PolicyStatus.ACTIVE) {
            for (int i = 0; i < versions.size(); i++) {
                PolicyVersion v = versions.get(i);
                if (v.getPolicyId().equals(operation.policyId()) && v.getStatus() == PolicyStatus.ACTIVE) {
                    versions.set(i, withStatus(v, PolicyStatus.PUBLISHED, at));
                }
            }
        }
        if (operation.kind() == PolicyOperation.Kind.POLICY_PUBLISHED) {
            versions.add(new PolicyVersion(operation.policyId(), operation.version(), operation.policyHash(), seq,
                    operation.status(), at, at));
        } else {
            for (int i = 0; i < versions.size(); i++) {
                PolicyVersion v = versions.get(i);
                if (v.getPolicyId().equals(operation.policyId()) && v.getVersion().equals(operation.version())) {
                    versions.set(i, withStatus(v, operation.status(), at));
                }
            }
        }
        store.put(tenant, new PolicyRegistry(versions));
    }

    private static PolicyVersion withStatus(PolicyVersion v, PolicyStatus status, Instant at) {
        return new PolicyVersion(v.getPolicyId(), v.getVersion(), v.getPolicyHash(), v.getPublicationSeq(), status,
                v.getPublishedAt(), at);
    }

    /** Forgets a deleted tenant's versions. */
    public void delete(String tenant) {
        store.delete(tenant);
        compiled.keySet().removeIf(key -> key.startsWith(tenant + "\u0000"));
    }

    /**
     * Evaluates a decision that asks for it ({@link RecordDecision#getEvaluate()} not null).
     *
     * @param payloadAt the payload bytes (canonical JSON, in clear) of the tenant's entry at a seq,
     *                  or null if it cannot be read
     */
    public Evaluated evaluate(String tenant, RecordDecision decision, LongFunction<byte[]> payloadAt) {
        PolicyEvaluationRequest asked = decision.getEvaluate();
        if (decision.getPolicy() != null || !decision.getViolations().isEmpty()) {
            return Evaluated.refused(RefusalCode.INVALID_EVALUATION_REQUEST);
        }
        String claimed;
        try {
            var node = CanonicalJson.parseStrict(decision.getDecisionJson().getBytes(StandardCharsets.UTF_8));
            if (!node.isNull() && !node.isTextual()) {
                return Evaluated.refused(RefusalCode.INVALID_EVALUATION_REQUEST);
            }
            claimed = node.isNull() ? null : node.textValue();
        } catch (RuntimeException e) {
            return Evaluated.refused(RefusalCode.INVALID_EVALUATION_REQUEST);
        }
        if (claimed == null && asked.getOverrideReason() != null) {
            return Evaluated.refused(RefusalCode.INVALID_EVALUATION_REQUEST);
        }
        PolicyVersions.Resolved resolved = PolicyVersions.resolve(versions(tenant), asked.getPolicyId(), asked.getVersion(),
                asked.getPolicyHash());
        if (resolved.refusal() != null) {
            return Evaluated.refused(resolved.refusal());
        }
        PolicyVersion version = resolved.version();
        if (version.getStatus() == PolicyStatus.RETIRED) {
            return Evaluated.refused(RefusalCode.POLICY_RETIRED);
        }
        CompiledPolicy policy = compiled(tenant, version, payloadAt);
        if (policy == null) {
            return Evaluated.refused(RefusalCode.POLICY_UNREADABLE);
        }
        Evaluation evaluation;
        try {
            evaluation = policy.evaluate(decision.getContextJson().getBytes(StandardCharsets.UTF_8));
        } catch (PolicyException refused) {
            return Evaluated.refused(refused.code() == PolicyErrorCode.CONTEXT_TOO_DEEP ? RefusalCode.CONTEXT_TOO_DEEP
                    : RefusalCode.CONTEXT_REFUSED);
        } catch (RuntimeException failed) {
            // The engine reports a rule's failure in its result; anything else it throws is this
            // decision's refusal, never the task's failure. The context is not logged.
            LOG.warn("evaluating a decision of tenant {} against policy {} failed: {}", tenant, version.getPolicyHash(),
                    failed.getClass().getName());
            return Evaluated.refused(RefusalCode.EVALUATION_FAILED);
        }
        String override = null;
        if (claimed != null && !claimed.equals(evaluation.outcome())) {
            if (asked.getOverrideReason() == null) {
                return Evaluated.refused(RefusalCode.EVALUATION_MISMATCH);
            }
            override = asked.getOverrideReason();
        }
        return new Evaluated(new DecisionEvaluation(version, evaluation, override == null ? evaluation.outcome() : claimed,
                override), null);
    }

    /** The compiled policy of {@code version}, from its publication's payload; null if that cannot be read. */
    private CompiledPolicy compiled(String tenant, PolicyVersion version, LongFunction<byte[]> payloadAt) {
        String key = tenant + "\u0000" + version.getPolicyHash();
        CompiledPolicy cached = compiled.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] payload = payloadAt.apply(version.getPublicationSeq());
        if (payload == null) {
            return null;
        }
        try {
            CompiledPolicy policy = PolicyCompiler.compile(PolicyDocument.parse(PolicyOperation.documentOf(payload)));
            if (!policy.hash().equals(version.getPolicyHash())) {
                return null;
            }
            compiled.put(key, policy);
            return policy;
        } catch (RuntimeException e) {
            return null;
        }
    }

}
