package io.veridict.api.logging;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what must never reach a log in a line of log text: credentials ({@code Authorization}
 * values, bearer tokens, Veridict API keys {@code vdk_<key id>_<secret>} and operator tokens
 * {@code vdo_<id>_<secret>}), e-mail addresses and telephone numbers. Values in URL-encoded form
 * ({@code %40}, {@code %2B}, {@code %20}), as they appear in request lines, are masked too.
 *
 * <p>The masked line MUST keep everything else intact: timestamps, ISO dates, seqs, offsets,
 * UUIDs, hex hashes, IP addresses and ports. Telephone numbers are therefore recognised by their
 * shape only: international ({@code +44 20 7946 0958}, {@code +14155550100}), North American
 * ({@code (415) 555-0100}, {@code 415-555-0100}) and national numbers with a trunk prefix
 * written in groups ({@code 020 7946 0958}). A bare run of digits without a {@code +} is never
 * taken for a telephone number: it is far more often a seq, an offset or a timestamp.
 */
public final class LogMasker {

    /** What replaces a masked value (and a secret after its public part). */
    public static final String MASK = "***";

    /** An {@code Authorization} (or {@code Proxy-Authorization}) value, as a header, field or map entry. */
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)(\\b(?:proxy-)?authorization\\b[\"']?\\s*[:=]\\s*[\"'\\[]?)"
                    + "(?:(?:bearer|basic|digest|negotiate|token)(?:\\s+|%20|\\+))?[^\\s\"',;\\]]+");
    /** A bearer token anywhere else. */
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer)(?:\\s+|%20|\\+)[A-Za-z0-9._~+/=-]+");
    /** A Veridict API key or operator token: prefix, key id, then the secret (if the id is followed by one). */
    private static final Pattern VERIDICT_KEY = Pattern.compile(
            "(?<![A-Za-z0-9])(vd[ko])_([A-Za-z0-9]+)(_[A-Za-z0-9_-]*)?");
    /** An e-mail address; group 1 is its first character, group 2 the at sign, group 3 the domain. */
    private static final Pattern EMAIL = Pattern.compile(
            "([A-Za-z0-9])[A-Za-z0-9._%+-]*(@|%40)"
                    + "([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,})"
                    + "(?![A-Za-z0-9-])");

    private static final String SEPARATOR = "(?:[ .-]|%20)";
    /** {@code +} and country code, then groups of digits (an area code may be in parentheses). */
    private static final Pattern INTERNATIONAL = Pattern.compile(
            "(?<![\\w%+])(?:\\+|%2[Bb])\\d{1,3}(?:(?:" + SEPARATOR + "|\\+)?(?:\\(\\d{1,4}\\)|\\d{1,5})){1,6}+");
    /** North American: optional 1, area code (possibly in parentheses), exchange, line. */
    private static final Pattern NORTH_AMERICAN = Pattern.compile(
            "(?<![\\w.:/%+-])(?:1" + SEPARATOR + ")?(?:\\(\\d{3}\\)" + SEPARATOR + "?|\\d{3}" + SEPARATOR + ")"
                    + "\\d{3}" + SEPARATOR + "\\d{4}(?![\\w-]|[.:]\\d)");
    /**
     * National with a trunk prefix 0, in groups with one kind of separator: {@code 020 7946 0958},
     * {@code 01 23 45 67 89}, {@code 030-12345678} (a date and a time, {@code 01.03.2026 12}, mix them).
     */
    private static final Pattern TRUNK_PREFIXED = Pattern.compile(
            "(?<![\\w.:/%+-])0\\d{1,4}([ .-]|%20)\\d{2,8}(?:\\1\\d{2,8}){0,3}(?![\\w/-]|[.:]\\d)");

    private LogMasker() {
    }

    /** {@code text} with every sensitive value masked; {@code null} stays {@code null}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = AUTHORIZATION.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        masked = BEARER.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + MASK));
        masked = VERIDICT_KEY.matcher(masked).replaceAll(LogMasker::maskKey);
        masked = EMAIL.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(2) + m.group(3)));
        masked = maskPhones(masked, INTERNATIONAL, 8, 15);
        masked = maskPhones(masked, NORTH_AMERICAN, 10, 11);
        return maskPhones(masked, TRUNK_PREFIXED, 9, 12);
    }

    private static String maskKey(MatchResult key) {
        String secret = key.group(3);
        return secret == null ? key.group(1) + "_" + MASK : key.group(1) + "_" + key.group(2) + "_" + MASK;
    }

    /** Masks the matches of {@code phone} that have between {@code minDigits} and {@code maxDigits} digits. */
    private static String maskPhones(String text, Pattern phone, int minDigits, int maxDigits) {
        Matcher m = phone.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            int digits = digits(text, m.start(), m.end());
            int end = m.end();
            boolean followedByDigit = end < text.length() && Character.isLetterOrDigit(text.charAt(end));
            if (digits < minDigits || digits > maxDigits || followedByDigit) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, m.start()).append(MASK);
            copied = end;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** Digits of {@code text[start, end)}, not counting those of a URL escape such as {@code %20}. */
    private static int digits(String text, int start, int end) {
        int count = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '%') {
                i += 2;
            } else if (c >= '0' && c <= '9') {
                count++;
            }
        }
        return count;
    }
}
