package io.veridict.api.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.FieldPath;
import io.veridict.api.errors.FieldProblems;
import io.veridict.schemas.avro.LegalHold;
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

    /** Decision ids a hold names at most. */
    public static final int MAX_HOLD_DECISIONS = 1000;
    private static final Pattern DECISION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /**
     * {@code POST /v1/retention/holds}: exactly one cover: {@code "whole_tenant": true}, some
     * {@code decision_ids}, or {@code recorded_from} and {@code recorded_to} (optionally with
     * {@code labels}); and an optional reason. Decision ids are kept only as SHA-256 digests.
     */
    public record NewHold(LegalHold hold, String reason) {

        public static NewHold fromJson(ObjectNode body) {
            FieldProblems problems = new FieldProblems();
            FieldReader read = new FieldReader(problems);
            read.rejectUnknown(body, "", Set.of("whole_tenant", "decision_ids", "recorded_from", "recorded_to", "labels", "reason"));
            String reason = read.optionalText(body, "", "reason", FieldReader.TextRule.anyText(AccessRequests.MAX_REASON));
            boolean whole = body.hasNonNull("whole_tenant") && body.get("whole_tenant").isBoolean()
                    && body.get("whole_tenant").booleanValue();
            if (body.hasNonNull("whole_tenant") && !body.get("whole_tenant").isBoolean()) {
                problems.add("whole_tenant", "must be true or false");
            }
            List<io.veridict.schemas.avro.Sha256> digests = new ArrayList<>();
            ArrayNode ids = read.optionalArray(body, "", "decision_ids", MAX_HOLD_DECISIONS);
            for (int i = 0; ids != null && i < ids.size(); i++) {
                if (!ids.get(i).isTextual() || !DECISION_ID.matcher(ids.get(i).textValue()).matches()) {
                    problems.add(FieldPath.index("decision_ids", i), "must be 1 to 128 characters from A-Z a-z 0-9 . _ : -");
                } else {
                    digests.add(new io.veridict.schemas.avro.Sha256(io.veridict.streams.chain.StoreKeys.digest(ids.get(i).textValue())));
                }
            }
            String fromText = read.optionalText(body, "", "recorded_from", FieldReader.TextRule.name(40));
            String toText = read.optionalText(body, "", "recorded_to", FieldReader.TextRule.name(40));
            java.time.Instant from = fromText == null ? null : AccessRequests.timestamp(fromText);
            java.time.Instant to = toText == null ? null : AccessRequests.timestamp(toText);
            if (fromText != null && from == null) {
                problems.add("recorded_from", "must be an RFC 3339 timestamp");
            }
            if (toText != null && to == null) {
                problems.add("recorded_to", "must be an RFC 3339 timestamp");
            }
            List<String> labels = new ArrayList<>();
            ArrayNode labelNodes = read.optionalArray(body, "", "labels", MAX_RULES);
            for (int i = 0; labelNodes != null && i < labelNodes.size(); i++) {
                if (!labelNodes.get(i).isTextual() || !LABEL.matcher(labelNodes.get(i).textValue()).matches()) {
                    problems.add(FieldPath.index("labels", i), "must be 1 to 32 of a-z 0-9 _ - starting with a letter or digit");
                } else {
                    labels.add(labelNodes.get(i).textValue());
                }
            }
            boolean range = fromText != null || toText != null;
            int kinds = (whole ? 1 : 0) + (ids != null && !ids.isEmpty() ? 1 : 0) + (range ? 1 : 0);
            if (kinds != 1) {
                problems.add("", "must name exactly one cover: whole_tenant, decision_ids, or recorded_from and recorded_to");
            } else if (range && (from == null || to == null || !from.isBefore(to))) {
                problems.add("recorded_to", "needs recorded_from, and must be after it");
            }
            if (!labels.isEmpty() && !range) {
                problems.add("labels", "narrows a time range only");
            }
            problems.throwIfAny(ErrorCode.INVALID_REQUEST, "the hold");
            return new NewHold(new LegalHold("", whole, digests, from, to, labels, reason), reason);
        }
    }

    /**
     * {@code POST /v1/retention/erasures}: exactly one of {@code decision_id} (the payload of that
     * decision), {@code subject} (the payloads of every decision recorded with that data subject
     * reference) or {@code "whole_tenant": true} (the tenant's deletion), and an optional reason.
     */
    public record Erasure(io.veridict.schemas.avro.ErasureRequest request, String reason) {

        public static Erasure fromJson(ObjectNode body) {
            FieldProblems problems = new FieldProblems();
            FieldReader read = new FieldReader(problems);
            read.rejectUnknown(body, "", Set.of("decision_id", "subject", "whole_tenant", "reason"));
            String reason = read.optionalText(body, "", "reason", FieldReader.TextRule.anyText(AccessRequests.MAX_REASON));
            String decisionId = read.optionalText(body, "", "decision_id", FieldReader.TextRule.matching(1, 128, DECISION_ID,
                    "must be 1 to 128 characters from A-Z a-z 0-9 . _ : -"));
            String subject = read.optionalText(body, "", "subject", FieldReader.TextRule.name(
                    io.veridict.api.api.DecisionRequest.MAX_SUBJECT));
            JsonNode whole = body.get("whole_tenant");
            if (whole != null && !(whole.isBoolean() && whole.booleanValue())) {
                problems.add("whole_tenant", "must be true, or left out");
            }
            boolean wholeTenant = whole != null && whole.isBoolean() && whole.booleanValue();
            int given = (body.hasNonNull("decision_id") ? 1 : 0) + (body.hasNonNull("subject") ? 1 : 0) + (wholeTenant ? 1 : 0);
            if (given != 1 && problems.isEmpty()) {
                problems.add("decision_id", "give exactly one of decision_id, subject and whole_tenant");
            }
            problems.throwIfAny(ErrorCode.INVALID_REQUEST, "the erasure");
            return new Erasure(new io.veridict.schemas.avro.ErasureRequest(decisionId, subject, wholeTenant), reason);
        }
    }

    /**
     * {@code POST /v1/retention/runs}: an empty object, or no body. A run records no reason: its
     * record is an erasure record, stored unencrypted (docs/ledger-format.md §4.5).
     */
    public static void run(ObjectNode body) {
        if (body == null) {
            return;
        }
        FieldProblems problems = new FieldProblems();
        body.fieldNames().forEachRemaining(name -> problems.add(name, "is not a known member: a run takes no "
                + "arguments, and records no reason (its record is stored unencrypted)"));
        problems.throwIfAny(ErrorCode.INVALID_REQUEST, "the run");
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
