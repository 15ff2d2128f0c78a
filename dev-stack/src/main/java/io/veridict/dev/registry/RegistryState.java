package io.veridict.dev.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The registry's in-memory state: subjects and their versions, schemas by global id, and
 * compatibility configuration. It is the fold of {@link RegistryRecord}s; it enforces no
 * rules (that is {@link RegistryService}'s job) and is not thread-safe.
 *
 * <p>Schemas are identified by their Avro normalised JSON text ({@link Schema#toString()}),
 * as Confluent identifies Avro schemas by their canonical string: the same schema under
 * another subject gets the same id.
 */
final class RegistryState {

    /** subject -> (version -> id), both sorted. */
    private final Map<String, TreeMap<Integer, Integer>> versionsBySubject = new TreeMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.DEFAULT;
    private int maxId;

    /** Applies one change. A record for an existing subject version replaces it. */
    void apply(RegistryRecord record) {
        if (record instanceof RegistryRecord.SchemaRecord schema) {
            versionsBySubject.computeIfAbsent(schema.subject(), s -> new TreeMap<>()).put(schema.version(), schema.id());
            schemasById.putIfAbsent(schema.id(), schema.schema());
            idsBySchemaText.putIfAbsent(schema.schema().toString(), schema.id());
            maxId = Math.max(maxId, schema.id());
        } else if (record instanceof RegistryRecord.ConfigRecord config) {
            if (config.subject() == null) {
                globalLevel = config.level();
            } else {
                subjectLevels.put(config.subject(), config.level());
            }
        }
    }

    /** Subjects with at least one version, sorted. */
    List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    boolean hasSubject(String subject) {
        return versionsBySubject.containsKey(subject);
    }

    /** The subject's versions, oldest first; empty when the subject is unknown. */
    List<SubjectVersion> versions(String subject) {
        List<SubjectVersion> versions = new ArrayList<>();
        versionsBySubject.getOrDefault(subject, new TreeMap<>()).forEach(
                (version, id) -> versions.add(new SubjectVersion(subject, version, id, schemasById.get(id))));
        return versions;
    }

    Optional<SubjectVersion> version(String subject, int version) {
        Integer id = versionsBySubject.getOrDefault(subject, new TreeMap<>()).get(version);
        return id == null ? Optional.empty() : Optional.of(new SubjectVersion(subject, version, id, schemasById.get(id)));
    }

    Optional<SubjectVersion> latest(String subject) {
        List<SubjectVersion> versions = versions(subject);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** The first version of {@code subject} holding {@code schema}, if any. */
    Optional<SubjectVersion> find(String subject, Schema schema) {
        Integer id = idsBySchemaText.get(schema.toString());
        return versions(subject).stream().filter(v -> id != null && v.id() == id).findFirst();
    }

    /** The global id of {@code schema}, if it is registered under any subject. */
    Optional<Integer> idOf(Schema schema) {
        return Optional.ofNullable(idsBySchemaText.get(schema.toString()));
    }

    Optional<Schema> schema(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** Every subject version that uses schema {@code id}, by subject then version. */
    List<SubjectVersion> usagesOf(int id) {
        List<SubjectVersion> usages = new ArrayList<>();
        for (String subject : versionsBySubject.keySet()) {
            versions(subject).stream().filter(v -> v.id() == id).forEach(usages::add);
        }
        return usages;
    }

    /** The id a new schema gets: one more than the largest id ever seen. */
    int nextId() {
        return maxId + 1;
    }

    CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** The subject's own level, else the global one. */
    CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }
}
