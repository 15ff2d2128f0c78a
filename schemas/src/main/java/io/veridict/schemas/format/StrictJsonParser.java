package io.veridict.schemas.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.format.CanonicalJsonException.Reason;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses JSON text into a Jackson tree, refusing everything RFC 8785 cannot canonicalise:
 * invalid UTF-8, a byte order mark, duplicate member names, NaN and infinities, numbers that
 * are not exact (see {@link CanonicalNumbers}), unpaired surrogates and trailing data.
 *
 * <p>The tree is built token by token, so numbers are judged on their original text, and
 * floating-point numbers are kept as exact {@link BigDecimal} nodes.
 *
 * @see "docs/ledger-format.md §3.1 Input"
 */
final class StrictJsonParser {

    /** Non-numeric literals are let through the tokenizer only to be refused with a precise reason. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrictJsonParser() {
    }

    /** Parses UTF-8 JSON text; see the class contract. */
    static JsonNode parse(byte[] utf8) {
        try {
            return parse(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new CanonicalJsonException(Reason.INVALID_UTF8, "input is not well-formed UTF-8", e);
        }
    }

    /** Parses JSON text; see the class contract. */
    static JsonNode parse(String text) {
        if (text.startsWith("\uFEFF")) {
            throw new CanonicalJsonException(Reason.BYTE_ORDER_MARK, "input starts with a byte order mark");
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new CanonicalJsonException(Reason.MALFORMED_JSON, "input holds no JSON value");
            }
            JsonNode root = value(parser, first);
            requireEnd(parser);
            return root;
        } catch (StreamConstraintsException e) {
            throw new CanonicalJsonException(Reason.LIMIT_EXCEEDED, e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new CanonicalJsonException(Reason.MALFORMED_JSON, e.getOriginalMessage()
                    + " at " + e.getLocation().offsetDescription(), e);
        } catch (IOException e) {
            throw new CanonicalJsonException(Reason.MALFORMED_JSON, "unreadable input", e);
        }
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        try {
            if (parser.nextToken() == null) {
                return;
            }
        } catch (JsonProcessingException e) {
            // not even a token: still data after the value
        }
        throw new CanonicalJsonException(Reason.TRAILING_DATA, "data after the JSON value at "
                + parser.currentTokenLocation().offsetDescription());
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.textNode(wellFormed(parser.getText()));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser, token);
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new CanonicalJsonException(Reason.MALFORMED_JSON, "unexpected token " + token
                    + " at " + parser.currentTokenLocation().offsetDescription());
        };
    }

    private static ObjectNode object(JsonParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = wellFormed(parser.currentName());
            if (object.has(name)) {
                throw new CanonicalJsonException(Reason.DUPLICATE_KEY, "member \"" + name + "\" appears twice, at "
                        + parser.currentTokenLocation().offsetDescription());
            }
            object.set(name, value(parser, parser.nextToken()));
        }
        return object;
    }

    private static ArrayNode array(JsonParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            array.add(value(parser, token));
        }
        return array;
    }

    private static JsonNode number(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_FLOAT && parser.isNaN()) {
            throw new CanonicalJsonException(Reason.NON_FINITE_NUMBER, parser.getText()
                    + " is not a JSON number, at " + parser.currentTokenLocation().offsetDescription());
        }
        BigDecimal value = CanonicalNumbers.parse(parser.getText());
        CanonicalNumbers.serialize(value);
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return DecimalNode.valueOf(value);
        }
        BigInteger integer = value.toBigIntegerExact();
        if (integer.bitLength() < Integer.SIZE) {
            return NODES.numberNode(integer.intValue());
        }
        return integer.bitLength() < Long.SIZE ? NODES.numberNode(integer.longValue()) : NODES.numberNode(integer);
    }

    private static String wellFormed(String text) {
        CanonicalJsonWriter.requireWellFormed(text);
        return text;
    }
}
