package io.veridict.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.schemas.format.CanonicalJson;
import io.veridict.schemas.format.CanonicalJsonException;
import io.veridict.schemas.format.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * RFC 8785 canonical JSON text, through the ledger format library, so the API stores exactly
 * the bytes the ledger hashes and verifiers recompute.
 */
public final class CanonicalText {

    private CanonicalText() {
    }

    /**
     * The canonical JSON text of {@code value}.
     *
     * @throws CanonicalJsonException if the tree holds what RFC 8785 cannot express (never for a
     *         tree read by {@link StrictJsonReader})
     */
    public static String of(JsonNode value) {
        return new String(CanonicalJson.canonicalize(value), StandardCharsets.UTF_8);
    }

    /**
     * The canonical text of one JSON number token, e.g. {@code "1.50"} gives {@code "1.5"}.
     *
     * @throws CanonicalJsonException if the number would change value in canonical form
     */
    static String ofNumber(String jsonNumber) {
        return new String(CanonicalJson.canonicalize(jsonNumber), StandardCharsets.UTF_8);
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text} ({@link Sha256}, the format library's). */
    public static String sha256Hex(String text) {
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
