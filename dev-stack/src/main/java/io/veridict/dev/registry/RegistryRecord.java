package io.veridict.dev.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A change of registry state, as written to and replayed from the {@code _schemas} topic.
 *
 * <p>State is the fold of these records in topic order: replaying every record from the
 * beginning MUST rebuild the same subjects, versions, ids and configuration.
 */
sealed interface RegistryRecord {

    /** Version {@code version} of {@code subject} is the schema with global id {@code id}. */
    record SchemaRecord(String subject, int version, int id, Schema schema) implements RegistryRecord {
        public SchemaRecord {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(schema, "schema");
        }
    }

    /** The compatibility level of {@code subject}, or the global one when {@code subject} is null. */
    record ConfigRecord(String subject, CompatibilityLevel level) implements RegistryRecord {
        public ConfigRecord {
            Objects.requireNonNull(level, "level");
        }
    }
}
