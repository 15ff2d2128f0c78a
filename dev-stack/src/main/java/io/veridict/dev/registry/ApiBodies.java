package io.veridict.dev.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The JSON bodies the registry answers with, named and shaped as in the Confluent Schema
 * Registry REST API (serialised by Jackson, fields in declaration order).
 */
final class ApiBodies {

    private ApiBodies() {
    }

    /** {@code {"id":1}}: the answer to a registration. */
    record Id(int id) {
    }

    /** {@code {"schema":"..."}}: a schema fetched by id. */
    record SchemaText(String schema) {
    }

    /** {@code {"subject":"s","version":1,"id":1,"schema":"..."}}. */
    record Version(String subject, int version, int id, String schema) {
        static Version of(SubjectVersion version) {
            return new Version(version.subject(), version.version(), version.id(), version.schemaText());
        }
    }

    /** {@code {"subject":"s","version":1}}: one use of a schema id. */
    record SubjectAndVersion(String subject, int version) {
    }

    /** {@code {"is_compatible":false,"messages":[...]}}; messages only when verbose. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Compatibility(@JsonProperty("is_compatible") boolean isCompatible, List<String> messages) {
    }

    /** {@code {"compatibilityLevel":"BACKWARD"}}: the answer to reading a configuration. */
    record Config(String compatibilityLevel) {
    }

    /** {@code {"compatibility":"FULL"}}: the body and answer of updating a configuration. */
    record ConfigUpdate(String compatibility) {
    }

    /** {@code {"error_code":40401,"message":"..."}}: every error. */
    record ErrorMessage(@JsonProperty("error_code") int errorCode, String message) {
    }
}
