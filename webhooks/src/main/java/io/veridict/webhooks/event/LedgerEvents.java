package io.veridict.webhooks.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.format.EntryHeader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook events of a tenant's ledger, derived from what the ledger wrote (docs/webhooks.md,
 * Events): one event per chained entry of a known type, and one per signed checkpoint. Pure
 * functions of an entry's header and its payload (in clear; null when erased or unreadable, in
 * which case the event carries the header's identifiers only). Each event has a message id that
 * is the same on every attempt, replay and instance for the same endpoint, so a receiver can
 * deduplicate by {@code webhook-id}.
 */
public final class LedgerEvents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> ERASURES = Set.of("RETENTION_APPLIED", "ERASURE_APPLIED", "TENANT_DELETED");

    private LedgerEvents() {
    }

    /**
     * The event of an entry, or empty for an entry type that has none (one this version does not know).
     *
     * @param payload the entry's payload (canonical JSON, parsed), or null when it is erased or unreadable
     */
    public static Optional<WebhookEvent> of(EntryHeader header, JsonNode payload) {
        JsonNode p = payload == null ? NODES.missingNode() : payload;
        ObjectNode data = NODES.objectNode();
        EventType type;
        switch (header.entryType()) {
            case "DECISION" -> {
                type = EventType.DECISION_RECORDED;
                copyText(p, "decision_id", data, "decision_id");
                JsonNode evaluation = p.path("evaluation");
                if (evaluation.isObject()) {
                    data.put("outcome", evaluation.path("outcome").asText());
                    data.put("policy_hash", evaluation.path("policy_hash").asText());
                    data.put("evaluation_hash", evaluation.path("evaluation_hash").asText());
                    data.put("override", p.has("override"));
                }
            }
            case "KEY_OPERATION" -> {
                String operation = p.path("operation").asText("");
                type = switch (operation) {
                    case "CREATED" -> EventType.KEY_CREATED;
                    case "ROTATED" -> EventType.KEY_ROTATED;
                    case "REVOKED" -> EventType.KEY_REVOKED;
                    case "EXPIRED" -> EventType.KEY_EXPIRED;
                    default -> null;
                };
                copyText(p, "key_id", data, "key_id");
            }
            case "TENANT_OPERATION" -> {
                type = switch (p.path("operation").asText("")) {
                    case "CREATED" -> EventType.TENANT_CREATED;
                    case "SUSPENDED" -> EventType.TENANT_SUSPENDED;
                    case "REACTIVATED" -> EventType.TENANT_REACTIVATED;
                    default -> null;
                };
            }
            case "RETENTION_OPERATION" -> {
                String operation = p.path("operation").asText("");
                type = ERASURES.contains(operation) ? EventType.RETENTION_ERASED : EventType.RETENTION_CHANGED;
                if (!operation.isEmpty()) {
                    data.put("operation", operation);
                }
                for (String member : new String[] {"policy_version", "erased", "held"}) {
                    if (p.path(member).isNumber()) {
                        data.put(member, p.path(member).asLong());
                    }
                }
                copyText(p, "proposal_id", data, "proposal_id");
                copyText(p, "hold_id", data, "hold_id");
            }
            case "POLICY_OPERATION" -> {
                type = switch (p.path("operation").asText("")) {
                    case "POLICY_PUBLISHED" -> EventType.POLICY_PUBLISHED;
                    case "POLICY_ACTIVATED" -> EventType.POLICY_ACTIVATED;
                    case "POLICY_RETIRED" -> EventType.POLICY_RETIRED;
                    default -> null;
                };
                copyText(p, "policy_id", data, "policy_id");
                copyText(p, "version", data, "version");
                copyText(p, "policy_hash", data, "policy_hash");
                copyText(p, "status", data, "status");
            }
            default -> type = null;
        }
        if (type == null) {
            return Optional.empty();
        }
        data.put("payload_readable", payload != null);
        return Optional.of(WebhookEvent.of(type, header, data));
    }

    /**
     * The event of a signed checkpoint: the tree's size and the signed note, which a receiver can
     * check with the ledger's checkpoint key (docs/checkpoints.md).
     */
    public static WebhookEvent checkpointSigned(String tenantId, long treeSize, String note, Instant signedAt) {
        ObjectNode data = NODES.objectNode().put("tenant_id", tenantId).put("tree_size", treeSize).put("checkpoint", note);
        return new WebhookEvent(EventType.CHECKPOINT_SIGNED, tenantId, treeSize, signedAt, data);
    }

    /**
     * The {@code webhook-id} of an event for an endpoint: {@code msg_} and the base64url SHA-256 of
     * the endpoint id, the tenant, the event type and its seq (the tree size for a checkpoint), so
     * that every attempt and every replay of one event to one endpoint has the same id, and no two
     * events or endpoints share one.
     */
    public static String messageId(String endpointId, WebhookEvent event) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {"veridict.webhook-id.v1", endpointId, event.tenantId(), event.type().wireName(),
                    Long.toString(event.seq())}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update((byte) (bytes.length >>> 24));
                sha.update((byte) (bytes.length >>> 16));
                sha.update((byte) (bytes.length >>> 8));
                sha.update((byte) bytes.length);
                sha.update(bytes);
            }
            return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void copyText(JsonNode from, String member, ObjectNode to, String as) {
        JsonNode value = from.path(member);
        if (value.isTextual()) {
            to.put(as, value.textValue());
        }
    }
}
