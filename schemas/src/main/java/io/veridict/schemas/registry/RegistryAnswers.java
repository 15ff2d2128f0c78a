package io.veridict.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Reads the fields of successful registry answers. An answer that lacks a field, or holds a
 * schema that is not Avro or does not parse, is a non-retriable {@link SchemaRegistryException}
 * that quotes the request and the answer.
 */
final class RegistryAnswers {

    /** The status of every successful answer of this API. */
    private static final int OK = 200;
    private static final int MAX_EXCERPT = 200;

    private RegistryAnswers() {
    }

    static int intField(JsonNode answer, String field, String request) {
        JsonNode value = answer.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw malformed(request, "no integer '" + field + "'", answer, null);
        }
        return value.intValue();
    }

    static String textField(JsonNode answer, String field, String request) {
        JsonNode value = answer.path(field);
        if (!value.isTextual()) {
            throw malformed(request, "no text '" + field + "'", answer, null);
        }
        return value.textValue();
    }

    static boolean booleanField(JsonNode answer, String field, String request) {
        JsonNode value = answer.path(field);
        if (!value.isBoolean()) {
            throw malformed(request, "no boolean '" + field + "'", answer, null);
        }
        return value.booleanValue();
    }

    /** Parses {@code "schema"}; a {@code "schemaType"} other than AVRO is refused. */
    static Schema avroSchema(JsonNode answer, String request) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw malformed(request, "a " + type + " schema where Avro was expected", answer, null);
        }
        String text = textField(answer, "schema", request);
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            String problem = "a schema Avro cannot parse (" + e.getMessage() + ")";
            throw malformed(request, problem, answer, e);
        }
    }

    static List<String> textArray(JsonNode answer, String request) {
        List<String> values = new ArrayList<>();
        for (JsonNode element : array(answer, request)) {
            if (!element.isTextual()) {
                throw malformed(request, "a non-text array element", answer, null);
            }
            values.add(element.textValue());
        }
        return List.copyOf(values);
    }

    static List<Integer> intArray(JsonNode answer, String request) {
        List<Integer> values = new ArrayList<>();
        for (JsonNode element : array(answer, request)) {
            if (!element.isIntegralNumber() || !element.canConvertToInt()) {
                throw malformed(request, "a non-integer array element", answer, null);
            }
            values.add(element.intValue());
        }
        return List.copyOf(values);
    }

    private static JsonNode array(JsonNode answer, String request) {
        if (!answer.isArray()) {
            throw malformed(request, "no JSON array", answer, null);
        }
        return answer;
    }

    private static SchemaRegistryException malformed(
            String request, String problem, JsonNode answer, Throwable cause) {
        String text = answer.toString();
        String excerpt = text.length() <= MAX_EXCERPT
                ? text : text.substring(0, MAX_EXCERPT) + "...";
        return new SchemaRegistryException(
                "unusable registry answer to " + request + ": " + problem + " in " + excerpt,
                OK, SchemaRegistryException.NO_ERROR_CODE, false, cause);
    }
}
