package io.veridict.api.errors;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * The notation of {@link FieldProblem#field()}: member names joined by dots, array indexes in
 * brackets, e.g. {@code violations[2].severity}. A member name that is not a plain identifier is
 * written as a quoted JSON string in brackets: {@code context["user.id"]}. The whole request is
 * the empty path {@code ""}.
 */
public final class FieldPath {

    /** The path of the request body itself. */
    public static final String ROOT = "";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private FieldPath() {
    }

    /** The path of member {@code name} of the object at {@code parent}. */
    public static String member(String parent, String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            return parent + "[\"" + new String(JsonStringEncoder.getInstance().quoteAsString(name)) + "\"]";
        }
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** The path of element {@code index} of the array at {@code parent}. */
    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /**
     * The path of the value a Jackson parser is at (or of the member name it just read).
     *
     * @param context the parser's current context ({@code JsonParser.getParsingContext()})
     */
    public static String of(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        String path = ROOT;
        for (JsonStreamContext c : chain) {
            if (c.inObject() && c.getCurrentName() != null) {
                path = member(path, c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                path = index(path, c.getCurrentIndex());
            }
        }
        return path;
    }
}
