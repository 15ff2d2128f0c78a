package io.veridict.api.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.avro.PolicyEvaluationRequest;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A published policy version, named in a request (docs/policies.md §13): by its hash
 * ({@code {"hash": …}}), by id and version ({@code {"id": …, "version": …}}), or by id alone, which
 * names the id's active version. Exactly one form.
 *
 * @param id      the policy id, or null when named by hash
 * @param version the version label, or null (by hash, or the active version)
 * @param hash    the document's hex SHA-256, or null
 */
public record PolicyReference(String id, String version, String hash) {

    static final Set<String> MEMBERS = Set.of("id", "version", "hash");
    /** A policy id (docs/policies.md §2.1). */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** A version label (docs/policies.md §2.1). */
    public static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");
    private static final FieldReader.TextRule ID_RULE = FieldReader.TextRule.matching(1, 128, ID,
            "must be a policy id: 1 to 128 of A-Z a-z 0-9 . _ : - starting with a letter or digit");
    private static final FieldReader.TextRule VERSION_RULE = FieldReader.TextRule.matching(1, 128, VERSION,
            "must be a version label: 1 to 128 of A-Z a-z 0-9 . _ + - starting with a letter or digit");
    private static final FieldReader.TextRule HASH_RULE = FieldReader.TextRule.matching(64, 64,
            Pattern.compile("[0-9a-f]{64}"), "must be 64 lower-case hex digits (a SHA-256)");

    /** What the chain is asked to evaluate against, with the override reason (or null). */
    public PolicyEvaluationRequest toAvro(String overrideReason) {
        return new PolicyEvaluationRequest(id, version, hash, overrideReason);
    }

    /**
     * Reads a reference from {@code node} at {@code path}, recording problems; null when it has any.
     *
     * @param others members besides the reference's that {@code node} may hold
     */
    static PolicyReference read(FieldReader fields, ObjectNode node, String path, Set<String> others) {
        Set<String> allowed = new java.util.HashSet<>(MEMBERS);
        allowed.addAll(others);
        fields.rejectUnknown(node, path, allowed);
        String hash = fields.optionalText(node, path, "hash", HASH_RULE);
        String id = fields.optionalText(node, path, "id", ID_RULE);
        String version = fields.optionalText(node, path, "version", VERSION_RULE);
        if (node.has("hash") && (node.has("id") || node.has("version"))) {
            fields.problem(path, "names a policy either by hash, or by id (and version): not both");
            return null;
        }
        if (!node.has("hash") && !node.has("id")) {
            fields.problem(path, "must name a policy: {\"hash\": …}, {\"id\": …, \"version\": …} or {\"id\": …} (its active version)");
            return null;
        }
        if (hash == null && id == null) {
            return null;
        }
        if (node.has("version") && version == null) {
            return null;
        }
        return new PolicyReference(id, version, hash);
    }
}
