package io.veridict.api.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins how Jackson 2.21 reports each reading problem, so an upgrade that changes its messages
 * fails here rather than silently turning specific codes into MALFORMED_JSON.
 */
class JacksonErrorsTest {

    private static final ObjectMapper LENIENT = new ObjectMapper();

    record Order(String id, List<Integer> items) {
    }

    @Test
    void shouldTranslateNaNAndInfinityToNonFiniteNumber() {
        ApiException nan = translate(LENIENT, "{\"a\":NaN}");
        ApiException infinity = translate(LENIENT, "{\"a\":-Infinity}");

        assertThat(nan.code()).isEqualTo("NON_FINITE_NUMBER");
        assertThat(infinity.code()).isEqualTo("NON_FINITE_NUMBER");
        assertThat(nan.getMessage()).isEqualTo("NaN and infinities are not JSON numbers (line 1, column 9)");
    }

    @Test
    void shouldTranslateStrictDuplicateDetectionNamingThePath() {
        ObjectMapper strict = new ObjectMapper(JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

        ApiException e = translate(strict, "{\"a\":{\"b\":1,\"b\":2}}");

        assertThat(e.code()).isEqualTo("DUPLICATE_JSON_KEY");
        assertThat(e.details()).containsExactly(FieldProblem.of("a.b", "appears more than once in its object"));
    }

    @Test
    void shouldTranslateInvalidUtf8FromJacksonsByteParser() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'};

        ApiException e = translate(LENIENT, body);

        assertThat(e.code()).isEqualTo("INVALID_UTF8");
        assertThat(e.status()).isEqualTo(400);
    }

    /** Why StrictJsonReader decodes UTF-8 with the JDK's strict decoder instead of Jackson's byte parser. */
    @Test
    void jacksonsByteParserAcceptsAnOverlongEncoding() throws Exception {
        byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};

        assertThat(LENIENT.readTree(overlong).get("a").asText()).hasSize(1);
    }

    @Test
    void shouldTranslateStreamConstraintViolations() {
        ObjectMapper limited = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints
                .builder().maxNestingDepth(3).maxNumberLength(10).maxStringLength(1000).build()).build());

        assertThat(translate(limited, "{\"a\":[[[1]]]}").code()).isEqualTo("NESTING_TOO_DEEP");
        assertThat(translate(limited, "{\"a\":123456789012345}").code()).isEqualTo("NUMBER_NOT_REPRESENTABLE");
        ApiException string = translate(limited, "{\"a\":\"" + "x".repeat(100_000) + "\"}");
        assertThat(string.code()).isEqualTo("STRING_TOO_LONG");
    }

    @Test
    void shouldTranslateTruncatedAndGarbledJsonToMalformedJson() {
        ApiException truncated = translate(LENIENT, "{\"a\":[1,");
        ApiException garbled = translate(LENIENT, "{\"a\":tru}");

        assertThat(truncated.code()).isEqualTo("MALFORMED_JSON");
        assertThat(truncated.getMessage()).startsWith("the request body ends inside a JSON value");
        assertThat(garbled.code()).isEqualTo("MALFORMED_JSON");
        assertThat(garbled.getMessage()).isEqualTo("the request body is not well-formed JSON (line 1, column 6)")
                .doesNotContain("tru", "JsonReadFeature");
    }

    @Test
    void shouldTranslateBindingProblemsToInvalidRequestWithTheField() {
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

        ApiException unknown = translateBinding(strict, "{\"id\":\"o-1\",\"colour\":\"red\"}");
        ApiException wrongType = translateBinding(strict, "{\"id\":\"o-1\",\"items\":[1,\"two\"]}");

        assertThat(unknown.code()).isEqualTo("INVALID_REQUEST");
        assertThat(unknown.details()).containsExactly(FieldProblem.of("colour", "unknown field"));
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.details()).containsExactly(FieldProblem.of("items[1]", "has the wrong type or format"));
    }

    @Test
    void shouldTreatATypeJacksonCannotBindAsAServerError() {
        ApiException e = JacksonErrors.translate(catchThrowableOfType(JsonProcessingException.class,
                () -> LENIENT.readValue("{}", Runnable.class)));

        assertThat(e.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.getCause()).isNotNull();
    }

    private static ApiException translate(ObjectMapper mapper, String json) {
        return translate(mapper, json.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiException translate(ObjectMapper mapper, byte[] json) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> {
            try (JsonParser parser = mapper.createParser(json)) {
                while (parser.nextToken() != null) {
                    parser.getText();
                }
            }
        });
        assertThat(e).as("Jackson must refuse %s", new String(json, StandardCharsets.UTF_8)).isNotNull();
        return JacksonErrors.translate(e);
    }

    private static ApiException translateBinding(ObjectMapper mapper, String json) {
        return JacksonErrors.translate(catchThrowableOfType(JsonProcessingException.class,
                () -> mapper.readValue(json, Order.class)));
    }
}
