package io.veridict.streams.policy;

import io.veridict.schemas.avro.PolicyStatus;
import io.veridict.schemas.avro.PolicyVersion;
import io.veridict.streams.RefusalCode;
import java.util.List;

/**
 * Finding a tenant's published versions by the names a request may use (docs/policies.md §13): by
 * hash, by id and version, or by id alone (its active version). The chain resolves a decision's
 * policy with it and the API an evaluation's, so both answer a name the same way.
 */
public final class PolicyVersions {

    private PolicyVersions() {
    }

    /**
     * What a name resolves to: the version, or why none ({@code POLICY_NOT_FOUND}, {@code
     * NO_ACTIVE_POLICY}, or {@code INVALID_EVALUATION_REQUEST} for a name that is not exactly one
     * of the three forms). A retired version is found like any other.
     */
    public record Resolved(PolicyVersion version, RefusalCode refusal) {
        static Resolved refused(RefusalCode code) {
            return new Resolved(null, code);
        }
    }

    /** Resolves the name given by {@code policyId}, {@code version} and {@code hash}, each possibly null. */
    public static Resolved resolve(List<PolicyVersion> versions, String policyId, String version, String hash) {
        PolicyVersion found;
        if (hash != null && policyId == null && version == null) {
            found = versions.stream().filter(v -> v.getPolicyHash().equals(hash)).findFirst().orElse(null);
        } else if (hash == null && policyId != null) {
            if (version != null) {
                found = find(versions, policyId, version);
            } else {
                found = active(versions, policyId);
                if (found == null && versions.stream().anyMatch(v -> v.getPolicyId().equals(policyId))) {
                    return Resolved.refused(RefusalCode.NO_ACTIVE_POLICY);
                }
            }
        } else {
            return Resolved.refused(RefusalCode.INVALID_EVALUATION_REQUEST);
        }
        return found == null ? Resolved.refused(RefusalCode.POLICY_NOT_FOUND) : new Resolved(found, null);
    }

    /** The version {@code policyId} {@code version}, or null. */
    public static PolicyVersion find(List<PolicyVersion> versions, String policyId, String version) {
        for (PolicyVersion v : versions) {
            if (v.getPolicyId().equals(policyId) && v.getVersion().equals(version)) {
                return v;
            }
        }
        return null;
    }

    /** The active version of {@code policyId}, or null. */
    static PolicyVersion active(List<PolicyVersion> versions, String policyId) {
        for (PolicyVersion v : versions) {
            if (v.getPolicyId().equals(policyId) && v.getStatus() == PolicyStatus.ACTIVE) {
                return v;
            }
        }
        return null;
    }
}
