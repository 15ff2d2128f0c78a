package io.veridict.dev.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Decides whether a candidate schema may follow a subject's history under a
 * {@link CompatibilityLevel}, using Avro's own {@link SchemaCompatibility} reader/writer rules.
 *
 * <p>Messages mimic the Confluent registry's: one {@code {errorType:..., description:...,
 * additionalInfo:...}} entry per Avro incompatibility, then the old version, the old schema
 * and the level. Like Confluent's, the check stops at the newest incompatible version.
 */
final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /**
     * Checks {@code candidate} against {@code history}.
     *
     * @param history the subject's versions, oldest first; may be empty
     * @return an empty list when compatible, otherwise the reasons it is not
     */
    static List<String> check(CompatibilityLevel level, Schema candidate, List<SubjectVersion> history) {
        if (level == CompatibilityLevel.NONE || history.isEmpty()) {
            return List.of();
        }
        List<SubjectVersion> newestFirst = new ArrayList<>(history);
        Collections.reverse(newestFirst);
        List<SubjectVersion> toCheck = level.transitive() ? newestFirst : newestFirst.subList(0, 1);
        for (SubjectVersion old : toCheck) {
            List<String> problems = new ArrayList<>();
            if (level.backward()) {
                problems.addAll(describe(candidate, old.schema(), "new", "old"));
            }
            if (level.forward()) {
                problems.addAll(describe(old.schema(), candidate, "old", "new"));
            }
            if (!problems.isEmpty()) {
                problems.add("{oldSchemaVersion: " + old.version() + "}");
                problems.add("{oldSchema: '" + old.schemaText() + "'}");
                problems.add("{compatibility: '" + level + "'}");
                return problems;
            }
        }
        return List.of();
    }

    private static List<String> describe(Schema reader, Schema writer, String readerName, String writerName) {
        SchemaCompatibilityResult result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        List<String> messages = new ArrayList<>();
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            messages.add(String.format("{errorType:'%s', description:'The %s schema cannot read data written with the %s "
                            + "schema at path '%s'', additionalInfo:'%s'}",
                    incompatibility.getType(), readerName, writerName, incompatibility.getLocation(),
                    incompatibility.getMessage()));
        }
        return messages;
    }
}
