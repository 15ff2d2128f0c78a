package io.veridict.schemas.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.schemas.format.CanonicalJsonException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON tree as RFC 8785 canonical text: members sorted by the UTF-16 code units of
 * their names, strings escaped per §3.2.2.2, numbers per §3.2.2.3, no whitespace.
 *
 * @see "docs/ledger-format.md §3.2 Serialisation"
 */
final class CanonicalJsonWriter {

    private final StringBuilder out = new StringBuilder();

    private CanonicalJsonWriter() {
    }

    /** Canonical UTF-8 bytes of the tree. */
    static byte[] write(JsonNode node) {
        CanonicalJsonWriter writer = new CanonicalJsonWriter();
        writer.value(node);
        return writer.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Rejects strings holding an unpaired surrogate, which have no UTF-8 encoding.
     *
     * @throws CanonicalJsonException {@code LONE_SURROGATE}
     */
    static void requireWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new CanonicalJsonException(Reason.LONE_SURROGATE, String.format(
                        "unpaired surrogate U+%04X at index %d of a string", (int) c, i));
            }
        }
    }

    private void value(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> object(node);
            case ARRAY -> array(node);
            case STRING -> string(node.textValue());
            case NUMBER -> out.append(number(node));
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new CanonicalJsonException(Reason.UNSUPPORTED_NODE,
                    "a " + node.getNodeType() + " node has no JSON representation");
        }
    }

    private void object(JsonNode node) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(members.get(i).getKey());
            out.append(':');
            value(members.get(i).getValue());
        }
        out.append('}');
    }

    private void array(JsonNode node) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            value(node.get(i));
        }
        out.append(']');
    }

    private static String number(JsonNode node) {
        if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
            return CanonicalNumbers.serialize(node.doubleValue());
        }
        return CanonicalNumbers.serialize(node.decimalValue());
    }

    private void string(String text) {
        appendString(out, text);
    }

    /**
     * Appends {@code text} as a canonical JSON string (§3.2.2.2).
     *
     * @throws CanonicalJsonException {@code LONE_SURROGATE}
     */
    static void appendString(StringBuilder out, String text) {
        requireWellFormed(text);
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
