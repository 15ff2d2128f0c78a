package io.veridict.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint declares its guard. The audit walks every compiled class of the service, so a
 * new resource cannot be forgotten: a method that answers HTTP requests without exactly one of
 * {@code @RequiresScope}, {@code @OperatorOnly} or {@code @PublicEndpoint} fails the build (and
 * {@link AuthFeature} refuses to start the service with it).
 */
public class GuardAuditTest {

    private static final java.nio.file.Path CLASSES = Paths.get("target", "classes");

    @Test
    void shouldFindAGuardOnEveryResourceMethodOfTheService() throws Exception {
        List<Method> endpoints = endpoints();

        assertThat(endpoints).as("resource methods found").hasSizeGreaterThanOrEqualTo(17);
        assertThat(endpoints).allSatisfy(method -> assertThat(Guards.of(method))
                .as(method.getDeclaringClass().getSimpleName() + "." + method.getName()).hasSize(1));
    }

    @Test
    void shouldKeepTheLedgerEndpointsBehindScopesAndOnlyThePublicKeysPublic() throws Exception {
        assertThat(endpoints()).filteredOn(method -> method.isAnnotationPresent(PublicEndpoint.class))
                .extracting(method -> method.getDeclaringClass().getSimpleName() + "." + method.getName())
                .as("public on purpose: the checkpoint verifier keys, which hold nothing secret")
                .containsExactly("CheckpointKeysResource.keys");
    }

    @Test
    void shouldCheckEveryEndpointThatNamesAKeyOrTenantAgainstThatTarget() throws Exception {
        List<Method> endpoints = endpoints();
        List<Method> onKeys = endpoints.stream()
                .filter(m -> ActsOn.Kind.KEY.isNamedIn(Guards.pathOf(m.getDeclaringClass(), m))).toList();

        assertThat(endpoints).allSatisfy(method -> Guards.requireTarget(method.getDeclaringClass(), method));
        assertThat(onKeys).as("endpoints acting on a key by its id").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(method -> assertThat(method.getAnnotation(ActsOn.class)).as(method.getName()).isNotNull()
                        .extracting(ActsOn::value).isEqualTo(ActsOn.Kind.KEY));
    }

    @Test
    void shouldRefuseToBindAMethodBlindToTheKeyItActsOn() throws Exception {
        Method blind = BlindToTarget.class.getMethod("rotate", String.class);
        Method misdeclared = BlindToTarget.class.getMethod("list");
        Method operatorOnly = BlindToTarget.class.getMethod("operatorRevoke", String.class);

        assertThatThrownBy(() -> Guards.requireTarget(BlindToTarget.class, blind)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BlindToTarget.rotate").hasMessageContaining("@ActsOn(KEY)");
        assertThatThrownBy(() -> Guards.requireTarget(BlindToTarget.class, misdeclared))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no {key_id}");
        assertThat(Guards.requireTarget(BlindToTarget.class, operatorOnly)).isNull();
    }

    @Test
    void shouldRefuseToBindAnUnguardedMethod() throws Exception {
        Method unguarded = Unguarded.class.getMethod("open");

        assertThatThrownBy(() -> Guards.require(unguarded)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Unguarded.open").hasMessageContaining("exactly one guard");
    }

    /** Every method of a compiled service class that answers requests (HTTP method or sub-resource locator). */
    public static List<Method> endpoints() throws IOException, ClassNotFoundException {
        List<Method> endpoints = new ArrayList<>();
        for (String name : classNames()) {
            Class<?> type = Class.forName(name, false, GuardAuditTest.class.getClassLoader());
            for (Method method : type.getDeclaredMethods()) {
                if (isHttpMethod(method) || (method.isAnnotationPresent(Path.class) && !method.isSynthetic())) {
                    endpoints.add(method);
                }
            }
        }
        return endpoints;
    }

    /** Every endpoint as {@code "<HTTP method> <path template>"}, e.g. {@code "GET /v1/keys"}. */
    public static java.util.Set<String> routes() throws IOException, ClassNotFoundException {
        java.util.Set<String> routes = new java.util.TreeSet<>();
        for (Method method : endpoints()) {
            Path type = method.getDeclaringClass().getAnnotation(Path.class);
            Path sub = method.getAnnotation(Path.class);
            String path = (type == null ? "" : type.value()) + (sub == null ? "" : "/" + sub.value());
            String verb = Arrays.stream(method.getAnnotations()).map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                    .filter(java.util.Objects::nonNull).map(HttpMethod::value).findFirst().orElse("ANY");
            routes.add(verb + " " + path.replace("//", "/"));
        }
        return routes;
    }

    private static boolean isHttpMethod(Method method) {
        return Arrays.stream(method.getAnnotations()).anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
    }

    private static List<String> classNames() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.walk(CLASSES)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> CLASSES.relativize(f).toString().replace('/', '.').replace('\\', '.'))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .filter(n -> n.startsWith("io.veridict.api"))
                    .toList();
        }
    }

    @Path("/v1/things")
    public static final class BlindToTarget {
        @jakarta.ws.rs.POST
        @Path("{key_id}/rotate")
        @RequiresScope(Scope.KEYS_MANAGE)
        public String rotate(@jakarta.ws.rs.PathParam("key_id") String keyId) {
            return keyId;
        }

        @GET
        @RequiresScope(Scope.KEYS_MANAGE)
        @ActsOn(ActsOn.Kind.KEY)
        public String list() {
            return "";
        }

        @jakarta.ws.rs.POST
        @Path("{key_id}/revoke")
        @OperatorOnly
        public String operatorRevoke(@jakarta.ws.rs.PathParam("key_id") String keyId) {
            return keyId;
        }
    }

    @Path("/unguarded")
    public static final class Unguarded {
        @GET
        public String open() {
            return "";
        }
    }
}
