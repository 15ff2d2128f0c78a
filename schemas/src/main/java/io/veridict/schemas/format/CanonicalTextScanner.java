package io.veridict.schemas.format;

/**
 * Recognises JSON text that already is in canonical form, in one pass and without building a
 * tree: no whitespace, members in strictly increasing name order, strings escaped exactly as
 * §3.2.2.2 writes them, numbers exactly as §3.2.2.3 writes them.
 *
 * <p>It is a fast path, so it is conservative: {@link #isCanonical} answers {@code true} only
 * when {@code CanonicalJson.canonicalize(text)} would return the text itself, and
 * {@code false} for anything it does not judge cheaply (member names with escapes, very
 * deep nesting, long texts). A {@code false} therefore means "use the full parser", never
 * "invalid".
 *
 * @see "docs/ledger-format.md §3 Canonical JSON"
 */
final class CanonicalTextScanner {

    /** Deeper nesting (containers within containers) is left to the full parser, which applies its own limit. */
    static final int MAX_DEPTH = 256;
    /** Longer texts are left to the full parser, which applies its own length limits. */
    static final int MAX_LENGTH = 1 << 20;
    /** Longer member names are left to the full parser, whose tokenizer limits name length. */
    static final int MAX_NAME_LENGTH = 1024;
    /** No canonical number is longer than this (ECMAScript writes at most 17 digits, a sign, a point and an exponent). */
    private static final int MAX_NUMBER_LENGTH = 32;
    /** Integers of at most 15 digits are exact doubles and written as they are. */
    private static final int EXACT_INTEGER_DIGITS = 15;
    /** Decimals of at most 15 significant digits read back unchanged from their nearest double. */
    private static final int ROUND_TRIP_DIGITS = 15;
    /** ECMAScript writes 10^-6 as {@code 0.000001}, and anything smaller with an exponent. */
    private static final int MAX_FIXED_LEADING_ZEROS = 5;

    private final String text;
    private int pos;

    private CanonicalTextScanner(String text) {
        this.text = text;
    }

    /** {@code true} only if {@code text} is its own canonical form; see the class contract. */
    static boolean isCanonical(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        CanonicalTextScanner scanner = new CanonicalTextScanner(text);
        return scanner.value(0) && scanner.pos == text.length();
    }

    private boolean value(int depth) {
        if (pos >= text.length()) {
            return false;
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> depth < MAX_DEPTH && object(depth + 1);
            case '[' -> depth < MAX_DEPTH && array(depth + 1);
            case '"' -> string() >= 0;
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> c == '-' || (c >= '0' && c <= '9') ? number() : false;
        };
    }

    private boolean object(int depth) {
        pos++;
        if (next('}')) {
            return true;
        }
        int previousStart = -1;
        int previousEnd = -1;
        do {
            int nameStart = pos + 1;
            int nameEnd = plainString();
            if (nameEnd < 0 || !next(':')) {
                return false;
            }
            if (previousStart >= 0 && compare(previousStart, previousEnd, nameStart, nameEnd) >= 0) {
                return false;
            }
            previousStart = nameStart;
            previousEnd = nameEnd;
            if (!value(depth)) {
                return false;
            }
        } while (next(','));
        return next('}');
    }

    private boolean array(int depth) {
        pos++;
        if (next(']')) {
            return true;
        }
        do {
            if (!value(depth)) {
                return false;
            }
        } while (next(','));
        return next(']');
    }

    /** Compares two unescaped member names by UTF-16 code units, as §3.2.3 sorts them. */
    private int compare(int aStart, int aEnd, int bStart, int bEnd) {
        int length = Math.min(aEnd - aStart, bEnd - bStart);
        for (int i = 0; i < length; i++) {
            int d = text.charAt(aStart + i) - text.charAt(bStart + i);
            if (d != 0) {
                return d;
            }
        }
        return (aEnd - aStart) - (bEnd - bStart);
    }

    /** A member name without escapes; returns the index of its closing quote, or -1. */
    private int plainString() {
        int start = pos;
        int end = string();
        if (end < 0 || end - start > MAX_NAME_LENGTH) {
            return -1;
        }
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == '\\') {
                return -1;
            }
        }
        return end;
    }

    /** A canonical string at {@code pos}; returns the index of its closing quote (and moves past it), or -1. */
    private int string() {
        if (!next('"')) {
            return -1;
        }
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return pos++;
            }
            if (c < 0x20) {
                return -1;
            }
            if (c == '\\') {
                if (!escape()) {
                    return -1;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (pos + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(pos + 1))) {
                    return -1;
                }
                pos += 2;
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                pos++;
            }
        }
        return -1;
    }

    /** An escape exactly as the canonical writer produces it. */
    private boolean escape() {
        if (pos + 1 >= text.length()) {
            return false;
        }
        char e = text.charAt(pos + 1);
        if (e == '"' || e == '\\' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
            pos += 2;
            return true;
        }
        // only control characters without a short form are written as \\u00xx, in lower case
        if (e != 'u' || pos + 6 > text.length() || !text.startsWith("00", pos + 2)) {
            return false;
        }
        int high = hexDigit(text.charAt(pos + 4));
        int low = hexDigit(text.charAt(pos + 5));
        if (high < 0 || high > 1 || low < 0) {
            return false;
        }
        int code = high * 16 + low;
        if (code == '\b' || code == '\f' || code == '\n' || code == '\r' || code == '\t') {
            return false;
        }
        pos += 6;
        return true;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private boolean number() {
        int start = pos;
        while (pos < text.length() && isNumberChar(text.charAt(pos))) {
            pos++;
        }
        int length = pos - start;
        if (length == 0 || length > MAX_NUMBER_LENGTH) {
            return false;
        }
        if (shortInteger(start, pos) || shortDecimal(start, pos)) {
            return true;
        }
        String token = text.substring(start, pos);
        try {
            return CanonicalNumbers.serialize(CanonicalNumbers.parse(token)).equals(token);
        } catch (CanonicalJsonException | NumberFormatException e) {
            return false;
        }
    }

    /** {@code -?(0|[1-9][0-9]{0,14})} except {@code -0}: written as it is. */
    private boolean shortInteger(int start, int end) {
        int digits = start;
        if (text.charAt(digits) == '-') {
            digits++;
        }
        int count = end - digits;
        if (count < 1 || count > EXACT_INTEGER_DIGITS) {
            return false;
        }
        for (int i = digits; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        if (text.charAt(digits) == '0') {
            return count == 1 && digits == start;
        }
        return true;
    }

    /**
     * {@code -?(0|[1-9][0-9]*)\.[0-9]*[1-9]} with at most 15 significant digits and, below 1, at
     * most 5 zeros between the point and the first significant digit: written as it is. Any decimal
     * of at most 15 significant digits reads back from its nearest double unchanged, so no shorter
     * text denotes that double and this one (without trailing zeros) is the shortest; ECMAScript
     * writes a number from 10^-6 to below 10^21 without an exponent.
     */
    private boolean shortDecimal(int start, int end) {
        int integer = text.charAt(start) == '-' ? start + 1 : start;
        int point = integer;
        while (point < end && isDigit(text.charAt(point))) {
            point++;
        }
        int integerDigits = point - integer;
        if (integerDigits == 0 || point + 1 >= end || text.charAt(point) != '.'
                || (integerDigits > 1 && text.charAt(integer) == '0') || text.charAt(end - 1) == '0') {
            return false;
        }
        for (int i = point + 1; i < end; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        int fractionDigits = end - point - 1;
        if (text.charAt(integer) != '0') {
            return integerDigits + fractionDigits <= ROUND_TRIP_DIGITS;
        }
        int zeros = 0;
        while (text.charAt(point + 1 + zeros) == '0') {
            zeros++;
        }
        return zeros <= MAX_FIXED_LEADING_ZEROS && fractionDigits - zeros <= ROUND_TRIP_DIGITS;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    private boolean literal(String word) {
        if (!text.startsWith(word, pos)) {
            return false;
        }
        pos += word.length();
        return true;
    }

    private boolean next(char expected) {
        if (pos < text.length() && text.charAt(pos) == expected) {
            pos++;
            return true;
        }
        return false;
    }
}
