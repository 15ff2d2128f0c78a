package io.veridict.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.api.PolicyReference;
import io.veridict.api.errors.Refusals;
import io.veridict.policy.CompiledPolicy;
import io.veridict.policy.PolicyDocument;
import io.veridict.schemas.avro.PolicyVersion;
import io.veridict.streams.RefusalCode;
import io.veridict.streams.chain.LedgerRow;
import io.veridict.streams.policy.PolicyOperation;
import io.veridict.streams.policy.PolicyVersions;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's published policies as the API reads them: the versions from the chain's
 * {@code policy-state} store, each document from its publication entry's payload, compiled once
 * per tenant and hash in the {@link PolicyEvaluator}'s cache (a published version never changes).
 * Reads this instance's stores: the caller sends a request for a tenant another instance owns there.
 */
public final class PolicyLibrary {

    private final LedgerQueries ledger;
    private final PolicyEvaluator evaluator;

    public PolicyLibrary(LedgerQueries ledger, PolicyEvaluator evaluator) {
        this.ledger = ledger;
        this.evaluator = evaluator;
    }

    /** The tenant's versions, in the order published. */
    public List<PolicyVersion> versions(String tenant) {
        return ledger.policies(tenant);
    }

    /** The version {@code policyId} {@code version}, if published. */
    public Optional<PolicyVersion> version(String tenant, String policyId, String version) {
        return Optional.ofNullable(PolicyVersions.find(versions(tenant), policyId, version));
    }

    /**
     * The version a reference names, as the chain resolves it for a decision ({@link PolicyVersions}).
     *
     * @throws io.veridict.api.errors.ApiException {@code POLICY_NOT_FOUND} or {@code NO_ACTIVE_POLICY}
     */
    public PolicyVersion resolve(String tenant, PolicyReference reference) {
        PolicyVersions.Resolved resolved = PolicyVersions.resolve(versions(tenant), reference.id(), reference.version(),
                reference.hash());
        if (resolved.refusal() != null) {
            throw Refusals.of(resolved.refusal());
        }
        return resolved.version();
    }

    /** The compiled policy of a published version. */
    public CompiledPolicy compiled(String tenant, PolicyVersion version) {
        return evaluator.compiled(tenant, version.getPolicyHash(), () -> PolicyDocument.parse(document(tenant, version)));
    }

    /** The document of a published version, from its publication entry's payload. */
    public JsonNode document(String tenant, PolicyVersion version) {
        LedgerRow row = ledger.entry(tenant, version.getPublicationSeq()).orElse(null);
        byte[] payload = row == null ? null : row.payloadBytesOrNull();
        if (payload == null) {
            throw Refusals.of(RefusalCode.POLICY_UNREADABLE);
        }
        return PolicyOperation.documentOf(payload);
    }
}
