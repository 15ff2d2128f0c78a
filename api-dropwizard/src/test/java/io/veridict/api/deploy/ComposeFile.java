package io.veridict.api.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker/compose.yml} as tests read it: each service's environment, with the anchors and
 * merge keys ({@code <<: *name}) resolved as Compose resolves them.
 */
public final class ComposeFile {

    public static final Path PATH = Path.of("..", "docker", "compose.yml");

    private final Map<String, Object> services;

    private ComposeFile(Map<String, Object> services) {
        this.services = services;
    }

    @SuppressWarnings("unchecked")
    public static ComposeFile read() {
        try (Reader in = Files.newBufferedReader(PATH)) {
            Map<String, Object> root = new Yaml().load(in);
            return new ComposeFile((Map<String, Object>) root.get("services"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The services' names. */
    public Set<String> services() {
        return services.keySet();
    }

    /** The definition of {@code service} as written. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> service(String service) {
        return (Map<String, Object>) services.get(service);
    }

    /** The environment of {@code service} as written (values may hold {@code ${...}}). */
    @SuppressWarnings("unchecked")
    public Map<String, String> environment(String service) {
        Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get(service)).get("environment");
        Map<String, String> env = new LinkedHashMap<>();
        environment.forEach((name, value) -> env.put(name, String.valueOf(value)));
        return env;
    }
}
