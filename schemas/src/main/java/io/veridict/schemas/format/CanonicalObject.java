package io.veridict.schemas.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * <p>Values are checked as they are added and written once, into one buffer, when the text is
 * made; an object added as a member (or in an array) is written as it is then, so complete it
 * before. Not thread-safe; build one document per instance.
 */
public final class CanonicalObject {

    private static final Member NULL = out -> out.append("null");

    /** Member name to what writes the member's canonical value. */
    private final Map<String, Member> members = new TreeMap<>();

    /** Writes one member's canonical value text. */
    @FunctionalInterface
    private interface Member {
        void appendTo(StringBuilder out);
    }

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
        if (jsonText == null) {
            return put(name, NULL);
        }
        String canonical = CanonicalJson.canonicalText(jsonText);
        return put(name, out -> out.append(canonical));
    }

    /** Adds an object member; {@code null} becomes JSON {@code null}. */
    public CanonicalObject object(String name, CanonicalObject value) {
        return put(name, value == null ? NULL : value::appendTo);
    }

    /** Adds an object member only when {@code value} is not {@code null}. */
    public CanonicalObject objectIfPresent(String name, CanonicalObject value) {
        return value == null ? this : put(name, value::appendTo);
    }

    /** Adds an array of objects. */
    public CanonicalObject objects(String name, List<CanonicalObject> items) {
        List<CanonicalObject> copy = List.copyOf(items);
        return put(name, out -> array(out, copy, (into, item) -> item.appendTo(into)));
    }

    /** Adds an array of strings. */
    public CanonicalObject strings(String name, List<? extends CharSequence> items) {
        List<String> copy = new ArrayList<>(items.size());
        for (CharSequence item : items) {
            String text = item.toString();
            CanonicalJsonWriter.requireWellFormed(text);
            copy.add(text);
        }
        return put(name, out -> array(out, copy, CanonicalJsonWriter::appendString));
    }

    /** @return the canonical text of the object */
    public String text() {
        StringBuilder out = new StringBuilder(256);
        appendTo(out);
        return out.toString();
    }

    /** @return the canonical UTF-8 bytes of the object */
    public byte[] utf8() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    private void appendTo(StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Member> member : members.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            CanonicalJsonWriter.appendString(out, member.getKey());
            out.append(':');
            member.getValue().appendTo(out);
        }
        out.append('}');
    }

    private CanonicalObject put(String name, Member value) {
        if (members.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("member \"" + name + "\" set twice");
        }
        return this;
    }

    private static <T> void array(StringBuilder out, List<T> items, BiConsumer<StringBuilder, T> element) {
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            element.accept(out, items.get(i));
        }
        out.append(']');
    }

    /** A string member, checked now (an unpaired surrogate fails here) and escaped when the text is written. */
    private static Member quoted(String value) {
        CanonicalJsonWriter.requireWellFormed(value);
        return out -> CanonicalJsonWriter.appendString(out, value);
    }
}
