package io.veridict.schemas.serde;

/**
 * The record's bytes are not a valid Confluent-wire-format Avro record: shorter than the
 * 5-byte header, or an Avro body that does not decode with its writer schema (truncated,
 * corrupt, or followed by trailing bytes).
 */
public final class MalformedPayloadException extends AvroSerdeException {

    MalformedPayloadException(String topic, String problem, Throwable cause) {
        super(topic, "Malformed record from topic '" + topic + "': " + problem, cause);
    }

    @Override
    public String reason() {
        return MALFORMED_PAYLOAD;
    }
}
