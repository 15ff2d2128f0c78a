package io.veridict.schemas.serde;

import io.veridict.schemas.registry.SchemaRegistryException;

/** The registry knows no schema with the id in the record's header (404 / 40403). */
public final class UnknownSchemaIdException extends AvroSerdeException {

    private final int schemaId;

    UnknownSchemaIdException(String topic, int schemaId, SchemaRegistryException cause) {
        super(topic, "Record from topic '" + topic + "' names schema id " + schemaId
                + ", which the schema registry does not know", cause);
        this.schemaId = schemaId;
    }

    /** The schema id from the record's header. */
    public int schemaId() {
        return schemaId;
    }

    @Override
    public String reason() {
        return UNKNOWN_SCHEMA_ID;
    }
}
