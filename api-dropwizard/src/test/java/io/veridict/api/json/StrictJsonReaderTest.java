package io.veridict.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.ErrorCode;
import io.veridict.api.errors.FieldProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonReaderTest {

    private static final String JSON = "application/json";
    private static final JsonLimits DEFAULTS = new JsonLimits(1024 * 1024, 32, 2000, 64 * 1024);

    private final StrictJsonReader reader = new StrictJsonReader(DEFAULTS);

    @Test
    void shouldReadAnObjectWithEveryKindOfValue() {
        ObjectNode body = read("{\"s\":\"x\\u00e9\",\"i\":-42,\"f\":0.5,\"t\":true,\"n\":null,\"a\":[1,{\"b\":[]}],\"o\":{}}");

        assertThat(body.get("s").textValue()).isEqualTo("xé");
        assertThat(body.get("i").longValue()).isEqualTo(-42);
        assertThat(body.get("f").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(body.get("t").booleanValue()).isTrue();
        assertThat(body.get("n").isNull()).isTrue();
        assertThat(body.get("a").get(1).get("b").isArray()).isTrue();
        assertThat(body.get("o").isObject()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "APPLICATION/JSON", "application/json; charset=utf-8",
        "application/json;charset=UTF-8", "application/json; charset=\"utf-8\"", "application/json;"})
    void shouldAcceptJsonDeclaredWithOrWithoutUtf8Charset(String contentType) {
        assertThat(reader.read(bytes("{}"), contentType, 2)).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"text/plain", "application/json; charset=iso-8859-1", "application/json; charset=utf-16",
        "application/vnd.veridict+json", "application/json; profile=x", "application/x-www-form-urlencoded", ""})
    void shouldRefuseAnyOtherContentTypeWith415(String contentType) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> reader.read(bytes("{}"), contentType, 2));

        assertThat(e.status()).isEqualTo(415);
        assertThat(e.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(e.getMessage()).isEqualTo("the request body must be application/json (charset utf-8, if given)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":}", "{'a':1}", "{\"a\":1,}", "{a:1}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":tru}",
        "{\"a\":\"\u0001\"}", "{\"a\" 1}", "[1 2]"})
    void shouldRefuseMalformedJson(String json) {
        ApiException e = refused(json);

        assertThat(e.code()).isEqualTo("MALFORMED_JSON");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("the request body is not well-formed JSON (line 1, column ");
    }

    @Test
    void shouldRefuseATruncatedBody() {
        ApiException e = refused("{\"a\":[1,2");

        assertThat(e.code()).isEqualTo("MALFORMED_JSON");
        assertThat(e.getMessage()).startsWith("the request body ends inside a JSON value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} x", "{}{}", "{} []", "{} // comment", "{}\n\"more\""})
    void shouldRefuseDataAfterTheValue(String json) {
        ApiException e = refused(json);

        assertThat(e.code()).isEqualTo("MALFORMED_JSON");
        assertThat(e.getMessage()).isEqualTo("the request body has data after the JSON value");
    }

    @Test
    void shouldAcceptWhitespaceAroundTheValue() {
        assertThat(read(" \t\r\n{\"a\":1} \n").get("a").intValue()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void shouldRefuseAnEmptyBody(String json) {
        ApiException e = refused(json);

        assertThat(e.code()).isEqualTo("MALFORMED_JSON");
        assertThat(e.getMessage()).startsWith(json.isEmpty() ? "the request body is empty" : "the request body ends");
    }

    @Test
    void shouldRefuseComments() {
        assertThat(refused("{/* c */\"a\":1}").code()).isEqualTo("MALFORMED_JSON");
        assertThat(refused("{\"a\":1 # c\n}").code()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void shouldRefuseADuplicateKeyDeepInTheDocumentNamingItsPath() {
        ApiException e = refused("{\"a\":{\"b\":[0,{\"c\":1,\"d\":2,\"c\":3}]}}");

        assertThat(e.code()).isEqualTo("DUPLICATE_JSON_KEY");
        assertThat(e.details()).containsExactly(FieldProblem.of("a.b[1].c", "appears more than once in its object"));
    }

    @Test
    void shouldCompareMemberNamesAfterUnescaping() {
        assertThat(refused("{\"ab\":1,\"a\\u0062\":2}").code()).isEqualTo("DUPLICATE_JSON_KEY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+Infinity"})
    void shouldRefuseNonFiniteNumbers(String literal) {
        ApiException e = refused("{\"x\":" + literal + "}");

        assertThat(e.code()).isEqualTo("NON_FINITE_NUMBER");
        assertThat(e.getMessage()).startsWith("NaN and infinities are not JSON numbers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9007199254740993", "-9007199254740993", "1e400", "-1E400", "1e-400",
        "0.30000000000000001", "123456789012345678901234567890"})
    void shouldRefuseNumbersThatCanonicalJsonWouldChange(String number) {
        ApiException e = refused("{\"context\":{\"n\":[" + number + "]}}");

        assertThat(e.code()).isEqualTo("NUMBER_NOT_REPRESENTABLE");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.details()).containsExactly(
                FieldProblem.of("context.n[0]", "is not exactly representable as an IEEE-754 double"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1", "9007199254740992", "-9007199254740992", "1e21", "100000000000000000000",
        "5e-324", "1.7976931348623157e308", "-0", "1.50", "2.5E-3"})
    void shouldAcceptNumbersThatKeepTheirValue(String number) {
        JsonNode n = read("{\"n\":" + number + "}").get("n");

        assertThat(n.decimalValue()).isEqualByComparingTo(new BigDecimal(number));
    }

    @Test
    void shouldKeepSmallIntegersAsIntegersAndDecimalsExactly() {
        ObjectNode body = read("{\"i\":123456789012345,\"big\":100000000000000000000,\"f\":1.50}");

        assertThat(body.get("i").isIntegralNumber()).isTrue();
        assertThat(body.get("big").isBigInteger()).isTrue();
        assertThat(body.get("f").isBigDecimal()).isTrue();
        assertThat(body.get("f").decimalValue().toPlainString()).isEqualTo("1.5");
    }

    @Test
    void shouldRefuseNumbersLongerThanAnyDouble() {
        ApiException e = refused("{\"n\":1" + "0".repeat(JsonLimits.MAX_NUMBER_CHARS) + "}");

        assertThat(e.code()).isEqualTo("NUMBER_NOT_REPRESENTABLE");
        assertThat(e.getMessage()).startsWith("a number has too many characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FF", "C0AF", "E080AF", "EDA080", "F4908080", "C3", "80"})
    void shouldRefuseBytesThatAreNotWellFormedUtf8(String hex) {
        ApiException e = refused(concat("{\"a\":\"".getBytes(StandardCharsets.UTF_8), hex(hex),
                "\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(e.code()).isEqualTo("INVALID_UTF8");
        assertThat(e.getMessage()).isEqualTo("the request body is not well-formed UTF-8");
    }

    @Test
    void shouldRefuseATruncatedMultiByteSequenceAtTheEnd() {
        assertThat(refused(concat("{}".getBytes(StandardCharsets.UTF_8), hex("E282"))).code())
                .isEqualTo("INVALID_UTF8");
    }

    @Test
    void shouldAcceptMultiByteCharactersAndEscapedPairs() {
        ObjectNode body = read("{\"a\":\"€ 😀 \\ud83d\\ude00\"}");

        assertThat(body.get("a").textValue()).isEqualTo("€ 😀 😀");
    }

    @Test
    void shouldRefuseAByteOrderMark() {
        ApiException e = refused(concat(hex("EFBBBF"), "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(e.code()).isEqualTo("INVALID_UTF8");
        assertThat(e.getMessage()).isEqualTo("the request body starts with a byte order mark");
    }

    @Test
    void shouldNotGuessUtf16() {
        assertThat(refused(hex("7B007D00")).code()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void shouldRefuseUnpairedSurrogateEscapesInValuesAndNames() {
        ApiException value = refused("{\"a\":{\"b\":\"x\\ud800y\"}}");
        ApiException name = refused("{\"a\":{\"\\udc00\":1}}");

        assertThat(value.code()).isEqualTo("INVALID_UTF8");
        assertThat(value.details()).containsExactly(FieldProblem.of("a.b", "holds an unpaired surrogate"));
        assertThat(name.details()).containsExactly(FieldProblem.of("a", "has a member name with an unpaired surrogate"));
    }

    @Test
    void shouldAcceptNestingUpToTheLimit() {
        assertThat(read(nested(32))).isNotNull();
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimit() {
        ApiException e = refused(nested(33));

        assertThat(e.code()).isEqualTo("NESTING_TOO_DEEP");
        assertThat(e.getMessage()).startsWith("objects and arrays are nested too deeply");
    }

    @Test
    void shouldAcceptAsManyFieldsAsTheLimit() {
        assertThat(read(withFields(2000)).size()).isEqualTo(2000);
    }

    @Test
    void shouldRefuseMoreFieldsThanTheLimitCountingEveryDepth() {
        ApiException flat = refused(withFields(2001));
        ApiException nested = refused("{\"x\":" + withFields(2000) + "}");

        assertThat(flat.code()).isEqualTo("TOO_MANY_FIELDS");
        assertThat(flat.getMessage()).isEqualTo("the request body has more than 2000 object members");
        assertThat(nested.code()).isEqualTo("TOO_MANY_FIELDS");
    }

    @Test
    void shouldMeasureStringsInUtf8Bytes() {
        StrictJsonReader small = new StrictJsonReader(new JsonLimits(1024 * 1024, 32, 2000, 1024));
        String fits = "€".repeat(341); // 1023 bytes
        String tooLong = "€".repeat(342); // 1026 bytes, only 342 characters

        assertThat(small.read(bytes("{\"s\":\"" + fits + "\"}"), JSON, -1).get("s").textValue()).isEqualTo(fits);
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> small.read(bytes("{\"o\":{\"s\":\"" + tooLong + "\"}}"), JSON, -1));
        assertThat(e.code()).isEqualTo("STRING_TOO_LONG");
        assertThat(e.details()).containsExactly(FieldProblem.of("o.s", "is longer than 1024 bytes"));
    }

    @Test
    void shouldRefuseLongMemberNamesAtThePathOfTheirObject() {
        StrictJsonReader small = new StrictJsonReader(new JsonLimits(1024 * 1024, 32, 2000, 1024));

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> small.read(bytes("{\"o\":{\"" + "n".repeat(1025) + "\":1}}"), JSON, -1));

        assertThat(e.code()).isEqualTo("STRING_TOO_LONG");
        assertThat(e.details()).containsExactly(FieldProblem.of("o", "has a member name that is too long"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"text/plain", "application/xml"})
    void shouldRefuseADeclaredLengthOverTheLimitWhateverTheContentType(String contentType) {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> reader.read(bytes("{}"), contentType, 3_000_000_000L));

        assertThat(e.code()).isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    void shouldRefuseADeclaredLengthOverTheLimitWithoutReadingTheBody() {
        StrictJsonReader small = new StrictJsonReader(new JsonLimits(100, 32, 2000, 64));
        InputStream unreadable = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the body must not be read");
            }
        };

        ApiException e = catchThrowableOfType(ApiException.class, () -> small.read(unreadable, JSON, 101));

        assertThat(e.status()).isEqualTo(413);
        assertThat(e.code()).isEqualTo("BODY_TOO_LARGE");
        assertThat(e.getMessage()).isEqualTo("the request body is larger than 100 bytes");
    }

    @Test
    void shouldRefuseAnUndeclaredBodyOverTheLimitWhileCountingIt() {
        StrictJsonReader small = new StrictJsonReader(new JsonLimits(100, 32, 2000, 64));
        String body = "{\"a\":\"" + "x".repeat(60) + "\"}" + " ".repeat(100 - 68 + 1); // 101 bytes

        ApiException e = catchThrowableOfType(ApiException.class, () -> small.read(bytes(body), JSON, -1));

        assertThat(e.code()).isEqualTo("BODY_TOO_LARGE");
        assertThat(e.status()).isEqualTo(413);
    }

    @Test
    void shouldCountBytesEvenWhenTheDeclaredLengthLies() {
        StrictJsonReader small = new StrictJsonReader(new JsonLimits(100, 32, 2000, 64));
        String body = "{}" + " ".repeat(200);

        assertThat(catchThrowableOfType(ApiException.class, () -> small.read(bytes(body), JSON, 2)).code())
                .isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    void shouldAcceptABodyOfExactlyTheLimit() {
        StrictJsonReader small = new StrictJsonReader(new JsonLimits(100, 32, 2000, 64));
        String body = "{}" + " ".repeat(98);

        assertThat(small.read(bytes(body), JSON, 100)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "1", "null", "true"})
    void shouldRefuseARootThatIsNotAnObject(String json) {
        ApiException e = refused(json);

        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.getMessage()).isEqualTo("the request body must be a JSON object");
    }

    @Test
    void shouldReportABodyThatBreaksOffAsIncomplete() {
        InputStream broken = new SequenceInputStream(bytes("{\"a\":"), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });

        ApiException e = catchThrowableOfType(ApiException.class, () -> reader.read(broken, JSON, -1));

        assertThat(e.code()).isEqualTo("BODY_INCOMPLETE");
        assertThat(e.status()).isEqualTo(400);
    }

    private ObjectNode read(String json) {
        return reader.read(bytes(json), JSON, -1);
    }

    private ApiException refused(String json) {
        return refused(json.getBytes(StandardCharsets.UTF_8));
    }

    private ApiException refused(byte[] body) {
        return catchThrowableOfType(ApiException.class,
                () -> reader.read(new ByteArrayInputStream(body), JSON, body.length));
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** An object whose innermost value sits at {@code depth} levels of objects and arrays. */
    private static String nested(int depth) {
        StringBuilder json = new StringBuilder("{\"a\":");
        json.append("[".repeat(depth - 1)).append("1").append("]".repeat(depth - 1)).append("}");
        return json.toString();
    }

    private static String withFields(int count) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        }
        return json.append("}").toString();
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
