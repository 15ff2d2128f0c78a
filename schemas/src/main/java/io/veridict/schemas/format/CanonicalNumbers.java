package io.veridict.schemas.format;

import io.veridict.schemas.format.CanonicalJsonException.Reason;
import java.io.IOException;
import java.math.BigDecimal;
import org.erdtman.jcs.NumberToJSON;

/**
 * Number serialisation of RFC 8785 §3.2.2.3 (ECMAScript {@code Number.prototype.toString})
 * plus the ledger's exactness rule: a number from JSON text is accepted only if its canonical
 * text denotes exactly the same decimal value.
 *
 * @see "docs/ledger-format.md §3.3 Numbers"
 */
final class CanonicalNumbers {

    private CanonicalNumbers() {
    }

    /**
     * The exact decimal value of a JSON number token. Exponents beyond what {@link BigDecimal}
     * holds are resolved here: a zero mantissa is zero, anything else is out of range (huge)
     * or inexact (it would underflow to zero).
     *
     * @throws CanonicalJsonException {@code NUMBER_OUT_OF_RANGE} or {@code INEXACT_NUMBER}
     */
    static BigDecimal parse(String jsonNumber) {
        try {
            return new BigDecimal(jsonNumber);
        } catch (NumberFormatException e) {
            String mantissa = jsonNumber.split("[eE]", 2)[0];
            if (mantissa.chars().noneMatch(c -> c >= '1' && c <= '9')) {
                return BigDecimal.ZERO;
            }
            if (Double.isInfinite(Double.parseDouble(jsonNumber))) {
                throw new CanonicalJsonException(Reason.NUMBER_OUT_OF_RANGE,
                        "number with exponent beyond any double: " + shorten(jsonNumber));
            }
            throw new CanonicalJsonException(Reason.INEXACT_NUMBER,
                    "number would underflow to 0: " + shorten(jsonNumber));
        }
    }

    /**
     * The canonical text of a decimal value (from JSON text or an integral/decimal tree node).
     * The value is rounded to the nearest double (ties to even); if the ECMAScript text of that
     * double has a different decimal value than {@code value}, the number is rejected.
     *
     * @throws CanonicalJsonException {@code NUMBER_OUT_OF_RANGE} if the double is infinite,
     *         {@code INEXACT_NUMBER} if the decimal value would change
     */
    static String serialize(BigDecimal value) {
        double nearest = Double.parseDouble(value.toString());
        if (Double.isInfinite(nearest)) {
            throw new CanonicalJsonException(Reason.NUMBER_OUT_OF_RANGE,
                    "number " + shorten(value) + " is beyond the range of an IEEE-754 double");
        }
        String canonical = ecmaScript(nearest);
        if (new BigDecimal(canonical).compareTo(value) != 0) {
            throw new CanonicalJsonException(Reason.INEXACT_NUMBER, "number " + shorten(value)
                    + " would be written as " + canonical + "; send it as a string instead");
        }
        return canonical;
    }

    /**
     * The canonical text of a value that already is an IEEE-754 double (a double or float
     * tree node): any finite double is accepted as it is.
     *
     * @throws CanonicalJsonException {@code NON_FINITE_NUMBER} for NaN and infinities
     */
    static String serialize(double value) {
        if (!Double.isFinite(value)) {
            throw new CanonicalJsonException(Reason.NON_FINITE_NUMBER, value + " is not a JSON number");
        }
        return ecmaScript(value);
    }

    private static String ecmaScript(double value) {
        try {
            return NumberToJSON.serializeNumber(value);
        } catch (IOException e) {
            throw new CanonicalJsonException(Reason.NON_FINITE_NUMBER, value + " is not a JSON number", e);
        }
    }

    private static String shorten(BigDecimal value) {
        return shorten(value.toString());
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
