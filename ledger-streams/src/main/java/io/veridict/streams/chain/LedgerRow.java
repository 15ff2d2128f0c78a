package io.veridict.streams.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.streams.crypto.OpenedPayload;

/**
 * One entry as a task's projections hold it: its header and origin, and its payload, opened
 * (decrypted) for the tenant's reader, while the payloads topic still holds it.
 *
 * @param payloadOrNull the opened payload, or null once erased by a tombstone
 */
public record LedgerRow(RunEntry entry, OpenedPayload payloadOrNull) {

    public LedgerEntry header() {
        return entry.getHeader();
    }

    /** The payload's canonical bytes, or null once erased (by a tombstone or a destroyed key) or unreadable. */
    public byte[] payloadBytesOrNull() {
        return payloadOrNull == null ? null : payloadOrNull.bytesOrNull();
    }

    /** The payload's salt (format version 2, ledger format §4.4), or null when its bytes are not here or for a version 1 entry. */
    public byte[] payloadSaltOrNull() {
        return payloadOrNull == null || payloadOrNull.bytesOrNull() == null ? null : payloadOrNull.saltOrNull();
    }

    /** Why the stored payload cannot be read (a sealed payload that does not open), or null. */
    public String payloadProblemOrNull() {
        return payloadOrNull != null && payloadOrNull.status() == OpenedPayload.Status.UNREADABLE
                ? payloadOrNull.problemOrNull() : null;
    }

    /**
     * The decision id of a decision entry, read from its payload (the only place it is kept in
     * clear); null for other entries, and once the payload is erased.
     */
    public String decisionIdOrNull() {
        byte[] payload = payloadBytesOrNull();
        if (header().getEntryType() != EntryType.DECISION || payload == null) {
            return null;
        }
        JsonNode id = CanonicalJson.parseStrict(payload).get("decision_id");
        return id != null && id.isTextual() ? id.textValue() : null;
    }
}
