package io.veridict.schemas.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The fast path may only ever say "canonical" for text the full canonicaliser returns
 * unchanged, and should say it for what the canonicaliser writes.
 */
class CanonicalTextScannerTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "0", "-1", "123456789012345", "1.5", "-0.001", "1e+21", "1.5e-7", "\"\"",
            "true", "false", "null", "{\"a\":1,\"b\":[true,null,\"x\"]}", "{\"\":1,\"a\":2,\"aa\":3}",
            "\"\\b\\t\\n\\f\\r\\\"\\\\\"", "\"\\u0000\\u001f\\u000b\"", "\"é😀\u007f\u2028\"",
            "{\"A\":1,\"a\":2}", "[[[[{}]]]]", "9007199254740991", "0.1"})
    void shouldRecogniseCanonicalText(String text) {
        assertThat(CanonicalTextScanner.isCanonical(text)).isTrue();
        assertThat(canonical(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " {}", "{} ", "{ }", "{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":2}", "-0", "01", "1.0", "1E2",
            "1e2", "+1", ".5", "1.", "100000000000000000000000", "0.10", "\"\\/\"", "\"\\u0041\"", "\"\\u000A\"",
            "\"\\u000a\"", "\"\\u001F\"", "\"\\ud83d\\ude00\"", "\"\t\"", "[1,]", "{\"a\":}", "{\"a\"1}", "tru",
            "nulls", "[1 ]", "NaN", "Infinity", "\"abc", "{\"\\u0061\":1}", "1-2", "[1]x"})
    void shouldLeaveEverythingElseToTheFullParser(String text) {
        assertThat(CanonicalTextScanner.isCanonical(text)).isFalse();
    }

    @Test
    void shouldLeaveLoneSurrogatesToTheFullParser() {
        assertThat(CanonicalTextScanner.isCanonical("\"\uD800\"")).isFalse();
        assertThat(CanonicalTextScanner.isCanonical("\"\uDC00x\"")).isFalse();
        assertThat(CanonicalTextScanner.isCanonical("\"\uD83D\"")).isFalse();
    }

    @Test
    void shouldLeaveVeryDeepNestingAndLongNamesToTheFullParser() {
        String deep = "[".repeat(CanonicalTextScanner.MAX_DEPTH + 1) + "]".repeat(CanonicalTextScanner.MAX_DEPTH + 1);
        String longName = "{\"" + "n".repeat(CanonicalTextScanner.MAX_NAME_LENGTH + 1) + "\":1}";

        assertThat(CanonicalTextScanner.isCanonical(deep)).isFalse();
        assertThat(CanonicalTextScanner.isCanonical(longName)).isFalse();
        assertThat(CanonicalJson.canonicalText(longName)).isEqualTo(longName);
    }

    @Test
    void shouldAgreeWithTheCanonicaliserOnEveryVector() throws IOException {
        JsonNode vectors = new ObjectMapper().readTree(Files.readString(TestVectorGenerator.locate().resolve("canonical-json.json")));
        for (JsonNode valid : vectors.get("valid")) {
            String input = valid.get("input").textValue();
            String canonical = valid.get("canonical").textValue();
            assertSafe(input);
            assertThat(CanonicalTextScanner.isCanonical(canonical)).as(valid.get("name").textValue())
                    .isEqualTo(!canonical.contains("\":") || !hasEscapedName(canonical));
            assertThat(CanonicalJson.canonicalText(input)).isEqualTo(canonical);
        }
        for (JsonNode invalid : vectors.get("invalid")) {
            if (invalid.has("input")) {
                assertThat(CanonicalTextScanner.isCanonical(invalid.get("input").textValue()))
                        .as(invalid.get("name").textValue()).isFalse();
            }
        }
    }

    @Test
    void shouldOnlyEverAcceptFixedPointsOfTheCanonicaliserOnRandomText() {
        Random random = new Random(20261123);
        int recognised = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = randomJson(random, 0);
            assertSafe(text);
            String canonical = canonical(text);
            if (canonical != null) {
                if (CanonicalTextScanner.isCanonical(canonical)) {
                    recognised++;
                }
                assertSafe(canonical);
            }
        }
        // canonical output is recognised unless a member name needs an escape
        assertThat(recognised).isGreaterThan(10_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.5", "-0.5", "2500.5", "0.000001", "-0.000001", "123456789.012345", "0.123456789012345",
            "0.00000123456789012345", "99999999999999.9", "1.00000000000001"})
    void shouldRecogniseShortDecimalsAsTheyAreWritten(String text) {
        assertThat(CanonicalTextScanner.isCanonical(text)).isTrue();
        assertThat(canonical(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0000001", "00.5", "-00.5", "0.50", "1.", "-.5", "1.5.1", "1.5-", "0.-5"})
    void shouldRefuseDecimalsTheCanonicaliserWritesOtherwise(String text) {
        assertThat(CanonicalTextScanner.isCanonical(text)).isFalse();
    }

    @Test
    void shouldAgreeWithTheCanonicaliserOnRandomDecimals() {
        Random random = new Random(20261207);
        int recognised = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            int integerDigits = random.nextInt(17);
            text.append(integerDigits == 0 ? "0" : Integer.toString(1 + random.nextInt(9)));
            for (int d = 1; d < integerDigits; d++) {
                text.append(random.nextInt(10));
            }
            text.append('.');
            int zeros = random.nextInt(4) == 0 ? random.nextInt(9) : 0;
            text.append("0".repeat(zeros));
            int fractionDigits = 1 + random.nextInt(17);
            for (int d = 0; d < fractionDigits; d++) {
                text.append(random.nextInt(10));
            }
            if (random.nextInt(8) == 0) {
                text.append('0');
            }
            String decimal = text.toString();
            assertSafe(decimal);
            recognised += CanonicalTextScanner.isCanonical(decimal) ? 1 : 0;
        }
        assertThat(recognised).isGreaterThan(30_000);
    }

    /** Whatever the scanner accepts, the canonicaliser returns unchanged. */
    private static void assertSafe(String text) {
        if (CanonicalTextScanner.isCanonical(text)) {
            assertThat(canonical(text)).as(text).isEqualTo(text);
        }
    }

    private static String canonical(String text) {
        try {
            return new String(CanonicalJson.canonicalize(text), StandardCharsets.UTF_8);
        } catch (CanonicalJsonException e) {
            return null;
        }
    }

    private static boolean hasEscapedName(String canonical) {
        return canonical.matches("(?s).*\"[^\"]*\\\\[^\"]*\":.*");
    }

    private static final String[] ATOMS = {"0", "-0", "1", "-7", "01", "1.0", "1.5", "2e3", "1E+2", "0.000001", "1e-7",
            "123456789012345678", "9007199254740993", "true", "false", "null", "\"\"", "\"a\"", "\"\\u0041\"",
            "\"\\u001f\"", "\"\\n\"", "\"\\/\"", "\"é\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"", "1e400", "-", "\"x"};
    private static final String[] NAMES = {"a", "b", "A", "aa", "", "\\u0062", "é", "\\t", "z", "10", "9"};

    private static String randomJson(Random random, int depth) {
        int kind = depth > 3 ? 0 : random.nextInt(4);
        String ws = random.nextInt(10) == 0 ? " " : "";
        if (kind == 0 || kind == 1) {
            return ws + ATOMS[random.nextInt(ATOMS.length)] + ws;
        }
        List<String> items = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String value = randomJson(random, depth + 1);
            items.add(kind == 2 ? value : "\"" + NAMES[random.nextInt(NAMES.length)] + "\":" + value);
        }
        if (kind == 3 && random.nextBoolean()) {
            items.sort(null);
        }
        return kind == 2 ? "[" + String.join(",", items) + "]" : "{" + ws + String.join(",", items) + "}";
    }
}
