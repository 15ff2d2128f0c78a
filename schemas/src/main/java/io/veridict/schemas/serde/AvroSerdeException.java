package io.veridict.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Base of every failure of the Confluent-wire-format Avro serdes. Each subclass stands for one
 * failure mode and has a stable, machine-readable {@link #reason()} code, meant for a
 * dead-letter header; the message is for humans and names the topic.
 *
 * <p>Only {@link #REGISTRY_UNAVAILABLE} is {@linkplain #isRetriable() retriable}: the record
 * itself is fine and the same call may succeed once the registry answers again, so a
 * deserialisation handler SHOULD fail (and be restarted) rather than dead-letter it.
 */
public abstract class AvroSerdeException extends SerializationException {

    /** The first byte is not the Confluent magic byte {@code 0}. */
    public static final String UNKNOWN_MAGIC_BYTE = "UNKNOWN_MAGIC_BYTE";
    /** The registry knows no schema with the id in the record. */
    public static final String UNKNOWN_SCHEMA_ID = "UNKNOWN_SCHEMA_ID";
    /** The bytes are too short or are not valid Avro for the writer schema. */
    public static final String MALFORMED_PAYLOAD = "MALFORMED_PAYLOAD";
    /** The writer schema cannot be read as the target class (Avro schema resolution fails). */
    public static final String INCOMPATIBLE_SCHEMA = "INCOMPATIBLE_SCHEMA";
    /** The registry could not be reached, timed out or answered 5xx, after all retries. */
    public static final String REGISTRY_UNAVAILABLE = "REGISTRY_UNAVAILABLE";
    /** The registry refused a request (a 4xx other than an unknown id), e.g. a 409. */
    public static final String REGISTRY_REJECTED = "REGISTRY_REJECTED";
    /** Auto-registration is off and the record's schema is not registered under the subject. */
    public static final String SCHEMA_NOT_REGISTERED = "SCHEMA_NOT_REGISTERED";
    /** The record cannot be encoded with its own schema (e.g. a required field is null). */
    public static final String INVALID_RECORD = "INVALID_RECORD";

    private final String topic;

    AvroSerdeException(String topic, String message, Throwable cause) {
        super(message, cause);
        this.topic = topic;
    }

    /** One of the reason constants of this class; stable across versions. */
    public abstract String reason();

    /** The topic of the record that failed. */
    public String topic() {
        return topic;
    }

    /** Whether the same call may succeed later without any change to the record. */
    public boolean isRetriable() {
        return false;
    }
}
