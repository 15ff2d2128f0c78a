package io.veridict.schemas.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.format.CanonicalJsonException.Reason;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void whitespaceIsRemovedAndMembersAreSortedAtEveryLevel() {
        assertThat(text(" { \"b\" : [ 3 , { \"z\" : 1 , \"y\" : null } ] , \"a\" : { } } "))
                .isEqualTo("{\"a\":{},\"b\":[3,{\"y\":null,\"z\":1}]}");
    }

    @Test
    void membersAreSortedByUtf16CodeUnitsNotByCodePoints() {
        // U+1F98A (fox, surrogates D83E DD8A) sorts before U+FF21 in UTF-16, after it in code points
        assertThat(text("{\"\\uff21\":1,\"\\ud83e\\udd8a\":2,\"z\":3,\"\\u00e9\":4,\"10\":5,\"9\":6,\"\\t\":7}"))
                .isEqualTo("{\"\\t\":7,\"10\":5,\"9\":6,\"z\":3,\"é\":4,\"🦊\":2,\"Ａ\":1}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0|0", "-0|0", "-0.0|0", "1.0|1", "1e2|100", "1E+2|100", "100e-2|1", "0.5e1|5",
        "1e20|100000000000000000000", "1e21|1e+21", "0.000001|0.000001", "1e-7|1e-7",
        "9007199254740992|9007199254740992", "-9007199254740992|-9007199254740992",
        "5e-324|5e-324", "1.7976931348623157e308|1.7976931348623157e+308",
        "295147905179352830000|295147905179352830000", "9.999999999999997e22|9.999999999999997e+22",
        "1e23|1e+23", "1.0000000000000001e23|1.0000000000000001e+23",
        "999999999999999700000|999999999999999700000", "333333333.33333325|333333333.33333325",
        "-0.0000033333333333333333|-0.0000033333333333333333", "1424953923781206.2|1424953923781206.2",
        "0.1|0.1", "0.30000000000000004|0.30000000000000004", "123.456e-3|0.123456"})
    void numbersAreWrittenTheEcmaScriptWay(String input, String canonical) {
        assertThat(text(input)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} is rejected as {1}")
    @CsvSource(delimiter = '|', value = {
        "9007199254740993|INEXACT_NUMBER", "18446744073709551615|INEXACT_NUMBER",
        "0.10000000000000000001|INEXACT_NUMBER", "295147905179352825856|INEXACT_NUMBER",
        "4.9406564584124654e-324|INEXACT_NUMBER", "1e-400|INEXACT_NUMBER", "1e-99999999999|INEXACT_NUMBER",
        "1e400|NUMBER_OUT_OF_RANGE", "-1e99999999999|NUMBER_OUT_OF_RANGE",
        "NaN|NON_FINITE_NUMBER", "Infinity|NON_FINITE_NUMBER", "-Infinity|NON_FINITE_NUMBER"})
    void numbersThatCannotStayExactAreRejected(String input, Reason reason) {
        assertRejected(input, reason);
    }

    @Test
    void aNumberThatPlainJcsWouldRoundIsRejectedInstead() {
        // RFC 8785's own sample input holds 333333333.33333329, which plain JCS rounds to 333333333.3333333
        assertThatThrownBy(() -> CanonicalJson.canonicalize("[333333333.33333329]"))
                .isInstanceOfSatisfying(CanonicalJsonException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INEXACT_NUMBER);
                    assertThat(e).hasMessageContaining("would be written as 333333333.3333333");
                });
    }

    @Test
    void aZeroWithAHugeExponentIsStillZero() {
        assertThat(text("[0e99999999999,-0.000e-99999999999]")).isEqualTo("[0,0]");
    }

    @Test
    void stringsUseTheShortEscapesLowerCaseHexAndRawUnicode() {
        assertThat(text("\"\\u0000\\u0001\\u001F\\b\\t\\n\\f\\r \\\" \\\\ \\/ \\u007f \\u00E9 \\u2028 \\ud83e\\udd8a\""))
                .isEqualTo("\"\\u0000\\u0001\\u001f\\b\\t\\n\\f\\r \\\" \\\\ / \u007f é \u2028 🦊\"");
    }

    @ParameterizedTest(name = "{0} is rejected as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"a\":1,\"a\":2}|DUPLICATE_KEY", "{\"a\":1,\"\\u0061\":2}|DUPLICATE_KEY",
        "[{\"x\":{\"k\":1,\"k\":1}}]|DUPLICATE_KEY",
        "{} x|TRAILING_DATA", "{}{}|TRAILING_DATA", "1 2|TRAILING_DATA",
        "``|MALFORMED_JSON", "`  `|MALFORMED_JSON", "{\"a\":1,}|MALFORMED_JSON", "[01]|MALFORMED_JSON",
        "+1|MALFORMED_JSON", ".5|MALFORMED_JSON", "1.|MALFORMED_JSON", "{'a':1}|MALFORMED_JSON",
        "/*c*/{}|MALFORMED_JSON", "\"\\x\"|MALFORMED_JSON", "[1|MALFORMED_JSON", "{\"a\" 1}|MALFORMED_JSON",
        "\"\\ud800\"|LONE_SURROGATE", "\"\\udc00x\"|LONE_SURROGATE", "{\"\\ud83e\":1}|LONE_SURROGATE"})
    void invalidTextIsRejectedWithItsReason(String input, Reason reason) {
        assertRejected(input, reason);
    }

    @Test
    void anUnescapedControlCharacterInAStringIsMalformed() {
        assertRejected("\"a\tb\"", Reason.MALFORMED_JSON);
    }

    @ParameterizedTest(name = "{0} is rejected as {1}")
    @CsvSource({"efbbbf7b7d,BYTE_ORDER_MARK", "22c32822,INVALID_UTF8", "22c0af22,INVALID_UTF8",
        "22eda08022,INVALID_UTF8", "22ff22,INVALID_UTF8"})
    void invalidBytesAreRejectedWithTheirReason(String hex, Reason reason) {
        byte[] input = HexFormat.of().parseHex(hex);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(input))
                .isInstanceOfSatisfying(CanonicalJsonException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void nestingUpToTheParserLimitIsAcceptedAndDeeperIsRejected() {
        assertThat(text("[".repeat(1000) + "]".repeat(1000))).hasSize(2000);
        assertRejected("[".repeat(1001) + "]".repeat(1001), Reason.LIMIT_EXCEEDED);
    }

    @Test
    void treesFollowTheSameRulesAsText() {
        ObjectNode tree = NODES.objectNode();
        tree.put("long", 12L).put("double", 0.1).put("float", 0.5f).put("decimal", new BigDecimal("2.50"));
        tree.put("big", new BigInteger("9007199254740992")).put("s", "é");
        assertThat(new String(CanonicalJson.canonicalize(tree), StandardCharsets.UTF_8))
                .isEqualTo("{\"big\":9007199254740992,\"decimal\":2.5,\"double\":0.1,\"float\":0.5,\"long\":12,\"s\":\"é\"}");
    }

    @Test
    void treesWithInexactOrNonFiniteNumbersOrOddNodesAreRejected() {
        assertRejectedTree(NODES.numberNode(Long.MAX_VALUE), Reason.INEXACT_NUMBER);
        assertRejectedTree(NODES.numberNode(Double.NaN), Reason.NON_FINITE_NUMBER);
        assertRejectedTree(NODES.numberNode(Float.POSITIVE_INFINITY), Reason.NON_FINITE_NUMBER);
        assertRejectedTree(NODES.binaryNode(new byte[] {1}), Reason.UNSUPPORTED_NODE);
        assertRejectedTree(NODES.textNode("\ud800"), Reason.LONE_SURROGATE);
    }

    @Test
    void parseStrictKeepsNumbersExactAndIntegersIntegral() {
        JsonNode tree = CanonicalJson.parseStrict("{\"i\":1,\"l\":4294967296,\"d\":2.50,\"e\":1e2}");
        assertThat(tree.get("i").isInt()).isTrue();
        assertThat(tree.get("l").isLong()).isTrue();
        assertThat(tree.get("d").decimalValue()).isEqualTo(new BigDecimal("2.50"));
        assertThat(tree.get("e").isBigDecimal()).isTrue();
    }

    @Test
    void canonicalBytesAreRecognisedAndAnythingElseIsNot() {
        assertThat(CanonicalJson.isCanonical(utf8("{\"a\":[1,\"é\"],\"b\":null}"))).isTrue();
        assertThat(CanonicalJson.isCanonical(utf8("{\"b\":null,\"a\":[1,\"é\"]}"))).isFalse();
        assertThat(CanonicalJson.isCanonical(utf8("{\"a\": 1}"))).isFalse();
        assertThat(CanonicalJson.isCanonical(utf8("1.0"))).isFalse();
        assertThat(CanonicalJson.isCanonical(utf8("\"\\u00e9\""))).isFalse();
        assertThat(CanonicalJson.isCanonical(utf8("{\"a\":1,\"a\":1}"))).isFalse();
    }

    @Test
    void outputAgreesWithAnIndependentJcsImplementationOnValidInput() throws Exception {
        String input = "{\"numbers\":[333333333.3333333,1E30,4.50,2e-3,0.000001,-1e-7],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\","
                + "\"literals\":[null,true,false],\"\\u20ac\":\"Euro\",\"\\r\":\"CR\",\"\\ufb33\":\"Dalet\",\"1\":\"One\","
                + "\"\\ud83d\\ude00\":\"Smiley\",\"\\u0080\":\"Control\",\"\\u00f6\":\"o-umlaut\"}";
        assertThat(CanonicalJson.canonicalize(input)).isEqualTo(new JsonCanonicalizer(input).getEncodedUTF8());
    }

    private static String text(String json) {
        return new String(CanonicalJson.canonicalize(json), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRejected(String input, Reason reason) {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(input))
                .isInstanceOfSatisfying(CanonicalJsonException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        assertThatThrownBy(() -> CanonicalJson.canonicalize(utf8(input)))
                .isInstanceOfSatisfying(CanonicalJsonException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static void assertRejectedTree(JsonNode tree, Reason reason) {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(tree))
                .isInstanceOfSatisfying(CanonicalJsonException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
