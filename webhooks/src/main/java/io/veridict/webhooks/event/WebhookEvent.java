package io.veridict.webhooks.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.schemas.format.EntryHeader;
import io.veridict.schemas.format.Rfc3339;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One event of a tenant's ledger as a webhook delivers it (docs/webhooks.md, Events): its type,
 * when it happened, and data that identify it in the ledger (tenant, seq, entry id, hashes) with
 * the few fields a receiver acts on. Never the payload's context, decision or free text: a
 * receiver that needs them reads the entry through the API with its own key.
 *
 * @param type       what happened ({@link EventType})
 * @param tenantId   the tenant
 * @param seq        the seq of the entry the event comes from
 * @param occurredAt when the entry was chained
 * @param data       the event's data object (without the identifying members, which {@link #body()} adds)
 */
public record WebhookEvent(EventType type, String tenantId, long seq, Instant occurredAt, ObjectNode data) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public WebhookEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        data = data == null ? NODES.objectNode() : data.deepCopy();
    }

    /**
     * The event of an entry, identified by its header, with the type-specific data given.
     */
    static WebhookEvent of(EventType type, EntryHeader header, ObjectNode specific) {
        ObjectNode data = NODES.objectNode()
                .put("tenant_id", header.tenantId())
                .put("seq", header.seq())
                .put("entry_id", header.entryId())
                .put("entry_type", header.entryType())
                .put("leaf_hash", HexFormat.of().formatHex(header.leafHash()))
                .put("chain_hash", HexFormat.of().formatHex(header.chainHash()));
        specific.fields().forEachRemaining(field -> data.set(field.getKey(), field.getValue()));
        return new WebhookEvent(type, header.tenantId(), header.seq(), Instant.ofEpochMilli(header.recordedAtMs()), data);
    }

    /**
     * The delivery body: {@code {"type", "timestamp", "data"}} (the Standard Webhooks payload shape),
     * as RFC 8785 canonical JSON, so that the same event always has the same bytes (and so the same
     * signature input) on every attempt and every instance.
     */
    public byte[] body() {
        ObjectNode body = NODES.objectNode().put("type", type.wireName()).put("timestamp", Rfc3339.millis(occurredAt));
        body.set("data", data.deepCopy());
        return CanonicalJson.canonicalize(body);
    }
}
