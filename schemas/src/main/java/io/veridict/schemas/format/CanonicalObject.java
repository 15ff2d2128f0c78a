package io.veridict.schemas.format;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Builds a JSON object straight into canonical text, for documents whose members the code
 * names (payload documents): members are kept sorted by the UTF-16 code units of their names
 * (§3.2.3), strings are escaped as §3.2.2.2 writes them, and embedded JSON text is made
 * canonical with {@link CanonicalJson#canonicalText}. The result equals what
 * {@link CanonicalJson#canonicalize(com.fasterxml.jackson.databind.JsonNode)} gives for the
 * same tree, without building the tree.
 *
 * <p>Not thread-safe; build one document per instance.
 */
public final class CanonicalObject {

    private static final String NULL = "null";

    /** Member name to the member's canonical value text. */
    private final Map<String, String> members = new TreeMap<>();

    /** Adds a string member; {@code null} becomes JSON {@code null}. */
    public CanonicalObject string(String name, String value) {
        return put(name, value == null ? NULL : quoted(value));
    }

    /** Adds a string member only when {@code value} is not {@code null}. */
    public CanonicalObject stringIfPresent(String name, String value) {
        return value == null ? this : put(name, quoted(value));
    }

    /**
     * Adds a member holding JSON text, parsed under the strict input rules and made canonical;
     * {@code null} becomes JSON {@code null}.
     *
     * @throws CanonicalJsonException if the text is not acceptable JSON
     */
    public CanonicalObject json(String name, String jsonText) {
        return put(name, jsonText == null ? NULL : CanonicalJson.canonicalText(jsonText));
    }

    /** Adds an object member; {@code null} becomes JSON {@code null}. */
    public CanonicalObject object(String name, CanonicalObject value) {
        return put(name, value == null ? NULL : value.text());
    }

    /** Adds an array of objects. */
    public CanonicalObject objects(String name, List<CanonicalObject> items) {
        return put(name, array(items, (out, item) -> out.append(item.text())));
    }

    /** Adds an array of strings. */
    public CanonicalObject strings(String name, List<? extends CharSequence> items) {
        return put(name, array(items, (out, item) -> CanonicalJsonWriter.appendString(out, item.toString())));
    }

    /** @return the canonical text of the object */
    public String text() {
        StringBuilder out = new StringBuilder(64 + members.values().stream().mapToInt(String::length).sum());
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> member : members.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            CanonicalJsonWriter.appendString(out, member.getKey());
            out.append(':').append(member.getValue());
        }
        return out.append('}').toString();
    }

    /** @return the canonical UTF-8 bytes of the object */
    public byte[] utf8() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    private CanonicalObject put(String name, String canonicalValue) {
        if (members.putIfAbsent(name, canonicalValue) != null) {
            throw new IllegalArgumentException("member \"" + name + "\" set twice");
        }
        return this;
    }

    private static <T> String array(List<T> items, BiConsumer<StringBuilder, T> element) {
        StringBuilder out = new StringBuilder().append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            element.accept(out, items.get(i));
        }
        return out.append(']').toString();
    }

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        CanonicalJsonWriter.appendString(out, value);
        return out.toString();
    }
}
