package io.veridict.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docker/compose.yml} and {@code config/veridict.yml} from drifting apart: every
 * variable the compose file gives an instance is one the configuration reads, every setting a
 * multi-instance deployment needs is given, each instance advertises its own address, and the
 * secrets come from the environment ({@code veridict secrets --out docker/.env}), never the file.
 */
class ComposeFileTest {

    private static final Path CONFIG = Path.of("..", "config", "veridict.yml");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(VERIDICT_[A-Z0-9_]+)");
    /** What an instance among several cannot start or work without. */
    private static final Set<String> REQUIRED = Set.of("VERIDICT_KAFKA_BOOTSTRAP", "VERIDICT_REGISTRY_URL", "VERIDICT_KEY_PEPPER",
            "VERIDICT_KEKS", "VERIDICT_ADVERTISED_URL", "VERIDICT_STATE_DIR", "VERIDICT_ADMIN_BIND_HOST");
    private static final Set<String> SECRETS = Set.of("VERIDICT_KEY_PEPPER", "VERIDICT_KEKS", "VERIDICT_CHECKPOINT_KEY",
            "VERIDICT_OPERATOR_TOKEN_SHA256");

    @Test
    void shouldGiveEachInstanceOnlySettingsTheConfigurationReadsAndEveryOneItNeeds() throws Exception {
        Set<String> read = new TreeSet<>();
        Matcher m = VARIABLE.matcher(Files.readString(CONFIG));
        while (m.find()) {
            read.add(m.group(1));
        }
        ComposeFile compose = ComposeFile.read();
        Set<String> advertised = new TreeSet<>();
        int instances = 0;
        for (String service : compose.services()) {
            if (!service.startsWith("veridict")) {
                continue;
            }
            instances++;
            Map<String, String> env = compose.environment(service);
            assertThat(read).as(service + "'s variables are read by " + CONFIG).containsAll(env.keySet());
            assertThat(env).as(service).containsKeys(REQUIRED.toArray(String[]::new));
            advertised.add(env.get("VERIDICT_ADVERTISED_URL"));
            assertThat(env.get("VERIDICT_ADVERTISED_URL")).as(service).isEqualTo("http://" + service + ":8080");
            for (String secret : SECRETS) {
                assertThat(env.get(secret)).as(service + " takes " + secret + " from the environment").startsWith("${" + secret);
            }
        }
        assertThat(instances).isEqualTo(2);
        assertThat(advertised).hasSize(2);
    }
}
