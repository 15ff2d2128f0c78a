package io.veridict.api.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API key may do. Every key holds an explicit list; nothing implies anything else.
 * The wire name ({@link #wireName()}) is what requests, answers and ledger entries carry.
 */
public enum Scope {
    /** Record decisions ({@code POST /v1/decisions/record}, {@code record:batch}). */
    DECISIONS_RECORD("decisions:record"),
    /** Read decisions and receipts. */
    DECISIONS_READ("decisions:read"),
    /** Evaluate a context against a policy ({@code POST /v1/decisions/evaluate}); reads and writes nothing of the tenant. */
    DECISIONS_EVALUATE("decisions:evaluate"),
    /** Read the ledger: head, entries, export. */
    AUDIT_READ("audit:read"),
    /** Run the integrity check ({@code POST /v1/audit/verify}). */
    AUDIT_VERIFY("audit:verify"),
    /** Create, list, rotate and revoke the tenant's keys (only with scopes the caller holds). */
    KEYS_MANAGE("keys:manage"),
    /** Read the tenant's own record. */
    TENANT_ADMIN("tenant:admin"),
    /** Read the retention policy and the proposals waiting for approval. */
    RETENTION_READ("retention:read"),
    /** Change the retention policy (a shortening waits for a second holder's approval). */
    RETENTION_MANAGE("retention:manage"),
    /** Approve or reject a retention proposal of another holder. */
    RETENTION_APPROVE("retention:approve"),
    /** Read the tenant's published policies ({@code GET /v1/policies}). */
    POLICIES_READ("policies:read"),
    /** Publish policy versions, and activate or retire them. */
    POLICIES_PUBLISH("policies:publish");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The scope named {@code wireName}, if there is one. */
    public static Optional<Scope> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst();
    }
}
