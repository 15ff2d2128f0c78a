package io.veridict.streams.policy;

import io.veridict.schemas.avro.PolicyStatus;
import io.veridict.schemas.format.CanonicalObject;
import java.nio.charset.StandardCharsets;

/**
 * What an accepted policy request becomes: one {@code POLICY_OPERATION} entry, whose payload
 * (docs/ledger-format.md §4.6) this builds, and the change to the tenant's policy versions that
 * {@link PolicyChanges#apply} makes once the entry has its seq.
 *
 * @param kind       what happened
 * @param policyId   the policy id
 * @param version    the version label
 * @param policyHash hex SHA-256 of the document's canonical JSON
 * @param document   the canonical document, for a publication; null otherwise
 * @param status     the version's status after the operation
 * @param superseded the version of the same policy that was active before and no longer is, or null
 * @param reason     free text of whoever asked, or null
 */
public record PolicyOperation(Kind kind, String policyId, String version, String policyHash, byte[] document,
                              PolicyStatus status, String superseded, String reason) {

    /** The {@code operation} member of the payload. */
    public enum Kind {
        POLICY_PUBLISHED, POLICY_ACTIVATED, POLICY_RETIRED
    }

    /**
     * The policy document a {@code POLICY_PUBLISHED} entry's payload holds.
     *
     * @param payload the payload's canonical bytes, in clear
     * @throws RuntimeException if the payload is not JSON
     */
    public static com.fasterxml.jackson.databind.JsonNode documentOf(byte[] payload) {
        return io.veridict.schemas.format.CanonicalJson.parseStrict(payload).get("document");
    }

    /** The entry's canonical payload bytes. */
    public byte[] payload() {
        return new CanonicalObject()
                .string("kind", "policy_operation")
                .string("operation", kind.name())
                .string("policy_id", policyId)
                .string("version", version)
                .string("policy_hash", policyHash)
                .json("document", document == null ? null : new String(document, StandardCharsets.UTF_8))
                .string("status", status.name())
                .string("superseded", superseded)
                .string("reason", reason)
                .utf8();
    }
}
