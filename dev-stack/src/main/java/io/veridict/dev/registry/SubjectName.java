package io.veridict.dev.registry;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The subject names this registry accepts.
 *
 * <p><b>Rule.</b> A subject name (after percent-decoding of its path segment) is 1 to
 * {@value #MAX_LENGTH} characters, each an ASCII letter, an ASCII digit, {@code .},
 * {@code _} or {@code -} (the regular expression {@code [A-Za-z0-9._-]{1,512}}); it is not
 * {@code .} or {@code ..}; and it is not {@code __GLOBAL} or {@code __EMPTY}, the names
 * Confluent's registry reserves. Case matters.
 *
 * <p>This admits every subject the Kafka ecosystem's naming strategies produce from legal
 * names: {@code <topic>-key} and {@code <topic>-value} for every Kafka topic (topic names
 * are {@code [a-zA-Z0-9._-]{1,249}}), Avro full names ({@code RecordNameStrategy}), and
 * {@code <topic>-<full name>} ({@code TopicRecordNameStrategy}) up to 512 characters. It
 * refuses path tricks ({@code /}, {@code \}, dot segments, percent signs), control
 * characters, whitespace, non-ASCII text, and Confluent context-qualified names
 * ({@code :.context:subject}): this registry has no contexts, so it refuses them rather
 * than store them as plain names.
 *
 * <p>Confluent's own registry refuses fewer names (only control characters and the
 * reserved names); any name this rule admits is valid there too.
 */
final class SubjectName {

    /** Most characters in a subject name: a 249-character topic plus a suffix fits. */
    static final int MAX_LENGTH = 512;
    /** Most characters of a refused name repeated in the error message. */
    private static final int SHOWN_LENGTH = 64;
    private static final Set<String> RESERVED = Set.of("__GLOBAL", "__EMPTY");

    private SubjectName() {
    }

    /**
     * Returns {@code subject} when it follows the rule above.
     *
     * @throws RegistryException 422 / 42208 naming the first reason it does not
     */
    static String require(String subject) {
        Optional<String> problem = problem(subject);
        if (problem.isPresent()) {
            throw RegistryException.invalidSubject(shown(subject), problem.get());
        }
        return subject;
    }

    /** Why {@code subject} breaks the rule; empty when it follows it. */
    static Optional<String> problem(String subject) {
        if (subject == null || subject.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (subject.length() > MAX_LENGTH) {
            return Optional.of("it has " + subject.length() + " characters, more than " + MAX_LENGTH);
        }
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (!isAllowed(c)) {
                return Optional.of("it contains " + describe(c) + "; only ASCII letters, digits, '.', '_' and '-' are allowed");
            }
        }
        if (subject.equals(".") || subject.equals("..")) {
            return Optional.of("'.' and '..' are not subject names");
        }
        if (RESERVED.contains(subject)) {
            return Optional.of("the name is reserved");
        }
        return Optional.empty();
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }

    /** {@code U+002F '/'} for a printable ASCII character, {@code U+0000} for any other. */
    private static String describe(char c) {
        String code = "U+" + String.format(Locale.ROOT, "%04X", (int) c);
        return c >= 0x20 && c < 0x7F ? code + " '" + c + "'" : code;
    }

    /** The name as the error message repeats it: at most {@value #SHOWN_LENGTH} code points, then "...". */
    private static String shown(String subject) {
        if (subject == null) {
            return "";
        }
        if (subject.codePointCount(0, subject.length()) <= SHOWN_LENGTH) {
            return subject;
        }
        return subject.substring(0, subject.offsetByCodePoints(0, SHOWN_LENGTH)) + "...";
    }
}
