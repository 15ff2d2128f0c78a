package io.veridict.webhooks.event;

import java.util.Arrays;
import java.util.Optional;

/** What a webhook event reports; the wire name is what an endpoint subscribes to and receives as {@code type}. */
public enum EventType {
    DECISION_RECORDED("decision.recorded"),
    KEY_CREATED("key.created"),
    KEY_ROTATED("key.rotated"),
    KEY_REVOKED("key.revoked"),
    KEY_EXPIRED("key.expired"),
    TENANT_CREATED("tenant.created"),
    TENANT_SUSPENDED("tenant.suspended"),
    TENANT_REACTIVATED("tenant.reactivated"),
    /** A retention policy, hold or proposal changed. */
    RETENTION_CHANGED("retention.changed"),
    /** Payloads were erased: a retention run, an approved erasure, or the tenant's deletion. */
    RETENTION_ERASED("retention.erased"),
    POLICY_PUBLISHED("policy.published"),
    POLICY_ACTIVATED("policy.activated"),
    POLICY_RETIRED("policy.retired"),
    /** The ledger signed a checkpoint of the tenant's tree. */
    CHECKPOINT_SIGNED("checkpoint.signed");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type named {@code wireName}, if there is one. */
    public static Optional<EventType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
