package io.veridict.schemas.serde;

/**
 * The record's writer schema cannot be resolved against the target class's schema, e.g. a
 * record of another type was written to the topic, or a field without default was added.
 */
public final class IncompatibleSchemaException extends AvroSerdeException {

    private final int schemaId;

    IncompatibleSchemaException(String topic, int schemaId, String target, String details) {
        super(topic, "Record from topic '" + topic + "' was written with schema id " + schemaId
                + ", which cannot be read as " + target + ": " + details, null);
        this.schemaId = schemaId;
    }

    /** The writer schema id from the record's header. */
    public int schemaId() {
        return schemaId;
    }

    @Override
    public String reason() {
        return INCOMPATIBLE_SCHEMA;
    }
}
