package io.veridict.api.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.errors.FieldPath;
import io.veridict.api.errors.FieldProblems;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads typed fields out of a JSON object by hand, recording every problem instead of stopping
 * at the first. Lengths count Unicode code points. An optional field may be absent or
 * {@code null}; both read as {@code null}.
 */
final class FieldReader {

    /** What a string field must look like. */
    record TextRule(int minLength, int maxLength, Pattern pattern, String patternProblem, boolean allowControl) {

        /** Any text of the given length, control characters (including newlines) allowed. */
        static TextRule anyText(int maxLength) {
            return new TextRule(0, maxLength, null, null, true);
        }

        /** An identifier-like text of 1 to {@code maxLength} characters without control characters. */
        static TextRule name(int maxLength) {
            return new TextRule(1, maxLength, null, null, false);
        }

        /** A text matching {@code pattern}, which bounds its length itself. */
        static TextRule matching(int minLength, int maxLength, Pattern pattern, String problem) {
            return new TextRule(minLength, maxLength, pattern, problem, false);
        }
    }

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final FieldProblems problems;

    FieldReader(FieldProblems problems) {
        this.problems = problems;
    }

    /** Records every member of {@code object} not in {@code allowed}. */
    void rejectUnknown(ObjectNode object, String path, Set<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(FieldPath.member(path, name), "unknown field");
            }
        }
    }

    /** A required string; {@code null} (with a problem recorded) when absent or invalid. */
    String requiredText(ObjectNode object, String path, String name, TextRule rule) {
        if (isAbsent(object, name)) {
            problems.add(FieldPath.member(path, name), "is required");
            return null;
        }
        return optionalText(object, path, name, rule);
    }

    /** An optional string; {@code null} when absent, null or invalid (then with a problem recorded). */
    String optionalText(ObjectNode object, String path, String name, TextRule rule) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        String field = FieldPath.member(path, name);
        if (!value.isTextual()) {
            problems.add(field, "must be a string, not " + describe(value));
            return null;
        }
        String text = value.textValue();
        int length = text.codePointCount(0, text.length());
        if (length < rule.minLength()) {
            problems.add(field, rule.minLength() == 1 ? "must not be empty"
                    : "must be at least " + rule.minLength() + " characters long");
        } else if (length > rule.maxLength()) {
            problems.add(field, "must be at most " + rule.maxLength() + " characters long");
        } else if (rule.pattern() != null && !rule.pattern().matcher(text).matches()) {
            problems.add(field, rule.patternProblem());
        } else if (!rule.allowControl() && CONTROL.matcher(text).find()) {
            problems.add(field, "must not contain control characters");
        } else {
            return text;
        }
        return null;
    }

    /** A required value of any type but {@code null}. */
    JsonNode requiredValue(ObjectNode object, String path, String name) {
        JsonNode value = object.get(name);
        if (value == null) {
            problems.add(FieldPath.member(path, name), "is required");
        } else if (value.isNull()) {
            problems.add(FieldPath.member(path, name), "must not be null");
        } else {
            return value;
        }
        return null;
    }

    /** A required JSON object. */
    ObjectNode requiredObject(ObjectNode object, String path, String name) {
        if (object.get(name) == null) {
            problems.add(FieldPath.member(path, name), "is required");
            return null;
        }
        return objectValue(object.get(name), FieldPath.member(path, name));
    }

    /** An optional JSON object; {@code null} when absent or null. */
    ObjectNode optionalObject(ObjectNode object, String path, String name) {
        return isAbsent(object, name) ? null : objectValue(object.get(name), FieldPath.member(path, name));
    }

    /** An optional array of at most {@code maxItems} items; {@code null} when absent, null or invalid. */
    ArrayNode optionalArray(ObjectNode object, String path, String name, int maxItems) {
        if (isAbsent(object, name)) {
            return null;
        }
        JsonNode value = object.get(name);
        String field = FieldPath.member(path, name);
        if (!value.isArray()) {
            problems.add(field, "must be an array, not " + describe(value));
            return null;
        }
        if (value.size() > maxItems) {
            problems.add(field, "must have at most " + maxItems + " items, not " + value.size());
            return null;
        }
        return (ArrayNode) value;
    }

    /** {@code value} as an object, or {@code null} with a problem recorded at {@code field}. */
    ObjectNode objectValue(JsonNode value, String field) {
        if (value.isObject()) {
            return (ObjectNode) value;
        }
        problems.add(field, "must be a JSON object, not " + describe(value));
        return null;
    }

    /** Records {@code problem} at {@code field}. */
    void problem(String field, String problem) {
        problems.add(field, problem);
    }

    private static boolean isAbsent(ObjectNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull();
    }

    /** The JSON type of a value, with its article: "a string", "an array", "null". */
    static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
