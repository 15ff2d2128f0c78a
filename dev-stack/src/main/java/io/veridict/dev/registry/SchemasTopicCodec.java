package io.veridict.dev.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * JSON keys and values of the {@code _schemas} topic, in the layout of Confluent's registry
 * so that either can read the other's topic:
 *
 * <pre>
 * {"keytype":"SCHEMA","subject":"s","version":1,"magic":1} -> {"subject":"s","version":1,"id":1,"schema":"...","deleted":false}
 * {"keytype":"CONFIG","subject":null,"magic":0}            -> {"compatibilityLevel":"FULL"}
 * </pre>
 *
 * <p>A {@code null} subject in a CONFIG key is the global configuration. Keys and values
 * are UTF-8 JSON.
 */
final class SchemasTopicCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemasTopicCodec() {
    }

    static byte[] key(RegistryRecord record) {
        ObjectNode key = JSON.createObjectNode();
        if (record instanceof RegistryRecord.SchemaRecord schema) {
            key.put("keytype", "SCHEMA").put("subject", schema.subject()).put("version", schema.version()).put("magic", 1);
        } else if (record instanceof RegistryRecord.ConfigRecord config) {
            key.put("keytype", "CONFIG").put("subject", config.subject()).put("magic", 0);
        }
        return bytes(key);
    }

    static byte[] value(RegistryRecord record) {
        ObjectNode value = JSON.createObjectNode();
        if (record instanceof RegistryRecord.SchemaRecord schema) {
            value.put("subject", schema.subject()).put("version", schema.version()).put("id", schema.id())
                    .put("schema", schema.schema().toString()).put("deleted", false);
        } else if (record instanceof RegistryRecord.ConfigRecord config) {
            value.put("compatibilityLevel", config.level().name());
        }
        return bytes(value);
    }

    /**
     * Decodes one record of the topic.
     *
     * @return empty for records this registry does not model: other key types (NOOP, MODE,
     *         DELETE_SUBJECT, ...), tombstones, soft-deleted versions, non-Avro schemas and
     *         schemas with references
     * @throws IllegalArgumentException when the record is not valid JSON of the layout above
     *                                  or its schema does not parse
     */
    static Optional<RegistryRecord> decode(byte[] key, byte[] value) {
        JsonNode keyJson = parse(key, "key");
        if (value == null) {
            return Optional.empty();
        }
        JsonNode valueJson = parse(value, "value");
        switch (keyJson.path("keytype").asText()) {
            case "SCHEMA":
                return decodeSchema(valueJson);
            case "CONFIG":
                JsonNode subject = keyJson.path("subject");
                JsonNode level = valueJson.path("compatibilityLevel");
                return level.isTextual()
                        ? Optional.of(new RegistryRecord.ConfigRecord(subject.isTextual() ? subject.asText() : null,
                                parseLevel(level.asText())))
                        : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private static Optional<RegistryRecord> decodeSchema(JsonNode value) {
        boolean foreign = !value.path("schemaType").asText(SchemaRequest.AVRO).equals(SchemaRequest.AVRO)
                || !value.path("references").isEmpty();
        if (value.path("deleted").asBoolean(false) || foreign) {
            return Optional.empty();
        }
        if (!value.path("subject").isTextual() || !value.path("version").isInt() || !value.path("id").isInt()
                || !value.path("schema").isTextual()) {
            throw new IllegalArgumentException("SCHEMA value lacks subject, version, id or schema: " + value);
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(value.get("schema").asText());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("SCHEMA value holds a schema Avro rejects: " + e.getMessage(), e);
        }
        return Optional.of(new RegistryRecord.SchemaRecord(value.get("subject").asText(), value.get("version").asInt(),
                value.get("id").asInt(), schema));
    }

    private static CompatibilityLevel parseLevel(String name) {
        try {
            return CompatibilityLevel.parse(name);
        } catch (RegistryException e) {
            throw new IllegalArgumentException("CONFIG value holds an unknown compatibility level '" + name + "'", e);
        }
    }

    private static JsonNode parse(byte[] bytes, String what) {
        if (bytes == null) {
            throw new IllegalArgumentException("record without a " + what);
        }
        try {
            return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("record " + what + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a _schemas record", e);
        }
    }
}
