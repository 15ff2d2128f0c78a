package io.veridict.api.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.FieldPath;
import io.veridict.api.errors.FieldProblems;
import io.veridict.schemas.avro.RetentionPolicy;
import io.veridict.schemas.avro.RetentionRule;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The bodies of the retention endpoints (docs/retention.md), checked before anything is chained. */
public final class RetentionRequests {

    /** Rules a policy holds at most. */
    public static final int MAX_RULES = 100;
    /** What {@code retain} says to keep payloads forever. */
    public static final String FOREVER = "forever";
    /** A label: 1-32 of {@code a-z 0-9 _ -}, starting with a letter or digit. */
    public static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    /** The entry types a rule may name: decisions. Key, tenant and retention operations are kept forever. */
    public static final Set<String> RULE_TYPES = Set.of("DECISION");

    private static final FieldReader.TextRule LABEL_RULE = FieldReader.TextRule.matching(1, 32, LABEL,
            "must be 1 to 32 of a-z 0-9 _ - starting with a letter or digit");

    private RetentionRequests() {
    }

    /** The operator's bounds on every rule a tenant sets. */
    public record Bounds(Duration minimum, Optional<Duration> maximum) {
    }

    /** {@code PUT /v1/retention/policy}: the whole new policy, and an optional reason. */
    public record PolicyChange(RetentionPolicy policy, String reason) {

        public static PolicyChange fromJson(ObjectNode body, Bounds bounds) {
            FieldProblems problems = new FieldProblems();
            FieldReader read = new FieldReader(problems);
            read.rejectUnknown(body, "", Set.of("rules", "reason"));
            String reason = read.optionalText(body, "", "reason", FieldReader.TextRule.anyText(AccessRequests.MAX_REASON));
            List<RetentionRule> rules = new ArrayList<>();
            List<String> outOfBounds = new ArrayList<>();
            ArrayNode items = body.get("rules") == null || body.get("rules").isNull() ? null
                    : read.optionalArray(body, "", "rules", MAX_RULES);
            if (body.get("rules") == null || body.get("rules").isNull()) {
                problems.add("rules", "is required (an empty list keeps every payload forever)");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; items != null && i < items.size(); i++) {
                String at = FieldPath.index("rules", i);
                ObjectNode item = read.objectValue(items.get(i), at);
                if (item == null) {
                    continue;
                }
                read.rejectUnknown(item, at, Set.of("entry_type", "label", "retain"));
                String type = read.requiredText(item, at, "entry_type", FieldReader.TextRule.name(32));
                if (type != null && !RULE_TYPES.contains(type)) {
                    problems.add(at + ".entry_type", "must be DECISION: key, tenant and retention operations are kept forever");
                }
                String label = read.optionalText(item, at, "label", LABEL_RULE);
                String retain = read.requiredText(item, at, "retain", FieldReader.TextRule.name(40));
                Long seconds = null;
                if (retain != null && !FOREVER.equals(retain)) {
                    seconds = seconds(retain);
                    if (seconds == null) {
                        problems.add(at + ".retain", "must be an ISO-8601 duration of days and time, such as P90D or PT30S, "
                                + "or \"forever\"");
                    } else if (Duration.ofSeconds(seconds).compareTo(bounds.minimum()) < 0) {
                        outOfBounds.add(at);
                    }
                }
                if (retain != null && bounds.maximum().isPresent()
                        && (seconds == null ? FOREVER.equals(retain) : Duration.ofSeconds(seconds).compareTo(bounds.maximum().get()) > 0)) {
                    outOfBounds.add(at);
                }
                if (type != null && !seen.add(type + "\u0000" + label)) {
                    problems.add(at, "repeats the rule for " + type + (label == null ? " without a label" : " labelled " + label));
                }
                rules.add(new RetentionRule(type, label, seconds));
            }
            problems.throwIfAny(ErrorCode.INVALID_REQUEST, "the policy");
            if (!outOfBounds.isEmpty()) {
                throw new ApiException(ErrorCode.RETENTION_OUT_OF_BOUNDS, "rules " + String.join(", ", outOfBounds)
                        + " are outside the operator's bounds: at least " + bounds.minimum()
                        + bounds.maximum().map(max -> " and at most " + max).orElse(""));
            }
            return new PolicyChange(new RetentionPolicy(rules), reason);
        }
    }

    /** {@code POST /v1/retention/proposals/{id}/approve|reject}: an optional reason. */
    public static String reason(ObjectNode body) {
        return AccessRequests.Reason.fromJson(body).reason();
    }

    /** Seconds in an ISO-8601 duration ({@code PnDTnHnMnS}), or null when it is not one or not positive. */
    static Long seconds(String text) {
        try {
            Duration duration = Duration.parse(text);
            return duration.isNegative() || duration.isZero() || duration.getNano() != 0 ? null : duration.getSeconds();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** How a rule's retention reads in answers: an ISO-8601 duration (whole days as {@code PnD}), or {@code forever}. */
    public static String retain(Long seconds) {
        if (seconds == null) {
            return FOREVER;
        }
        return seconds % 86_400 == 0 ? "P" + seconds / 86_400 + "D" : Duration.ofSeconds(seconds).toString();
    }
}
