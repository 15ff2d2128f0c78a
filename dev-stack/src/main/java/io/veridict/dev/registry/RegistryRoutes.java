package io.veridict.dev.registry;

import io.veridict.dev.registry.ApiBodies.Compatibility;
import io.veridict.dev.registry.ApiBodies.Config;
import io.veridict.dev.registry.ApiBodies.ConfigUpdate;
import io.veridict.dev.registry.ApiBodies.SubjectAndVersion;
import io.veridict.dev.registry.ApiBodies.Version;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The REST endpoints of the Confluent Schema Registry API subset, mapped onto
 * {@link RegistryService}. Knows paths, parameters and bodies; knows nothing of Jetty.
 *
 * <p>{@link #dispatch} returns the object to answer with status 200 (serialised as JSON,
 * or written as is when it is a {@link RawJson}) and throws {@link RegistryException} for
 * every refusal: 404 for an unknown path, 405 for a known path with another method, 422 /
 * 42208 for a subject outside {@link SubjectName}'s rule. The subject is checked on every
 * route that takes one, before the request reaches {@link RegistryService}, so a refused
 * name is neither looked up nor stored.
 */
final class RegistryRoutes {

    /** A body that already is JSON text and is written unchanged. */
    record RawJson(String text) {
    }

    private record Call(List<String> params, Map<String, String> query, byte[] body) {
    }

    private interface Action {
        Object run(Call call);
    }

    /**
     * One endpoint. A {@code {subject}} segment matches any segment, the empty one too, and
     * is then held to {@link SubjectName}'s rule; other parameters match non-empty segments.
     */
    private record Route(String method, List<String> pattern, Action action) {
        boolean matches(List<String> segments) {
            if (segments.size() != pattern.size()) {
                return false;
            }
            for (int i = 0; i < pattern.size(); i++) {
                String part = pattern.get(i);
                boolean matches = part.equals(SUBJECT) || (part.startsWith("{") ? !segments.get(i).isEmpty()
                        : part.equals(segments.get(i)));
                if (!matches) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The parameter values in path order.
         *
         * @throws RegistryException 42208 when the subject breaks {@link SubjectName}'s rule
         */
        List<String> params(List<String> segments) {
            List<String> params = new ArrayList<>();
            for (int i = 0; i < pattern.size(); i++) {
                if (pattern.get(i).equals(SUBJECT)) {
                    params.add(SubjectName.require(segments.get(i)));
                } else if (pattern.get(i).startsWith("{")) {
                    params.add(segments.get(i));
                }
            }
            return params;
        }
    }

    private static final String SUBJECT = "{subject}";

    private final RegistryService service;
    private final List<Route> routes = new ArrayList<>();

    RegistryRoutes(RegistryService service) {
        this.service = service;
        route("GET", "", c -> Map.of());
        route("GET", "schemas/types", c -> List.of(SchemaRequest.AVRO));
        route("GET", "schemas/ids/{id}", c -> new ApiBodies.SchemaText(service.schemaById(id(c)).toString()));
        route("GET", "schemas/ids/{id}/versions", c -> service.usagesOf(id(c)).stream()
                .map(v -> new SubjectAndVersion(v.subject(), v.version())).toList());
        route("GET", "subjects", c -> service.subjects());
        route("POST", "subjects/{subject}", c -> Version.of(service.lookup(subject(c), schema(c))));
        route("GET", "subjects/{subject}/versions", c -> service.versionNumbers(subject(c)));
        route("POST", "subjects/{subject}/versions", c -> new ApiBodies.Id(service.register(subject(c), schema(c))));
        route("GET", "subjects/{subject}/versions/{version}", c -> {
            int version = version(c);
            return Version.of(service.version(subject(c), version));
        });
        route("GET", "subjects/{subject}/versions/{version}/schema", c -> {
            int version = version(c);
            return new RawJson(service.version(subject(c), version).schemaText());
        });
        route("POST", "compatibility/subjects/{subject}/versions", c -> compatibility(c, null));
        route("POST", "compatibility/subjects/{subject}/versions/{version}", c -> compatibility(c, version(c)));
        route("GET", "config", c -> new Config(service.globalLevel().name()));
        route("PUT", "config", c -> {
            CompatibilityLevel level = level(c);
            service.setGlobalLevel(level);
            return new ConfigUpdate(level.name());
        });
        route("GET", "config/{subject}", c ->
                new Config(service.subjectLevel(subject(c), flag(c, "defaultToGlobal")).name()));
        route("PUT", "config/{subject}", c -> {
            CompatibilityLevel level = level(c);
            service.setSubjectLevel(subject(c), level);
            return new ConfigUpdate(level.name());
        });
    }

    /**
     * Answers one request.
     *
     * @param segments the URL-decoded path segments (see {@link #segments(String)})
     * @param query    query parameters, first value of each
     * @param body     the request body; empty when there is none
     */
    Object dispatch(String method, List<String> segments, Map<String, String> query, byte[] body) {
        List<Route> onPath = routes.stream().filter(r -> r.matches(segments)).toList();
        if (onPath.isEmpty()) {
            throw RegistryException.notFound();
        }
        Route route = onPath.stream().filter(r -> r.method().equals(method)).findFirst()
                .orElseThrow(RegistryException::methodNotAllowed);
        return route.action().run(new Call(route.params(segments), query, body));
    }

    /**
     * Splits a raw (still percent-encoded) path into decoded segments, so that an encoded
     * {@code /} stays inside its segment (where {@link SubjectName}'s rule then refuses it).
     * A trailing slash is ignored; {@code +} stays a plus.
     *
     * @throws RegistryException 404 when a segment is not valid percent-encoding
     */
    static List<String> segments(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return Arrays.stream(path.split("/", -1))
                    .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
                    .toList();
        } catch (IllegalArgumentException e) {
            throw RegistryException.notFound();
        }
    }

    private void route(String method, String pattern, Action action) {
        routes.add(new Route(method, pattern.isEmpty() ? List.of("") : List.of(pattern.split("/")), action));
    }

    private Compatibility compatibility(Call call, Integer version) {
        List<String> problems = service.checkCompatibility(subject(call), version, schema(call));
        return new Compatibility(problems.isEmpty(), flag(call, "verbose") ? problems : null);
    }

    private static String subject(Call call) {
        return call.params().get(0);
    }

    private static int id(Call call) {
        try {
            return Integer.parseInt(call.params().get(0));
        } catch (NumberFormatException e) {
            throw RegistryException.notFound();
        }
    }

    private static int version(Call call) {
        String text = call.params().get(1);
        if ("latest".equals(text)) {
            return RegistryService.LATEST;
        }
        try {
            int version = Integer.parseInt(text);
            if (version >= 1 || version == RegistryService.LATEST) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below, like any other invalid version
        }
        throw RegistryException.invalidVersion(text);
    }

    private static boolean flag(Call call, String name) {
        return Boolean.parseBoolean(call.query().get(name));
    }

    private static Schema schema(Call call) {
        return SchemaRequest.from(JsonBody.parse(call.body())).toAvro();
    }

    private static CompatibilityLevel level(Call call) {
        return ConfigRequest.level(call.body());
    }
}
