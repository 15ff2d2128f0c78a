package io.veridict.schemas.serde;

/**
 * Auto-registration is off and the record's schema is not registered under its subject:
 * register it first (deployment step) or enable {@code auto.register.schemas}.
 */
public final class UnregisteredSchemaException extends AvroSerdeException {

    private final String subject;

    UnregisteredSchemaException(String topic, String subject, String schemaName) {
        super(topic, "Schema " + schemaName + " is not registered under subject '" + subject
                + "' and auto-registration is off, so records for topic '" + topic
                + "' cannot be written", null);
        this.subject = subject;
    }

    /** The subject that lacks the schema. */
    public String subject() {
        return subject;
    }

    @Override
    public String reason() {
        return SCHEMA_NOT_REGISTERED;
    }
}
