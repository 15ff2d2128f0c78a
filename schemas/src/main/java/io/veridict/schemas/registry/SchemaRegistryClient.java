package io.veridict.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * A client for the subset of the Confluent Schema Registry REST API that Veridict needs. It works
 * against any compatible registry: Confluent, Karapace, Redpanda, Apicurio's {@code ccompat} API
 * and Veridict's built-in registry.
 *
 * <p>Every method throws {@link SchemaRegistryException} when the registry refuses the request,
 * cannot be reached or answers nonsense; connection failures, timeouts and 5xx answers are
 * retried first (see {@link SchemaRegistrySettings}). Subjects are percent-encoded in paths.
 *
 * <p>Caches: schema ids are immutable in every registry, so {@code id -> schema} is cached forever;
 * {@code (subject, schema) -> id} is cached once registered or found. Nothing else is cached.
 * Instances are thread-safe and meant to be shared.
 */
public class SchemaRegistryClient {

    private final RegistryHttp http;
    private final ObjectMapper json;
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema =
            new ConcurrentHashMap<>();

    /** A client with these settings. */
    public SchemaRegistryClient(SchemaRegistrySettings settings) {
        this.json = new ObjectMapper();
        this.http = new RegistryHttp(Objects.requireNonNull(settings, "settings"), json);
    }

    /** A client configured from the keys of {@link SchemaRegistryConfig}. */
    public static SchemaRegistryClient fromConfig(Map<String, ?> configs) {
        return new SchemaRegistryClient(SchemaRegistryConfig.settings(configs));
    }

    /**
     * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}),
     * or finds it when it is already registered there.
     *
     * @return the registry-wide id of the schema
     * @throws SchemaRegistryException e.g. 409 / 409 when the subject's compatibility rule refuses
     *     the schema, 422 / 42201 when the registry cannot parse it
     */
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String path = subjectPath(subject) + "/versions";
        JsonNode answer = http.post(path, schemaBody(schema));
        int id = RegistryAnswers.intField(answer, "id", "POST " + path);
        remember(key, id);
        return id;
    }

    /**
     * Finds the id of {@code schema} under {@code subject} without registering it
     * ({@code POST /subjects/{subject}}).
     *
     * @return the id, or empty when the subject does not exist (40401) or does not hold this
     *     schema (40403)
     */
    public Optional<Integer> lookupId(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        String path = subjectPath(subject);
        JsonNode answer;
        try {
            answer = http.post(path, schemaBody(schema));
        } catch (SchemaRegistryException e) {
            if (e.isSubjectNotFound() || e.isSchemaNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
        int id = RegistryAnswers.intField(answer, "id", "POST " + path);
        remember(key, id);
        return Optional.of(id);
    }

    /**
     * The schema with this id ({@code GET /schemas/ids/{id}}), cached forever.
     *
     * @throws SchemaRegistryException 404 / 40403 when the registry knows no such id (see
     *     {@link SchemaRegistryException#isSchemaNotFound()})
     */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String path = "/schemas/ids/" + id;
        Schema schema = RegistryAnswers.avroSchema(http.get(path), "GET " + path);
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    /** All subject names ({@code GET /subjects}). */
    public List<String> subjects() {
        return RegistryAnswers.textArray(http.get("/subjects"), "GET /subjects");
    }

    /** The version numbers of a subject ({@code GET /subjects/{subject}/versions}). */
    public List<Integer> versions(String subject) {
        String path = subjectPath(subject) + "/versions";
        return RegistryAnswers.intArray(http.get(path), "GET " + path);
    }

    /** The newest version of a subject ({@code GET /subjects/{subject}/versions/latest}). */
    public SchemaVersion latest(String subject) {
        String path = subjectPath(subject) + "/versions/latest";
        String request = "GET " + path;
        JsonNode answer = http.get(path);
        SchemaVersion latest = new SchemaVersion(
                RegistryAnswers.textField(answer, "subject", request),
                RegistryAnswers.intField(answer, "id", request),
                RegistryAnswers.intField(answer, "version", request),
                RegistryAnswers.avroSchema(answer, request));
        schemasById.putIfAbsent(latest.id(), latest.schema());
        return latest;
    }

    /**
     * Whether {@code schema} may be registered as the next version of {@code subject} under the
     * subject's compatibility rule
     * ({@code POST /compatibility/subjects/{subject}/versions/latest}). A subject without versions
     * accepts any schema, so a 404 (40401 or 40402) answers {@code true}.
     */
    public boolean isCompatible(String subject, Schema schema) {
        String path = "/compatibility" + subjectPath(subject) + "/versions/latest";
        JsonNode answer;
        try {
            answer = http.post(path, schemaBody(schema));
        } catch (SchemaRegistryException e) {
            boolean noVersion = e.httpStatus() == 404
                    && e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND;
            if (e.isSubjectNotFound() || noVersion) {
                return true;
            }
            throw e;
        }
        return RegistryAnswers.booleanField(answer, "is_compatible", "POST " + path);
    }

    /**
     * The registry-wide compatibility level, e.g. {@code BACKWARD} ({@code GET /config}). Cheap,
     * so also the health probe of the registry.
     */
    public String globalCompatibility() {
        return RegistryAnswers.textField(http.get("/config"), "compatibilityLevel", "GET /config");
    }

    private ObjectNode schemaBody(Schema schema) {
        return json.createObjectNode().put("schema", schema.toString());
    }

    private void remember(SubjectSchema key, int id) {
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, key.schema());
    }

    /** {@code /subjects/{subject}} with the subject percent-encoded as one path segment. */
    private static String subjectPath(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        String segment = URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
        return "/subjects/" + segment;
    }

    private record SubjectSchema(String subject, Schema schema) {
        SubjectSchema {
            Objects.requireNonNull(schema, "schema");
        }
    }
}
