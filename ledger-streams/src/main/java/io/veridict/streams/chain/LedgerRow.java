package io.veridict.streams.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.schemas.avro.EntryType;
import io.veridict.schemas.avro.LedgerEntry;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.avro.RunEntry;
import io.veridict.schemas.format.CanonicalJson;
import java.nio.ByteBuffer;

/**
 * One entry as a task's projections hold it: its header and origin, and its payload envelope
 * while the payloads topic still holds it.
 *
 * @param payloadOrNull the envelope, or null once erased
 */
public record LedgerRow(RunEntry entry, PayloadEnvelope payloadOrNull) {

    public LedgerEntry header() {
        return entry.getHeader();
    }

    /** The payload's bytes as hashed (canonical JSON, or its ciphertext when encrypted), or null once erased. */
    public byte[] payloadBytesOrNull() {
        if (payloadOrNull == null) {
            return null;
        }
        ByteBuffer buffer = payloadOrNull.getCiphertext().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** The payload's salt (format version 2, ledger format §4.4), or null once erased or for a version 1 entry. */
    public byte[] payloadSaltOrNull() {
        if (payloadOrNull == null || payloadOrNull.getSalt() == null) {
            return null;
        }
        ByteBuffer buffer = payloadOrNull.getSalt().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * The decision id of a decision entry, read from its payload (the only place it is kept in
     * clear); null for other entries, and once the payload is erased or when it is encrypted.
     */
    public String decisionIdOrNull() {
        if (header().getEntryType() != EntryType.DECISION || payloadOrNull == null || payloadOrNull.getKeyId() != null) {
            return null;
        }
        JsonNode id = CanonicalJson.parseStrict(payloadBytesOrNull()).get("decision_id");
        return id != null && id.isTextual() ? id.textValue() : null;
    }
}
