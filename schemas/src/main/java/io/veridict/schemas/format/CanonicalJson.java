package io.veridict.schemas.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), with the ledger's strict input rules. Payload
 * bytes are the canonical text of the payload object, and the payload hash is the SHA-256 of
 * those bytes, so every producer and verifier must agree on them byte for byte.
 *
 * <p>Input rules (spec §3.1): UTF-8 without a byte order mark; exactly one JSON value,
 * optionally surrounded by whitespace; no duplicate member names; no NaN or infinities; no
 * unpaired surrogates; and every number must survive canonicalisation with its decimal value
 * unchanged (spec §3.3), otherwise it is rejected, never silently rounded.
 *
 * @see "docs/ledger-format.md §3 Canonical JSON"
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /**
     * Canonicalises a JSON tree. Integral and {@code BigDecimal} nodes follow the exactness rule
     * of spec §3.3; double and float nodes are taken as the IEEE-754 values they hold.
     *
     * @param value the JSON value
     * @return the canonical UTF-8 bytes
     * @throws CanonicalJsonException if the tree holds a non-finite or inexact number, an unpaired
     *         surrogate, or a node with no JSON meaning
     * @see "docs/ledger-format.md §3.2 Serialisation"
     */
    public static byte[] canonicalize(JsonNode value) {
        return CanonicalJsonWriter.write(Objects.requireNonNull(value, "value"));
    }

    /**
     * Parses UTF-8 JSON text strictly and returns its canonical form.
     *
     * @param utf8Json JSON text as UTF-8 bytes
     * @return the canonical UTF-8 bytes
     * @throws CanonicalJsonException with the reason the input was rejected
     * @see "docs/ledger-format.md §3 Canonical JSON"
     */
    public static byte[] canonicalize(byte[] utf8Json) {
        return canonicalize(parseStrict(utf8Json));
    }

    /**
     * Parses JSON text strictly and returns its canonical form.
     *
     * @param jsonText JSON text
     * @return the canonical UTF-8 bytes
     * @throws CanonicalJsonException with the reason the input was rejected
     * @see "docs/ledger-format.md §3 Canonical JSON"
     */
    public static byte[] canonicalize(String jsonText) {
        return canonicalize(parseStrict(jsonText));
    }

    /**
     * Parses UTF-8 JSON text under the input rules of spec §3.1. Numbers are kept exactly:
     * integers as integral nodes, other numbers as {@code BigDecimal} nodes.
     *
     * @param utf8Json JSON text as UTF-8 bytes
     * @return the tree
     * @throws CanonicalJsonException with the reason the input was rejected
     * @see "docs/ledger-format.md §3.1 Input"
     */
    public static JsonNode parseStrict(byte[] utf8Json) {
        return StrictJsonParser.parse(Objects.requireNonNull(utf8Json, "utf8Json"));
    }

    /**
     * Parses JSON text under the input rules of spec §3.1 (the byte-level rules are moot).
     *
     * @param jsonText JSON text
     * @return the tree
     * @throws CanonicalJsonException with the reason the input was rejected
     * @see "docs/ledger-format.md §3.1 Input"
     */
    public static JsonNode parseStrict(String jsonText) {
        return StrictJsonParser.parse(Objects.requireNonNull(jsonText, "jsonText"));
    }

    /**
     * The canonical text of JSON text. Text that already is canonical (as the API and the
     * chain write it) is recognised in one pass and returned as it is; anything else is parsed
     * strictly and canonicalised, exactly as {@link #canonicalize(String)} does.
     *
     * @param jsonText JSON text
     * @return its canonical text
     * @throws CanonicalJsonException with the reason the input was rejected
     * @see "docs/ledger-format.md §3 Canonical JSON"
     */
    public static String canonicalText(String jsonText) {
        Objects.requireNonNull(jsonText, "jsonText");
        if (CanonicalTextScanner.isCanonical(jsonText)) {
            return jsonText;
        }
        return new String(canonicalize(jsonText), StandardCharsets.UTF_8);
    }

    /**
     * Tells whether bytes are already canonical: valid input whose canonical form is the bytes
     * themselves. Verifiers use it to check that stored payloads were canonicalised.
     *
     * @param utf8Json candidate bytes
     * @return {@code true} iff {@code canonicalize(utf8Json)} succeeds and equals {@code utf8Json}
     * @see "docs/ledger-format.md §3 Canonical JSON"
     */
    public static boolean isCanonical(byte[] utf8Json) {
        try {
            return Arrays.equals(canonicalize(utf8Json), utf8Json);
        } catch (CanonicalJsonException e) {
            return false;
        }
    }
}
