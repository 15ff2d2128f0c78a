package io.veridict.verifier;

import java.util.Objects;

/**
 * A payload on the payloads topic that no entry read refers to: forged, or placed outside its
 * tenant's partition. Only its hash is reported, never its contents.
 *
 * @param tenantId         the tenant its key names
 * @param seq              the seq its key names
 * @param location         where the (last) record for that key sits
 * @param payloadHashOrNull hex SHA-256 of the payload bytes, or null when the value is encrypted
 *                         or unreadable
 * @param detail           why it is an orphan
 */
public record OrphanPayload(String tenantId, long seq, RecordLocation.KafkaRecord location, String payloadHashOrNull,
                            String detail) {

    public OrphanPayload {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(detail, "detail");
    }
}
