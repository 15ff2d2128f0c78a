package io.veridict.schemas.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;

/** Test helper: the JSON shape of one entry in {@code chains.json} and {@code tampering.json}. */
final class VectorEntries {

    private static final HexFormat HEX = HexFormat.of();

    private VectorEntries() {
    }

    /** The entry as a vector object; {@code leaf_bytes} only when asked for. */
    static ObjectNode toJson(ChainEntry entry, boolean withLeafBytes) {
        EntryHeader h = entry.header();
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("format_version", h.formatVersion())
                .put("tenant_id", h.tenantId())
                .put("seq", h.seq())
                .put("entry_id", h.entryId())
                .put("entry_type", h.entryType())
                .put("received_at_ms", h.receivedAtMs())
                .put("recorded_at_ms", h.recordedAtMs())
                .put("actor_key_id", h.actorKeyIdOrNull())
                .put("correlation_id", h.correlationId())
                .put("payload", entry.erased() ? null : entry.payload())
                .put("payload_erased", entry.erased())
                .put("payload_salt", entry.saltOrNull() == null ? null : HEX.formatHex(entry.saltOrNull()))
                .put("payload_hash", HEX.formatHex(h.payloadHash()));
        if (withLeafBytes) {
            json.put("leaf_bytes", HEX.formatHex(LedgerHashes.leafBytes(h)));
        }
        return json.put("leaf_hash", HEX.formatHex(h.leafHash()))
                .put("prev_chain_hash", HEX.formatHex(h.prevChainHash()))
                .put("chain_hash", HEX.formatHex(h.chainHash()));
    }

    /** Reads an entry back from its vector object. */
    static ChainEntry fromJson(JsonNode json) {
        EntryHeader header = new EntryHeader(json.get("format_version").intValue(),
                json.get("tenant_id").textValue(), json.get("seq").longValue(), json.get("entry_id").textValue(),
                json.get("entry_type").textValue(), json.get("received_at_ms").longValue(),
                json.get("recorded_at_ms").longValue(), json.get("actor_key_id").textValue(),
                json.get("correlation_id").textValue(), hash(json, "payload_hash"), hash(json, "leaf_hash"),
                hash(json, "prev_chain_hash"), hash(json, "chain_hash"));
        boolean erased = json.get("payload_erased").booleanValue();
        JsonNode salt = json.get("payload_salt");
        return new ChainEntry(header, erased ? null : json.get("payload").textValue(),
                salt == null || salt.isNull() ? null : HEX.parseHex(salt.textValue()), erased);
    }

    static byte[] hash(JsonNode json, String field) {
        return HEX.parseHex(json.get(field).textValue());
    }
}
