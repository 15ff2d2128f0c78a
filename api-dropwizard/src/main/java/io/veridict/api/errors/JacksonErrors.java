package io.veridict.api.errors;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;

/**
 * Turns Jackson's exceptions into {@link ApiException}s with the specific codes of
 * {@link ErrorCode}: what the client sent wrong becomes a 4xx, what the server got wrong (a
 * type Jackson cannot bind or write) becomes {@code INTERNAL_ERROR}.
 *
 * <p>Jackson reports most reading problems as a {@code JsonParseException} told apart only by
 * its message; the message fragments matched here are pinned by tests against Jackson 2.21.
 * Jackson's own message is never sent: it can quote the client's input and suggests parser
 * features a client cannot enable.
 */
public final class JacksonErrors {

    private JacksonErrors() {
    }

    /** The API error for a Jackson exception raised while reading a request body. */
    public static ApiException translate(JsonProcessingException e) {
        return translate(e, e.getProcessor() instanceof JsonParser parser ? parser : null);
    }

    /**
     * The API error for a Jackson exception raised by {@code parser}, whose position names the
     * field in the details (some exceptions, like limit violations, do not carry their parser).
     */
    public static ApiException translate(JsonProcessingException e, JsonParser parser) {
        if (e instanceof StreamConstraintsException limit) {
            return limitExceeded(limit, parser);
        }
        if (e instanceof JsonGenerationException || e instanceof InvalidDefinitionException) {
            return new ApiException(ErrorCode.INTERNAL_ERROR, ExceptionTranslator.INTERNAL_MESSAGE, e);
        }
        if (e instanceof JsonMappingException mapping) {
            return invalidBinding(mapping);
        }
        String original = String.valueOf(e.getOriginalMessage());
        String at = position(e.getLocation());
        if (original.startsWith("Duplicate field")) {
            return new ApiException(ErrorCode.DUPLICATE_JSON_KEY, "an object has the same member twice" + at,
                    details(parser, "appears more than once in its object"));
        }
        if (original.startsWith("Non-standard token") && (original.contains("NaN") || original.contains("Infinity"))) {
            return new ApiException(ErrorCode.NON_FINITE_NUMBER, "NaN and infinities are not JSON numbers" + at);
        }
        if (original.contains("Invalid UTF-8") || original.contains("Invalid UTF-32")) {
            return new ApiException(ErrorCode.INVALID_UTF8, "the request body is not well-formed UTF-8" + at);
        }
        if (e instanceof JsonEOFException || original.startsWith("Unexpected end-of-input")) {
            return new ApiException(ErrorCode.MALFORMED_JSON, "the request body ends inside a JSON value" + at);
        }
        return new ApiException(ErrorCode.MALFORMED_JSON, "the request body is not well-formed JSON" + at);
    }

    private static ApiException limitExceeded(StreamConstraintsException e, JsonParser parser) {
        String original = String.valueOf(e.getOriginalMessage());
        String at = position(e.getLocation());
        if (original.contains("getMaxNestingDepth")) {
            return new ApiException(ErrorCode.NESTING_TOO_DEEP, "objects and arrays are nested too deeply" + at);
        }
        if (original.contains("getMaxNumberLength")) {
            return new ApiException(ErrorCode.NUMBER_NOT_REPRESENTABLE, "a number has too many characters" + at);
        }
        if (original.contains("getMaxStringLength") || original.contains("getMaxNameLength")) {
            String problem = original.contains("getMaxNameLength") ? "has a member name that is too long" : "is too long";
            return new ApiException(ErrorCode.STRING_TOO_LONG, "a string or member name is too long" + at,
                    details(parser, problem));
        }
        return new ApiException(ErrorCode.BODY_TOO_LARGE, "the request body is too large" + at);
    }

    private static ApiException invalidBinding(JsonMappingException e) {
        String field = bindingPath(e);
        String problem = e instanceof UnrecognizedPropertyException ? "unknown field" : "has the wrong type or format";
        return new ApiException(ErrorCode.INVALID_REQUEST, "the request has 1 problem",
                List.of(FieldProblem.of(field.isEmpty() ? null : field, problem)));
    }

    private static String bindingPath(JsonMappingException e) {
        String path = FieldPath.ROOT;
        for (JsonMappingException.Reference reference : e.getPath()) {
            path = reference.getFieldName() != null
                    ? FieldPath.member(path, reference.getFieldName())
                    : FieldPath.index(path, reference.getIndex());
        }
        return path;
    }

    /** The problem at the parser's position; none when the parser is unknown. */
    private static List<FieldProblem> details(JsonParser parser, String problem) {
        if (parser == null) {
            return List.of();
        }
        String field = FieldPath.of(parser.getParsingContext());
        return List.of(FieldProblem.of(field.isEmpty() ? null : field, problem));
    }

    /** {@code " (line L, column C)"}, or nothing when Jackson knows no position. */
    static String position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
