package io.veridict.schemas.serde;

/** A record cannot be encoded with its own schema, e.g. a required field is {@code null}. */
public final class InvalidRecordException extends AvroSerdeException {

    InvalidRecordException(String topic, String schemaName, Throwable cause) {
        super(topic, "Cannot encode a " + schemaName + " for topic '" + topic + "': " + cause,
                cause);
    }

    @Override
    public String reason() {
        return INVALID_RECORD;
    }
}
