package io.veridict.dev.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /config} and {@code PUT /config/{subject}}: only a known compatibility level
 * is written, and nothing is written for any other body.
 */
class ConfigRoutesTest {

    private static final String INVALID_LEVEL = "Invalid compatibility level. Valid values are none, backward, "
            + "forward, full, backward_transitive, forward_transitive, and full_transitive";

    private final List<RegistryRecord> journal = new ArrayList<>();
    private final RegistryRoutes routes = new RegistryRoutes(new RegistryService(new RegistryState(), journal::add));

    @Test
    void shouldWriteExactlyTheLevelForEveryLevelNameInAnyCase() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            String lower = level.name().toLowerCase(Locale.ROOT);
            assertThat(put("/config", "{\"compatibility\":\"" + lower + "\"}"))
                    .isEqualTo("{\"compatibility\":\"" + level.name() + "\"}");
            assertThat(put("/config/users-value", "{\"compatibility\":\"" + level.name() + "\"}"))
                    .isEqualTo("{\"compatibility\":\"" + level.name() + "\"}");
            assertThat(journal).as(level.name()).containsExactly(
                    new RegistryRecord.ConfigRecord(null, level), new RegistryRecord.ConfigRecord("users-value", level));
            journal.clear();
        }
    }

    @Test
    void shouldRefuseAnUnknownMissingOrMistypedLevelWith42203() {
        for (String body : List.of("{\"compatibility\":\"SIDEWAYS\"}", "{\"compatibility\":\" FULL\"}",
                "{\"compatibility\":\"FULL \"}", "{\"compatibility\":\"FULL\\n\"}", "{\"compatibility\":\"FULL\\u0000\"}",
                "{\"compatibility\":\"full_trans\u0131tive\"}", "{\"compatibility\":\"\"}", "{\"compatibility\":null}",
                "{\"compatibility\":1}", "{\"compatibility\":true}", "{\"compatibility\":[\"FULL\"]}",
                "{\"compatibility\":{\"level\":\"FULL\"}}", "{}", "{\"compatibilityLevel\":\"FULL\"}")) {
            assertRefused(body, 42203, INVALID_LEVEL);
        }
    }

    @Test
    void shouldRefuseConfluentSettingsThisRegistryDoesNotHaveWith422() {
        for (String field : List.of("alias", "aliasForDeks", "normalize", "validateFields", "validateNewSchemas",
                "validateRules", "compatibilityPolicy", "compatibilityGroup", "defaultMetadata", "overrideMetadata",
                "defaultRuleSet", "overrideRuleSet")) {
            for (String value : List.of("true", "\"x\"", "{\"properties\":{\"owner\":\"me\"}}", "[]", "false", "0")) {
                assertRefused("{\"compatibility\":\"FULL\",\"" + field + "\":" + value + "}", 422,
                        "Unprocessable entity: \"" + field + "\" cannot be set on this registry; "
                                + "a configuration update sets \"compatibility\" only");
            }
        }
    }

    @Test
    void shouldAcceptConfluentSettingsSentAsNullAndIgnoreUnknownFieldsAsConfluentDoes() {
        String body = "{\"alias\":null,\"normalize\":null,\"compatibility\":\"FULL\",\"defaultRuleSet\":null,"
                + "\"surprise\":{\"subject\":\"other-value\",\"compatibility\":\"NONE\"},\"keytype\":\"SCHEMA\"}";

        assertThat(put("/config/users-value", body)).isEqualTo("{\"compatibility\":\"FULL\"}");

        assertThat(journal).containsExactly(new RegistryRecord.ConfigRecord("users-value", CompatibilityLevel.FULL));
    }

    @Test
    void shouldRefuseBodiesThatAreNotOneJsonObjectWith422() {
        assertRefused("[]", 422, "Unprocessable entity: expected a JSON object");
        assertRefused("\"FULL\"", 422, "Unprocessable entity: expected a JSON object");
        assertRefused("null", 422, "Unprocessable entity: expected a JSON object");
        assertRefused("", 422, "Unprocessable entity: the request body is empty");
        assertRefused("{\"compatibility\":\"FULL\"} {}", 422, "Unprocessable entity: the request body is not valid JSON: "
                + "Trailing token (of type START_OBJECT) found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): "
                + "not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS` (line 1, column 26)");
        assertRefused("{\"compatibility\":\"NONE\",\"compatibility\":\"FULL\"}", 422,
                "Unprocessable entity: the request body is not valid JSON: Duplicate field 'compatibility' (line 1, column 40)");
    }

    private void assertRefused(String body, int code, String message) {
        for (String path : List.of("/config", "/config/users-value")) {
            assertThatThrownBy(() -> put(path, body))
                    .as("PUT %s %s", path, body)
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(422);
                        assertThat(e.errorCode()).isEqualTo(code);
                        assertThat(e.getMessage()).isEqualTo(message);
                    });
        }
        assertThat(journal).as("records written for %s", body).isEmpty();
    }

    private String put(String path, String body) {
        Object answer = routes.dispatch("PUT", RegistryRoutes.segments(path), Map.of(), body.getBytes(StandardCharsets.UTF_8));
        return new String(RegistryHandler.json(answer), StandardCharsets.UTF_8);
    }
}
