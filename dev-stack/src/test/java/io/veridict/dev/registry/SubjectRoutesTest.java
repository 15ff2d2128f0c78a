package io.veridict.dev.registry;

import static io.veridict.dev.registry.Fixtures.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Subject names on every route that takes one: a name outside the rule of
 * {@link SubjectName} is refused with 422 / 42208 before it is looked up or stored.
 * Paths are given still percent-encoded, as they arrive.
 */
class SubjectRoutesTest {

    private static final String ALLOWED = "; only ASCII letters, digits, '.', '_' and '-' are allowed";

    private final List<RegistryRecord> journal = new ArrayList<>();
    private final RegistryRoutes routes = new RegistryRoutes(new RegistryService(new RegistryState(), journal::add));

    @Test
    void shouldRefuseSubjectWithDotSegments() {
        String dots = "The specified subject '%s' is not valid: '.' and '..' are not subject names";
        assertRefusedEverywhere("..", dots.formatted(".."));
        assertRefusedEverywhere(".", dots.formatted("."));
        assertRefusedEverywhere("%2E%2E", dots.formatted(".."));
        assertRefusedEverywhere("%2e", dots.formatted("."));
    }

    @Test
    void shouldRefuseSubjectWithPathSeparators() {
        assertRefusedEverywhere("a%2Fb", "The specified subject 'a/b' is not valid: it contains U+002F '/'" + ALLOWED);
        assertRefusedEverywhere("..%2F..%2Fconfig",
                "The specified subject '../../config' is not valid: it contains U+002F '/'" + ALLOWED);
        assertRefusedEverywhere("%2Fetc", "The specified subject '/etc' is not valid: it contains U+002F '/'" + ALLOWED);
        assertRefusedEverywhere("..%5C..%5Cconfig",
                "The specified subject '..\\..\\config' is not valid: it contains U+005C '\\'" + ALLOWED);
    }

    @Test
    void shouldRefuseSubjectWithControlCharacters() {
        assertRefusedEverywhere("users%00-value", "The specified subject 'users\u0000-value' is not valid: it contains U+0000" + ALLOWED);
        assertRefusedEverywhere("users-value%0D%0AX-Injected:%201",
                "The specified subject 'users-value\r\nX-Injected: 1' is not valid: it contains U+000D" + ALLOWED);
        assertRefusedEverywhere("%1B%5B31m", "The specified subject '\u001B[31m' is not valid: it contains U+001B" + ALLOWED);
        assertRefusedEverywhere("users%7F", "The specified subject 'users\u007F' is not valid: it contains U+007F" + ALLOWED);
        assertRefusedEverywhere("users%C2%85", "The specified subject 'users\u0085' is not valid: it contains U+0085" + ALLOWED);
    }

    @Test
    void shouldRefuseSubjectWithCharactersOutsideTheAllowedSet() {
        assertRefusedEverywhere("users%20value", "The specified subject 'users value' is not valid: it contains U+0020 ' '" + ALLOWED);
        assertRefusedEverywhere("a+b", "The specified subject 'a+b' is not valid: it contains U+002B '+'" + ALLOWED);
        assertRefusedEverywhere("*", "The specified subject '*' is not valid: it contains U+002A '*'" + ALLOWED);
        assertRefusedEverywhere(":.ctx:users-value",
                "The specified subject ':.ctx:users-value' is not valid: it contains U+003A ':'" + ALLOWED);
        assertRefusedEverywhere("%C3%A9t%C3%A9", "The specified subject '\u00E9t\u00E9' is not valid: it contains U+00E9" + ALLOWED);
        assertRefusedEverywhere("%C3", "The specified subject '\uFFFD' is not valid: it contains U+FFFD" + ALLOWED);
        assertRefusedEverywhere("%25", "The specified subject '%' is not valid: it contains U+0025 '%'" + ALLOWED);
    }

    @Test
    void shouldRefuseEmptySubject() {
        assertRefused("GET", "/subjects//versions", "The specified subject '' is not valid: it is empty");
        assertRefused("POST", "/subjects//versions", "The specified subject '' is not valid: it is empty");
        assertRefused("GET", "/subjects//versions/latest/schema", "The specified subject '' is not valid: it is empty");
        assertRefused("POST", "/compatibility/subjects//versions/latest", "The specified subject '' is not valid: it is empty");
        assertThat(journal).isEmpty();
    }

    @Test
    void shouldRefuseSubjectLongerThan512Characters() {
        String tooLong = "a".repeat(513);

        assertRefusedEverywhere(tooLong, "The specified subject '" + "a".repeat(64)
                + "...' is not valid: it has 513 characters, more than 512");
        assertRefusedEverywhere("b".repeat(100_000), "The specified subject '" + "b".repeat(64)
                + "...' is not valid: it has 100000 characters, more than 512");
    }

    @Test
    void shouldRefuseTheNamesConfluentReserves() {
        assertRefusedEverywhere("__GLOBAL", "The specified subject '__GLOBAL' is not valid: the name is reserved");
        assertRefusedEverywhere("__EMPTY", "The specified subject '__EMPTY' is not valid: the name is reserved");
    }

    @Test
    void shouldAcceptTheSubjectsTheKafkaEcosystemProduces() {
        String longestTopic = "t".repeat(249);
        List<String> subjects = List.of(
                "users-value", "users-key",                                   // TopicNameStrategy
                longestTopic + "-value",                                       // the longest Kafka topic name
                "com.example.audit.Entry",                                     // RecordNameStrategy
                "audit.entries-com.example.audit.Entry",                       // TopicRecordNameStrategy
                "ledger-KSTREAM-AGGREGATE-STATE-STORE-0000000003-changelog-value", // a Streams internal topic
                "__consumer_offsets-value", "_schemas-value", ".hidden-value", "a..b-value", "__global",
                "x".repeat(512));

        for (String subject : subjects) {
            assertThat(call("POST", "/subjects/" + subject + "/versions", schemaBody("user-v1.avsc"))).as(subject)
                    .isEqualTo("{\"id\":1}");
            assertThat(call("GET", "/subjects/" + subject + "/versions", new byte[0])).as(subject).isEqualTo("[1]");
            assertThat(call("PUT", "/config/" + subject, json("{\"compatibility\":\"FULL\"}"))).as(subject)
                    .isEqualTo("{\"compatibility\":\"FULL\"}");
        }
        assertThat(call("GET", "/subjects", new byte[0])).contains("\"users-value\"", "\"com.example.audit.Entry\"");
    }

    @Test
    void shouldDecodePercentEncodedLettersBeforeApplyingTheRule() {
        assertThat(call("POST", "/subjects/users%2Dvalue/versions", schemaBody("user-v1.avsc"))).isEqualTo("{\"id\":1}");

        assertThat(call("GET", "/subjects", new byte[0])).isEqualTo("[\"users-value\"]");
    }

    /** Every route that takes a subject refuses {@code encoded} with {@code message}, and nothing is journaled. */
    private void assertRefusedEverywhere(String encoded, String message) {
        for (String[] route : List.of(
                new String[] {"POST", "/subjects/%s/versions"},
                new String[] {"POST", "/subjects/%s"},
                new String[] {"GET", "/subjects/%s/versions"},
                new String[] {"GET", "/subjects/%s/versions/latest"},
                new String[] {"GET", "/subjects/%s/versions/1/schema"},
                new String[] {"POST", "/compatibility/subjects/%s/versions"},
                new String[] {"POST", "/compatibility/subjects/%s/versions/latest"},
                new String[] {"GET", "/config/%s"},
                new String[] {"PUT", "/config/%s"})) {
            assertRefused(route[0], route[1].formatted(encoded), message);
        }
        assertThat(journal).as("records written for %s", encoded).isEmpty();
    }

    private void assertRefused(String method, String path, String message) {
        byte[] body = method.equals("PUT") ? json("{\"compatibility\":\"NONE\"}") : schemaBody("user-v1.avsc");
        assertThatThrownBy(() -> call(method, path, body))
                .as("%s %s", method, path)
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42208);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private String call(String method, String path, byte[] body) {
        Object answer = routes.dispatch(method, RegistryRoutes.segments(path), Map.of(), body);
        return new String(RegistryHandler.json(answer), StandardCharsets.UTF_8);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
