package io.veridict.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The text form of credentials, recognisable by secret scanners and checked for typos before
 * any lookup:
 *
 * <pre>
 *   API key:        vdk_&lt;key id&gt;_&lt;secret&gt;&lt;checksum&gt;
 *   operator token: vdo_&lt;secret&gt;&lt;checksum&gt;
 * </pre>
 *
 * The key id is 16 characters of lower-case base32 ({@code a-z2-7}, 80 random bits) and is
 * public. The secret is 32 base62 characters (about 190 random bits). The checksum is the
 * CRC-32 of everything before it (ASCII), as 6 base62 digits, most significant first.
 */
public final class TokenFormat {

    public static final String KEY_PREFIX = "vdk_";
    public static final String OPERATOR_PREFIX = "vdo_";
    /** A key id: what {@link #newKeyId} makes. */
    public static final Pattern KEY_ID = Pattern.compile("[a-z2-7]{16}");

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int SECRET_LENGTH = 32;
    private static final int CHECKSUM_LENGTH = 6;
    private static final int KEY_ID_LENGTH = 16;
    /** An API key's text: what {@link #parseApiKey} accepts, before its checksum is checked. */
    static final Pattern KEY = Pattern.compile(
            "vdk_([a-z2-7]{16})_([0-9A-Za-z]{" + SECRET_LENGTH + "})([0-9A-Za-z]{" + CHECKSUM_LENGTH + "})");
    private static final int SECRET_START = KEY_PREFIX.length() + KEY_ID_LENGTH + 1;
    private static final int KEY_LENGTH = SECRET_START + SECRET_LENGTH + CHECKSUM_LENGTH;
    private static final Pattern OPERATOR = Pattern.compile(
            "vdo_([0-9A-Za-z]{" + SECRET_LENGTH + "})([0-9A-Za-z]{" + CHECKSUM_LENGTH + "})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenFormat() {
    }

    /** A parsed API key: its public id and its secret. */
    public record ApiKey(String keyId, String secret) {
        /** The text a client sends. */
        public String text() {
            String body = KEY_PREFIX + keyId + "_" + secret;
            return body + checksum(body);
        }

        @Override
        public String toString() {
            return "ApiKey[" + keyId + "]";
        }
    }

    /** Why a text is not a credential. */
    public enum Problem { MALFORMED, CHECKSUM }

    /** Thrown by the parsers. Carries no part of the text. */
    public static final class InvalidTokenException extends Exception {
        private final Problem problem;

        InvalidTokenException(Problem problem) {
            super(problem == Problem.MALFORMED ? "not a well-formed credential" : "credential checksum does not match");
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** A new API key with a fresh id and secret. */
    public static ApiKey newApiKey() {
        return new ApiKey(newKeyId(), randomText(BASE62, SECRET_LENGTH));
    }

    /** The same key id with a fresh secret (rotation). */
    public static ApiKey newSecret(String keyId) {
        return new ApiKey(keyId, randomText(BASE62, SECRET_LENGTH));
    }

    /** A fresh key id. */
    public static String newKeyId() {
        return randomText(BASE32, KEY_ID_LENGTH);
    }

    /** A new operator token (text form). */
    public static String newOperatorToken() {
        String body = OPERATOR_PREFIX + randomText(BASE62, SECRET_LENGTH);
        return body + checksum(body);
    }

    /**
     * Parses an API key's text form. Checked character by character (what {@link #KEY} describes):
     * authentication parses the key of every request.
     */
    public static ApiKey parseApiKey(String text) throws InvalidTokenException {
        if (text.length() != KEY_LENGTH || !text.startsWith(KEY_PREFIX) || text.charAt(SECRET_START - 1) != '_'
                || !all(text, KEY_PREFIX.length(), SECRET_START - 1, TokenFormat::isBase32)
                || !all(text, SECRET_START, KEY_LENGTH, TokenFormat::isBase62)) {
            throw new InvalidTokenException(Problem.MALFORMED);
        }
        verifyChecksum(text);
        return new ApiKey(text.substring(KEY_PREFIX.length(), SECRET_START - 1),
                text.substring(SECRET_START, SECRET_START + SECRET_LENGTH));
    }

    /** Checks an operator token's form and checksum. */
    public static void checkOperatorToken(String text) throws InvalidTokenException {
        if (!OPERATOR.matcher(text).matches()) {
            throw new InvalidTokenException(Problem.MALFORMED);
        }
        verifyChecksum(text);
    }

    /** Whether {@code text} looks like an operator token rather than an API key. */
    public static boolean isOperatorToken(String text) {
        return text.startsWith(OPERATOR_PREFIX);
    }

    private static void verifyChecksum(String text) throws InvalidTokenException {
        int split = text.length() - CHECKSUM_LENGTH;
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.US_ASCII), 0, split);
        long value = crc.getValue();
        boolean same = true;
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            same &= text.charAt(split + i) == BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        if (!same) {
            throw new InvalidTokenException(Problem.CHECKSUM);
        }
    }

    private interface CharTest {
        boolean test(char c);
    }

    private static boolean all(String text, int from, int to, CharTest test) {
        for (int i = from; i < to; i++) {
            if (!test.test(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase32(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
    }

    private static boolean isBase62(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(digits);
    }

    private static String randomText(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
