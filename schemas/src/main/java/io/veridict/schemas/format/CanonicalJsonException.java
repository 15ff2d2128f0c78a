package io.veridict.schemas.format;

/**
 * JSON that cannot be turned into RFC 8785 canonical form under the ledger's rules. The
 * {@link #reason()} is a stable code; the message names the offending value or location.
 *
 * @see "docs/ledger-format.md §3 Canonical JSON"
 */
public final class CanonicalJsonException extends LedgerFormatException {

    /** Stable reason codes; also used by {@code docs/test-vectors/canonical-json.json}. */
    public enum Reason {
        /** The text is not JSON (RFC 8259 grammar), or is empty. */
        MALFORMED_JSON,
        /** A complete JSON value is followed by something other than whitespace. */
        TRAILING_DATA,
        /** An object has two members with the same name (compared after unescaping). */
        DUPLICATE_KEY,
        /** {@code NaN} or an infinity, as a literal in text or as a double in a tree. */
        NON_FINITE_NUMBER,
        /** A number whose magnitude is too large for an IEEE-754 double. */
        NUMBER_OUT_OF_RANGE,
        /** A number whose decimal value would change when written in canonical form. */
        INEXACT_NUMBER,
        /** The input bytes are not well-formed UTF-8. */
        INVALID_UTF8,
        /** The input starts with a byte order mark (U+FEFF). */
        BYTE_ORDER_MARK,
        /** A string or member name holds an unpaired UTF-16 surrogate (e.g. {@code "\ud800"}). */
        LONE_SURROGATE,
        /** The input exceeds a parser limit (nesting depth, number or string length). */
        LIMIT_EXCEEDED,
        /** A tree node that has no JSON meaning (binary, POJO or missing node). */
        UNSUPPORTED_NODE
    }

    private final Reason reason;

    CanonicalJsonException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    CanonicalJsonException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    /** @return why the JSON was rejected */
    public Reason reason() {
        return reason;
    }
}
