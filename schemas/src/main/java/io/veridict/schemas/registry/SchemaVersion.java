package io.veridict.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One registered version of a subject, as the registry reports it.
 *
 * @param subject the subject name
 * @param id the registry-wide schema id (the one in the wire format)
 * @param version the version number within the subject, from 1
 * @param schema the registered Avro schema
 */
public record SchemaVersion(String subject, int id, int version, Schema schema) {

    /** Rejects missing fields. */
    public SchemaVersion {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
