package io.veridict.dev.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * The body of {@code PUT /config} and {@code PUT /config/{subject}}:
 * {@code {"compatibility":"FULL"}}.
 *
 * <p>The body MUST be one JSON object (strict UTF-8, no duplicate member names, see
 * {@link JsonBody}). Its {@code compatibility} MUST be a string naming a
 * {@link CompatibilityLevel}, in any letter case, exactly (no surrounding whitespace).
 * The other settings of Confluent's configuration update ({@link #CONFLUENT_ONLY}) are
 * accepted only as {@code null}, as Confluent's own client sends them: this registry does
 * not have them, so a value for one is refused rather than silently dropped. Any other
 * member is ignored, as Confluent ignores unknown members. The level is the only thing a
 * configuration update writes.
 */
final class ConfigRequest {

    /** The settings of Confluent's {@code ConfigUpdateRequest} besides {@code compatibility}. */
    static final Set<String> CONFLUENT_ONLY = Set.of("alias", "aliasForDeks", "normalize", "validateFields",
            "validateNewSchemas", "validateRules", "compatibilityPolicy", "compatibilityGroup", "defaultMetadata",
            "overrideMetadata", "defaultRuleSet", "overrideRuleSet");

    private ConfigRequest() {
    }

    /**
     * The level the body sets.
     *
     * @throws RegistryException 422 / 422 when the body is not one JSON object or gives a
     *                           value for a setting in {@link #CONFLUENT_ONLY}; 422 / 42203
     *                           when {@code compatibility} is missing, not a string or not a level
     */
    static CompatibilityLevel level(byte[] body) {
        JsonNode json = JsonBody.parse(body);
        if (!json.isObject()) {
            throw RegistryException.malformedBody("expected a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (CONFLUENT_ONLY.contains(name) && !json.get(name).isNull()) {
                throw RegistryException.malformedBody("\"" + name + "\" cannot be set on this registry; "
                        + "a configuration update sets \"compatibility\" only");
            }
        }
        JsonNode level = json.get("compatibility");
        return CompatibilityLevel.parse(level != null && level.isTextual() ? level.asText() : null);
    }
}
