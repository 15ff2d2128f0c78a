package io.veridict.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.FieldPath;
import io.veridict.api.errors.FieldProblem;
import io.veridict.schemas.format.CanonicalJsonException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Builds a Jackson tree token by token, checking what the tokenizer does not: duplicate member
 * names, the member count, string lengths in UTF-8 bytes, unpaired surrogates, and that every
 * number keeps its value in RFC 8785 canonical form. One instance reads one document.
 *
 * <p>Integers become long or BigInteger nodes; other numbers become exact
 * {@link BigDecimal} nodes holding their canonical value ({@code 1.50} is kept as {@code 1.5}).
 */
final class JsonTreeBuilder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Integers of at most 15 digits are below 2^53, so always exact: no need to ask the canonicaliser. */
    private static final int ALWAYS_EXACT_DIGITS = 15;

    private final JsonLimits limits;
    private int fields;

    JsonTreeBuilder(JsonLimits limits) {
        this.limits = limits;
    }

    /** The value that starts with {@code token}, the parser's current token. */
    JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "the request body ends inside a JSON value");
        }
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.textNode(checkedString(parser, parser.getText(), false));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser, token);
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new ApiException(ErrorCode.MALFORMED_JSON, "the request body is not well-formed JSON");
        };
    }

    private ObjectNode object(JsonParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token != JsonToken.FIELD_NAME) {
                throw new ApiException(ErrorCode.MALFORMED_JSON, "the request body ends inside a JSON value");
            }
            String name = checkedString(parser, parser.currentName(), true);
            if (++fields > limits.maxFields()) {
                throw new ApiException(ErrorCode.TOO_MANY_FIELDS, "the request body has more than "
                        + limits.maxFields() + " object members");
            }
            if (object.has(name)) {
                throw invalid(ErrorCode.DUPLICATE_JSON_KEY, parser, "an object has the same member twice",
                        "appears more than once in its object");
            }
            object.set(name, value(parser, parser.nextToken()));
        }
        return object;
    }

    private ArrayNode array(JsonParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            array.add(value(parser, token));
        }
        return array;
    }

    private JsonNode number(JsonParser parser, JsonToken token) throws IOException {
        String text = parser.getText();
        if (token == JsonToken.VALUE_NUMBER_INT && digits(text) <= ALWAYS_EXACT_DIGITS) {
            return NODES.numberNode(parser.getLongValue());
        }
        String canonical;
        try {
            canonical = CanonicalText.ofNumber(text);
        } catch (CanonicalJsonException e) {
            throw invalid(ErrorCode.NUMBER_NOT_REPRESENTABLE, parser,
                    "a number would change value in RFC 8785 canonical JSON; send it as a string",
                    "is not exactly representable as an IEEE-754 double");
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? NODES.numberNode(parser.getBigIntegerValue())
                    : NODES.numberNode(parser.getLongValue());
        }
        return DecimalNode.valueOf(new BigDecimal(canonical)); // as is: the canonical text has no redundant zeros
    }

    /**
     * Checks a string value or member name: UTF-8 length, and no unpaired surrogate. A bad member
     * name is reported at the path of its object, so the name itself is not repeated.
     */
    private String checkedString(JsonParser parser, String text, boolean isName) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (!Character.isSurrogate(c)) {
                bytes += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                throw invalid(ErrorCode.INVALID_UTF8, at(parser, isName),
                        "a string escapes an unpaired surrogate, which no UTF-8 text can hold",
                        isName ? "has a member name with an unpaired surrogate" : "holds an unpaired surrogate");
            }
        }
        if (bytes > limits.maxStringBytes()) {
            int max = limits.maxStringBytes();
            throw invalid(ErrorCode.STRING_TOO_LONG, at(parser, isName),
                    "a string or member name is longer than " + max + " UTF-8 bytes",
                    (isName ? "has a member name longer than " : "is longer than ") + max + " bytes");
        }
        return text;
    }

    private static int digits(String integer) {
        return integer.startsWith("-") ? integer.length() - 1 : integer.length();
    }

    private static String at(JsonParser parser) {
        return FieldPath.of(parser.getParsingContext());
    }

    /** The path of the value the parser is at or, for a member name, of the object holding it. */
    private static String at(JsonParser parser, boolean isName) {
        return isName ? FieldPath.of(parser.getParsingContext().getParent()) : at(parser);
    }

    private static ApiException invalid(ErrorCode code, JsonParser parser, String message, String problem) {
        return invalid(code, at(parser), message, problem);
    }

    private static ApiException invalid(ErrorCode code, String field, String message, String problem) {
        return new ApiException(code, message, List.of(FieldProblem.of(field.isEmpty() ? null : field, problem)));
    }
}
