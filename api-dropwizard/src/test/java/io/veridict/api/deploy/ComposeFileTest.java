package io.veridict.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    private static final Path CADDYFILE = Path.of("..", "docker", "Caddyfile");
    private static final Pattern ADVERTISED = Pattern.compile("https://localhost:(\\d+)");
    private static final Pattern SITE = Pattern.compile("(?m)^(https://localhost:\\d+) \\{\n((?:.*\n)*?)\\}");
    private static final Pattern UPSTREAM = Pattern.compile("\\{\\$VERIDICT_\\d_UPSTREAM:([a-z0-9-]+:\\d+)\\}");
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
        Map<String, String> sites = proxySites();
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
            assertThat(env).as(service + " serves HTTPS only").doesNotContainKey("VERIDICT_REQUIRE_HTTPS");
            assertThat(env.get("VERIDICT_TRUSTED_PROXIES")).as(service + " believes the proxy alone")
                    .isEqualTo("[\"" + proxyAddress(compose) + "\"]");
            Matcher url = ADVERTISED.matcher(env.get("VERIDICT_ADVERTISED_URL"));
            assertThat(url.matches()).as(service + "'s advertised URL is its own address at the proxy").isTrue();
            assertThat(sites).as("the proxy sends " + url.group() + " to " + service + " alone")
                    .containsEntry(url.group(), service + ":8080");
            assertThat(proxyPorts(compose)).as("the proxy publishes " + url.group()).contains(url.group(1) + ":" + url.group(1));
            for (String secret : SECRETS) {
                assertThat(env.get(secret)).as(service + " takes " + secret + " from the environment").startsWith("${" + secret);
            }
        }
        assertThat(instances).isEqualTo(2);
        assertThat(advertised).hasSize(2);
    }

    /** Each single-upstream site of the Caddyfile: its address and the upstream it proxies to by default. */
    private static Map<String, String> proxySites() throws IOException {
        Map<String, String> sites = new TreeMap<>();
        Matcher site = SITE.matcher(Files.readString(CADDYFILE));
        while (site.find()) {
            List<String> upstreams = UPSTREAM.matcher(site.group(2)).results().map(u -> u.group(1)).toList();
            if (upstreams.size() == 1) {
                sites.put(site.group(1), upstreams.get(0));
            }
        }
        return sites;
    }

    @SuppressWarnings("unchecked")
    private static String proxyAddress(ComposeFile compose) {
        Map<String, Object> networks = (Map<String, Object>) compose.service("proxy").get("networks");
        return String.valueOf(((Map<String, Object>) networks.get("default")).get("ipv4_address"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> proxyPorts(ComposeFile compose) {
        return ((List<Object>) compose.service("proxy").get("ports")).stream().map(String::valueOf).toList();
    }
}
