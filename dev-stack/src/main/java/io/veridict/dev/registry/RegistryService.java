package io.veridict.dev.registry;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's rules: schema identity, global ids, version numbering, compatibility and
 * configuration, over a {@link RegistryState}.
 *
 * <p>Every change is first handed to the {@code journal} (in production a synchronous,
 * acknowledged write to {@code _schemas}) and applied to the state only when the journal
 * returns; a journal that throws leaves the state untouched. Nothing is journaled under a
 * subject outside {@link SubjectName}'s rule (the routes refuse such names first; this is
 * the last guard before the topic). All methods are serialised on this object, so ids and
 * versions are assigned without races inside one process. Two registries writing the same
 * topic would race: one instance is the supported setup.
 */
final class RegistryService {

    /** The version number meaning "the latest version" ({@code latest} or {@code -1} on the wire). */
    static final int LATEST = -1;
    private static final Logger LOG = LoggerFactory.getLogger(RegistryService.class);

    private final RegistryState state;
    private final Consumer<RegistryRecord> journal;

    RegistryService(RegistryState state, Consumer<RegistryRecord> journal) {
        this.state = state;
        this.journal = journal;
    }

    /**
     * Registers {@code schema} under {@code subject} and returns its global id. A schema
     * equal to one of the subject's versions returns that version's id and changes nothing.
     *
     * @throws RegistryException 409 when the subject's compatibility level rejects it
     */
    synchronized int register(String subject, Schema schema) {
        Optional<SubjectVersion> existing = state.find(subject, schema);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        CompatibilityLevel level = state.effectiveLevel(subject);
        List<String> problems = CompatibilityChecker.check(level, schema, state.versions(subject));
        if (!problems.isEmpty()) {
            throw RegistryException.incompatible(subject, problems);
        }
        int id = state.idOf(schema).orElseGet(state::nextId);
        int version = state.latest(subject).map(v -> v.version() + 1).orElse(1);
        write(new RegistryRecord.SchemaRecord(subject, version, id, schema));
        LOG.info("Registered schema id {} as version {} of subject '{}'", id, version, subject);
        return id;
    }

    /** The version of {@code subject} holding {@code schema}; 40401 or 40403 when there is none. */
    synchronized SubjectVersion lookup(String subject, Schema schema) {
        requireSubject(subject);
        return state.find(subject, schema).orElseThrow(RegistryException::schemaNotFound);
    }

    synchronized List<String> subjects() {
        return state.subjects();
    }

    /** The subject's version numbers, ascending; 40401 for an unknown subject. */
    synchronized List<Integer> versionNumbers(String subject) {
        requireSubject(subject);
        return state.versions(subject).stream().map(SubjectVersion::version).toList();
    }

    /** Version {@code version} (or {@link #LATEST}) of {@code subject}; 40401 or 40402 when missing. */
    synchronized SubjectVersion version(String subject, int version) {
        requireSubject(subject);
        return (version == LATEST ? state.latest(subject) : state.version(subject, version))
                .orElseThrow(() -> RegistryException.versionNotFound(version));
    }

    /** The schema with global id {@code id}; 40403 when unknown. */
    synchronized Schema schemaById(int id) {
        return state.schema(id).orElseThrow(() -> RegistryException.schemaNotFound(id));
    }

    /** The subject versions using schema {@code id}; 40403 when unknown. */
    synchronized List<SubjectVersion> usagesOf(int id) {
        schemaById(id);
        return state.usagesOf(id);
    }

    /**
     * Tests {@code schema} against the subject under its compatibility level without
     * registering it. {@code version} null compares with the whole history; {@link #LATEST}
     * with the latest version (a subject without versions is compatible with anything);
     * a number with that version only (40401/40402 when it does not exist).
     *
     * @return the reasons for incompatibility; empty when compatible
     */
    synchronized List<String> checkCompatibility(String subject, Integer version, Schema schema) {
        List<SubjectVersion> against;
        if (version == null) {
            against = state.versions(subject);
        } else if (version == LATEST) {
            against = state.latest(subject).stream().toList();
        } else {
            against = List.of(version(subject, version));
        }
        return CompatibilityChecker.check(state.effectiveLevel(subject), schema, against);
    }

    synchronized CompatibilityLevel globalLevel() {
        return state.globalLevel();
    }

    synchronized void setGlobalLevel(CompatibilityLevel level) {
        write(new RegistryRecord.ConfigRecord(null, level));
    }

    /**
     * The subject-level compatibility; with {@code defaultToGlobal} the global one when the
     * subject has none, otherwise 40408.
     */
    synchronized CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        Optional<CompatibilityLevel> level = state.subjectLevel(subject);
        if (level.isEmpty() && defaultToGlobal) {
            return state.globalLevel();
        }
        return level.orElseThrow(() -> RegistryException.subjectLevelConfigNotFound(subject));
    }

    /** Sets the subject's level; the subject need not have versions yet. */
    synchronized void setSubjectLevel(String subject, CompatibilityLevel level) {
        write(new RegistryRecord.ConfigRecord(subject, level));
    }

    private void requireSubject(String subject) {
        if (!state.hasSubject(subject)) {
            throw RegistryException.subjectNotFound(subject);
        }
    }

    /** Journals, then applies; a subject outside {@link SubjectName}'s rule is never journaled. */
    private void write(RegistryRecord record) {
        String subject = record instanceof RegistryRecord.SchemaRecord schema ? schema.subject()
                : ((RegistryRecord.ConfigRecord) record).subject();
        if (subject != null) {
            SubjectName.require(subject);
        }
        journal.accept(record);
        state.apply(record);
    }
}
