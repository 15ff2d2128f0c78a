package io.veridict.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.schemas.format.CanonicalJsonException;
import io.veridict.schemas.format.Sha256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A policy document, validated: its shape, its ids and its limits, but not its conditions
 * ({@link PolicyCompiler} compiles those). A document is immutable and is addressed by
 * {@link #hash()}, the SHA-256 of its canonical JSON.
 *
 * @see "docs/policies.md §2 Policy document"
 */
public final class PolicyDocument {

    /** Policy and rule ids: a letter or digit, then letters, digits, {@code . _ : -}; at most 128. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** Policy versions: a letter or digit, then letters, digits, {@code . _ + -}; at most 128. */
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");
    /** Outcomes: a letter, then letters, digits, {@code _ -}; at most 64. */
    static final Pattern OUTCOME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private static final Set<String> DOCUMENT_MEMBERS = Set.of("policy_id", "version", "description", "outcome", "rules");
    private static final Set<String> OUTCOME_MEMBERS = Set.of("mode", "default", "by_severity");
    private static final Set<String> RULE_MEMBERS = Set.of("id", "severity", "message", "condition", "outcome");

    private final String policyId;
    private final String version;
    private final String description;
    private final OutcomeRule outcome;
    private final List<Rule> rules;
    private final byte[] canonical;
    private final String hash;

    private PolicyDocument(String policyId, String version, String description, OutcomeRule outcome,
            List<Rule> rules, byte[] canonical) {
        this.policyId = policyId;
        this.version = version;
        this.description = description;
        this.outcome = outcome;
        this.rules = List.copyOf(rules);
        this.canonical = canonical;
        this.hash = Sha256.hex(canonical);
    }

    /**
     * Parses and validates a policy document from its UTF-8 JSON text, which must meet the
     * ledger's strict JSON input rules (no duplicate members, exact numbers, …).
     *
     * @throws PolicyException {@link PolicyErrorCode#POLICY_INVALID} with the first problem found
     */
    public static PolicyDocument parse(byte[] utf8Json) {
        Objects.requireNonNull(utf8Json, "utf8Json");
        if (utf8Json.length > PolicyLimits.MAX_DOCUMENT_BYTES) {
            throw invalid(null, "the document is longer than " + PolicyLimits.MAX_DOCUMENT_BYTES + " bytes");
        }
        JsonNode tree;
        try {
            tree = CanonicalJson.parseStrict(utf8Json);
        } catch (CanonicalJsonException e) {
            throw new PolicyException(PolicyErrorCode.POLICY_INVALID, null, "the document is not valid JSON: "
                    + e.getMessage(), e);
        }
        return parse(tree);
    }

    /**
     * Validates a policy document given as a JSON tree.
     *
     * @throws PolicyException {@link PolicyErrorCode#POLICY_INVALID} with the first problem found
     */
    public static PolicyDocument parse(JsonNode document) {
        Objects.requireNonNull(document, "document");
        requireObject(document, null, "the document");
        requireKnownMembers(document, null, "the document", DOCUMENT_MEMBERS);
        String policyId = requiredMatching(null, "policy_id", document.get("policy_id"), ID);
        String version = requiredMatching(null, "version", document.get("version"), VERSION);
        String description = optionalText(document, "description", PolicyLimits.MAX_DESCRIPTION_CODE_POINTS);
        OutcomeRule outcome = outcomeRule(document.get("outcome"));
        List<Rule> rules = rules(document.get("rules"), outcome);
        requireSeverityOutcomes(outcome, rules);
        byte[] canonical;
        try {
            canonical = CanonicalJson.canonicalize(document);
        } catch (CanonicalJsonException e) {
            throw new PolicyException(PolicyErrorCode.POLICY_INVALID, null, "the document has no canonical form: "
                    + e.getMessage(), e);
        }
        if (canonical.length > PolicyLimits.MAX_DOCUMENT_BYTES) {
            throw invalid(null, "the document is longer than " + PolicyLimits.MAX_DOCUMENT_BYTES + " bytes");
        }
        return new PolicyDocument(policyId, version, description, outcome, rules, canonical);
    }

    /** @return the policy's id */
    public String policyId() {
        return policyId;
    }

    /** @return the policy's version */
    public String version() {
        return version;
    }

    /** @return the description, or {@code null} if the document has none */
    public String description() {
        return description;
    }

    /** @return how the outcome is found */
    public OutcomeRule outcome() {
        return outcome;
    }

    /** @return the rules, in document order */
    public List<Rule> rules() {
        return rules;
    }

    /** @return the canonical JSON of the document (RFC 8785, as docs/ledger-format.md §3), a copy */
    public byte[] canonicalJson() {
        return canonical.clone();
    }

    /** @return the policy hash: lower-case hex SHA-256 of {@link #canonicalJson()}, 64 characters */
    public String hash() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PolicyDocument that && Arrays.equals(canonical, that.canonical);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "policy " + policyId + " version " + version + " (" + hash + ")";
    }

    private static OutcomeRule outcomeRule(JsonNode node) {
        if (node == null) {
            throw invalid(null, "outcome is required");
        }
        requireObject(node, null, "outcome");
        requireKnownMembers(node, null, "outcome", OUTCOME_MEMBERS);
        String modeName = requiredText(null, "outcome.mode", node.get("mode"));
        OutcomeMode mode = OutcomeMode.fromJson(modeName);
        if (mode == null) {
            throw invalid(null, "outcome.mode must be first_match or all_violations");
        }
        String defaultOutcome = outcomeName(node.get("default"), null, "outcome.default");
        JsonNode bySeverity = node.get("by_severity");
        Map<Severity, String> outcomes = new EnumMap<>(Severity.class);
        if (mode == OutcomeMode.FIRST_MATCH) {
            if (bySeverity != null) {
                throw invalid(null, "outcome.by_severity is only for the all_violations mode");
            }
        } else {
            if (bySeverity == null) {
                throw invalid(null, "outcome.by_severity is required in the all_violations mode");
            }
            requireObject(bySeverity, null, "outcome.by_severity");
            for (Map.Entry<String, JsonNode> entry : bySeverity.properties()) {
                Severity severity = severity(entry.getKey(), null, "outcome.by_severity has a member");
                outcomes.put(severity, outcomeName(entry.getValue(), null, "outcome.by_severity." + entry.getKey()));
            }
        }
        return new OutcomeRule(mode, defaultOutcome, outcomes);
    }

    private static List<Rule> rules(JsonNode node, OutcomeRule outcome) {
        if (node == null) {
            throw invalid(null, "rules is required");
        }
        if (!node.isArray()) {
            throw invalid(null, "rules must be an array");
        }
        if (node.isEmpty() || node.size() > PolicyLimits.MAX_RULES) {
            throw invalid(null, "rules must hold 1 to " + PolicyLimits.MAX_RULES + " rules, not " + node.size());
        }
        List<Rule> rules = new ArrayList<>(node.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            Rule rule = rule(node.get(i), "rules[" + i + "]", outcome.mode());
            if (!ids.add(rule.id())) {
                throw invalid(rule.id(), "two rules have the id " + rule.id());
            }
            rules.add(rule);
        }
        return rules;
    }

    private static Rule rule(JsonNode node, String at, OutcomeMode mode) {
        requireObject(node, null, at);
        String id = requiredMatching(null, at + ".id", node.get("id"), ID);
        requireKnownMembers(node, id, at, RULE_MEMBERS);
        Severity severity = severity(requiredText(id, at + ".severity", node.get("severity")), id,
                at + ".severity is");
        String message = requiredText(id, at + ".message", node.get("message"));
        requireLength(message, id, at + ".message", PolicyLimits.MAX_MESSAGE_CODE_POINTS);
        String condition = requiredText(id, at + ".condition", node.get("condition"));
        requireLength(condition, id, at + ".condition", PolicyLimits.MAX_CONDITION_CODE_POINTS);
        JsonNode outcomeNode = node.get("outcome");
        String outcome = null;
        if (mode == OutcomeMode.FIRST_MATCH) {
            if (outcomeNode == null) {
                throw invalid(id, at + ".outcome is required in the first_match mode");
            }
            outcome = outcomeName(outcomeNode, id, at + ".outcome");
        } else if (outcomeNode != null) {
            throw invalid(id, at + ".outcome is only for the first_match mode; use outcome.by_severity");
        }
        return new Rule(id, severity, message, condition, outcome);
    }

    private static void requireSeverityOutcomes(OutcomeRule outcome, List<Rule> rules) {
        if (outcome.mode() != OutcomeMode.ALL_VIOLATIONS) {
            return;
        }
        for (Rule rule : rules) {
            if (!outcome.bySeverity().containsKey(rule.severity())) {
                throw invalid(rule.id(), "outcome.by_severity has no outcome for " + rule.severity()
                        + ", the severity of rule " + rule.id());
            }
        }
    }

    private static Severity severity(String name, String ruleId, String what) {
        try {
            return Severity.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw invalid(ruleId, what + " \"" + name + "\", not one of INFO, LOW, MEDIUM, HIGH, CRITICAL");
        }
    }

    private static String outcomeName(JsonNode node, String ruleId, String at) {
        String name = requiredMatching(ruleId, at, node, OUTCOME);
        if (name.equalsIgnoreCase(OutcomeRule.ERROR)) {
            throw invalid(ruleId, at + " must not be " + name + ": the engine reserves " + OutcomeRule.ERROR
                    + " for evaluations in which a rule failed");
        }
        return name;
    }

    private static String requiredMatching(String ruleId, String at, JsonNode node, Pattern pattern) {
        String text = requiredText(ruleId, at, node);
        if (!pattern.matcher(text).matches()) {
            throw invalid(ruleId, at + " must match " + pattern.pattern());
        }
        return text;
    }

    private static String requiredText(String ruleId, String at, JsonNode node) {
        if (node == null) {
            throw invalid(ruleId, at + " is required");
        }
        if (!node.isTextual()) {
            throw invalid(ruleId, at + " must be a string");
        }
        String text = node.textValue();
        if (text.isEmpty()) {
            throw invalid(ruleId, at + " must not be empty");
        }
        return text;
    }

    private static String optionalText(JsonNode parent, String name, int maxCodePoints) {
        JsonNode node = parent.get(name);
        if (node == null) {
            return null;
        }
        String text = requiredText(null, name, node);
        requireLength(text, null, name, maxCodePoints);
        return text;
    }

    private static void requireLength(String text, String ruleId, String at, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) > maxCodePoints) {
            throw invalid(ruleId, at + " is longer than " + maxCodePoints + " code points");
        }
    }

    private static void requireObject(JsonNode node, String ruleId, String what) {
        if (node == null || !node.isObject()) {
            throw invalid(ruleId, what + " must be a JSON object");
        }
    }

    private static void requireKnownMembers(JsonNode node, String ruleId, String what, Set<String> known) {
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            if (!known.contains(member.getKey())) {
                throw invalid(ruleId, what + " has an unknown member \"" + member.getKey() + "\"");
            }
        }
    }

    private static PolicyException invalid(String ruleId, String message) {
        return new PolicyException(PolicyErrorCode.POLICY_INVALID, ruleId, message);
    }
}
