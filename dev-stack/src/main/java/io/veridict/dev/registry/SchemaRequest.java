package io.veridict.dev.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Schema;

/**
 * The body of a register, lookup or compatibility request:
 * {@code {"schema":"<schema text>","schemaType":"AVRO","references":[]}}.
 *
 * <p>Only Avro schemas without references are accepted; other fields (Confluent's
 * {@code metadata}, {@code ruleSet}, {@code id}, {@code version}) are ignored.
 */
record SchemaRequest(String schema, String schemaType, int referenceCount) {

    static final String AVRO = "AVRO";

    /**
     * Reads the request from a parsed JSON body.
     *
     * @throws RegistryException 422 when the body is not an object or a field has the wrong
     *                           JSON type; 42201 when the schema is missing
     */
    static SchemaRequest from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw RegistryException.malformedBody("expected a JSON object");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || schema.isNull() || (schema.isTextual() && schema.asText().isBlank())) {
            throw RegistryException.invalidSchema("empty schema");
        }
        if (!schema.isTextual()) {
            throw RegistryException.malformedBody("\"schema\" must be a string holding the schema's JSON text");
        }
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !type.isTextual()) {
            throw RegistryException.malformedBody("\"schemaType\" must be a string");
        }
        JsonNode references = body.get("references");
        if (references != null && !references.isNull() && !references.isArray()) {
            throw RegistryException.malformedBody("\"references\" must be an array");
        }
        return new SchemaRequest(schema.asText(),
                type == null || type.isNull() ? AVRO : type.asText(),
                references == null || references.isNull() ? 0 : references.size());
    }

    /**
     * Parses the schema text with Avro (default validation: names and defaults).
     *
     * @throws RegistryException 42201 for another schema type, references, or a schema Avro rejects
     */
    Schema toAvro() {
        if (!AVRO.equals(schemaType)) {
            throw RegistryException.invalidSchema("schema type '" + schemaType + "' is not supported; this registry supports AVRO only");
        }
        if (referenceCount > 0) {
            throw RegistryException.invalidSchema("references are not supported");
        }
        try {
            return new Schema.Parser().parse(schema);
        } catch (RuntimeException e) {
            // Avro reports bad input with several unchecked types (SchemaParseException,
            // AvroTypeException, ...); all of them mean "this is not a valid schema".
            throw RegistryException.invalidSchema(e.getMessage());
        }
    }
}
