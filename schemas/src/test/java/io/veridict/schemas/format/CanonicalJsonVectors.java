package io.veridict.schemas.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.schemas.format.CanonicalJsonException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds {@code docs/test-vectors/canonical-json.json}; the expectations are written by hand. */
final class CanonicalJsonVectors {

    private final ArrayNode valid = JsonNodeFactory.instance.arrayNode();
    private final ArrayNode invalid = JsonNodeFactory.instance.arrayNode();

    static ObjectNode build() {
        CanonicalJsonVectors v = new CanonicalJsonVectors();
        v.structure();
        v.strings();
        v.numbers();
        v.rejected();
        ObjectNode root = JsonNodeFactory.instance.objectNode()
                .put("description", "RFC 8785 canonical JSON under the Veridict input rules (docs/ledger-format.md §3). "
                        + "valid: canonicalise 'input' (UTF-8) and compare with the UTF-8 bytes of 'canonical' "
                        + "(also given as 'canonical_hex'). invalid: the input ('input' as UTF-8, or the raw "
                        + "bytes 'input_hex') MUST be rejected; 'reason' is the Veridict reason code (informative).");
        root.set("valid", v.valid);
        root.set("invalid", v.invalid);
        return root;
    }

    private void structure() {
        valid("empty-object", "{ }");
        valid("empty-array", "[ ]");
        valid("literals", "[ true , false , null ]");
        valid("top-level-string", "\"veridict\"");
        valid("top-level-number-with-whitespace", " 42 ");
        valid("whitespace-removed", " {\n  \"b\" : [ 1 , 2 ] ,\t\"a\" : { }\r\n} ");
        valid("keys-sorted-ascii", "{\"b\":1,\"a\":2,\"A\":3,\"aa\":4,\"\":5,\"a \":6}");
        valid("keys-sorted-by-utf16-code-units",
                "{\"\\uff21\":\"fullwidth A\",\"\\ud83e\\udd8a\":\"fox, U+1F98A\",\"z\":\"z\",\"\\u00e9\":\"e acute\","
                        + "\"10\":\"ten\",\"9\":\"nine\",\"\\t\":\"tab\",\"\\u007f\":\"delete\"}");
        valid("keys-sorted-at-every-level", "{\"z\":{\"b\":[{\"d\":1,\"c\":2}],\"a\":null},\"y\":[{\"q\":{\"s\":1,\"r\":2}}]}");
        valid("keys-compared-after-unescaping", "{\"\\u0062\":1,\"a\":2}");
        valid("arrays-keep-their-order", "[3,1,2,[\"b\",\"a\"]]");
        valid("payload-decision", """
                {
                  "kind": "decision", "decision_id": "loan-2025-0001",
                  "context": {"channel": "web", "applicant": "app-829", "amount_eur": 25000},
                  "decision": {"outcome": "APPROVE", "limit_eur": 25000.0},
                  "policy": {"version": "7", "id": "credit-limit"},
                  "violations": [], "metadata": null, "evidence": []
                }""");
        valid("payload-key-operation", """
                {"reason": null, "expires_at": "2026-06-15T00:00:00.000Z", "scopes": ["decisions:write", "decisions:read"],
                 "key_id": "key_live_Zx81", "operation": "CREATED", "kind": "key_operation"}""");
    }

    private void strings() {
        valid("string-short-escapes", "\"\\b\\t\\n\\f\\r\\\"\\\\\"");
        valid("string-other-controls-as-lowercase-u-escapes", "\"\\u0000\\u0001\\u000B\\u001F\"");
        valid("string-delete-is-not-escaped", "\"\\u007f\"");
        valid("string-solidus-is-not-escaped", "\"\\/a/b\"");
        valid("string-escaped-unicode-becomes-utf8", "\"\\u00e9\\u20AC\\ud83e\\udd8a\"");
        valid("string-raw-unicode-is-kept", "\"Grüße, 世界 🦊\"");
        valid("string-line-separators-are-not-escaped", "\"\\u2028\\u2029\"");
        valid("string-no-unicode-normalisation", "[\"\\u00e9\",\"e\\u0301\"]");
    }

    private void numbers() {
        valid("numbers-integers", "[0, -0, 1, -1, 9007199254740992, -9007199254740992, 295147905179352830000, 1e20, 1e21]");
        valid("numbers-exponents", "[1e2, 1E+2, 1e-2, 100e-2, 0.5e1, 123.456e-3, 1e-6, 1e-7, 1.5e300, 0e99999999999]");
        valid("numbers-fractions", "[0.1, 0.30000000000000004, -0.0, 1.0, 1.50, 1424953923781206.2]");
        valid("numbers-ieee-edge-cases",
                "[5e-324, -5e-324, 1.7976931348623157e308, -1.7976931348623157e308, 9.999999999999997e22, 1e23, "
                        + "1.0000000000000001e23, 999999999999999700000, 999999999999999900000, 9.999999999999997e-7, "
                        + "0.000001, 333333333.3333332, 333333333.33333325, 333333333.3333333, 333333333.3333334, "
                        + "333333333.33333343, -0.0000033333333333333333]");
    }

    private void rejected() {
        invalid("duplicate-key", "{\"a\":1,\"a\":2}", Reason.DUPLICATE_KEY);
        invalid("duplicate-key-after-unescaping", "{\"a\":1,\"\\u0061\":1}", Reason.DUPLICATE_KEY);
        invalid("duplicate-key-nested", "[{\"x\":{\"k\":1,\"k\":1}}]", Reason.DUPLICATE_KEY);
        invalid("nan", "NaN", Reason.NON_FINITE_NUMBER);
        invalid("infinity", "[Infinity]", Reason.NON_FINITE_NUMBER);
        invalid("negative-infinity", "{\"x\":-Infinity}", Reason.NON_FINITE_NUMBER);
        invalid("number-beyond-double-range", "1e400", Reason.NUMBER_OUT_OF_RANGE);
        invalid("integer-2^53+1-would-round", "9007199254740993", Reason.INEXACT_NUMBER);
        invalid("integer-2^64-1-would-round", "18446744073709551615", Reason.INEXACT_NUMBER);
        invalid("decimal-with-too-many-digits", "0.10000000000000000001", Reason.INEXACT_NUMBER);
        invalid("rfc8785-sample-number-that-plain-jcs-rounds", "333333333.33333329", Reason.INEXACT_NUMBER);
        invalid("exact-double-written-longer-than-its-canonical-form", "295147905179352825856", Reason.INEXACT_NUMBER);
        invalid("smallest-double-in-long-form", "4.9406564584124654e-324", Reason.INEXACT_NUMBER);
        invalid("number-underflows-to-zero", "1e-400", Reason.INEXACT_NUMBER);
        invalid("trailing-token", "{} x", Reason.TRAILING_DATA);
        invalid("two-values", "{}{}", Reason.TRAILING_DATA);
        invalid("two-arrays", "[1] [2]", Reason.TRAILING_DATA);
        invalid("empty-input", "", Reason.MALFORMED_JSON);
        invalid("whitespace-only", " \n ", Reason.MALFORMED_JSON);
        invalid("trailing-comma", "{\"a\":1,}", Reason.MALFORMED_JSON);
        invalid("leading-zero", "[01]", Reason.MALFORMED_JSON);
        invalid("plus-sign", "+1", Reason.MALFORMED_JSON);
        invalid("bare-fraction", ".5", Reason.MALFORMED_JSON);
        invalid("dot-without-digits", "1.", Reason.MALFORMED_JSON);
        invalid("single-quotes", "{'a':1}", Reason.MALFORMED_JSON);
        invalid("unquoted-key", "{a:1}", Reason.MALFORMED_JSON);
        invalid("comment", "/*c*/{}", Reason.MALFORMED_JSON);
        invalid("invalid-escape", "\"\\x41\"", Reason.MALFORMED_JSON);
        invalid("raw-control-character-in-string", "\"a\tb\"", Reason.MALFORMED_JSON);
        invalid("unterminated-array", "[1", Reason.MALFORMED_JSON);
        invalid("missing-colon", "{\"a\" 1}", Reason.MALFORMED_JSON);
        invalid("lone-high-surrogate", "\"\\ud800\"", Reason.LONE_SURROGATE);
        invalid("lone-low-surrogate", "\"\\udc00x\"", Reason.LONE_SURROGATE);
        invalid("lone-surrogate-in-key", "{\"\\ud83e\":1}", Reason.LONE_SURROGATE);
        invalidHex("byte-order-mark", "efbbbf7b7d", Reason.BYTE_ORDER_MARK);
        invalidHex("utf8-bad-continuation-byte", "22c32822", Reason.INVALID_UTF8);
        invalidHex("utf8-overlong-encoding", "22c0af22", Reason.INVALID_UTF8);
        invalidHex("utf8-encoded-surrogate", "22eda08022", Reason.INVALID_UTF8);
        invalidHex("utf8-invalid-byte", "22ff22", Reason.INVALID_UTF8);
    }

    private void valid(String name, String input) {
        byte[] canonical = CanonicalJson.canonicalize(input);
        valid.addObject().put("name", name).put("input", input)
                .put("canonical", new String(canonical, StandardCharsets.UTF_8))
                .put("canonical_hex", HexFormat.of().formatHex(canonical));
    }

    private void invalid(String name, String input, Reason reason) {
        requireRejected(input.getBytes(StandardCharsets.UTF_8), reason);
        invalid.addObject().put("name", name).put("input", input).put("reason", reason.name());
    }

    private void invalidHex(String name, String inputHex, Reason reason) {
        requireRejected(HexFormat.of().parseHex(inputHex), reason);
        invalid.addObject().put("name", name).put("input_hex", inputHex).put("reason", reason.name());
    }

    private static void requireRejected(byte[] input, Reason reason) {
        try {
            CanonicalJson.canonicalize(input);
        } catch (CanonicalJsonException e) {
            if (e.reason() == reason) {
                return;
            }
            throw new IllegalStateException("expected " + reason + ", library says " + e.getMessage(), e);
        }
        throw new IllegalStateException("expected " + reason + ", library accepted the input");
    }
}
