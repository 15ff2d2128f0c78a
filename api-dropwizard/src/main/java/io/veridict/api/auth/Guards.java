package io.veridict.api.auth;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;

/** The guard annotations, and the rule that every resource method carries exactly one. */
public final class Guards {

    /** The annotations that declare a method's guard. */
    public static final List<Class<? extends Annotation>> ANNOTATIONS =
            List.of(RequiresScope.class, OperatorOnly.class, PublicEndpoint.class);

    private Guards() {
    }

    /** The guard annotations on {@code method}: exactly one for a well-guarded method. */
    public static List<Annotation> of(Method method) {
        return ANNOTATIONS.stream().map(method::getAnnotation).filter(a -> a != null)
                .flatMap(Stream::of).map(Annotation.class::cast).toList();
    }

    /**
     * @throws IllegalStateException when {@code method} has no guard or more than one
     */
    public static Annotation require(Method method) {
        List<Annotation> guards = of(method);
        if (guards.size() != 1) {
            throw new IllegalStateException("resource method " + method.getDeclaringClass().getSimpleName() + "."
                    + method.getName() + " must declare exactly one guard (@RequiresScope, @OperatorOnly or "
                    + "@PublicEndpoint), found " + guards.size());
        }
        return guards.get(0);
    }

    /**
     * The path template of a resource method: its class's {@code @Path} and its own, joined.
     */
    public static String pathOf(Class<?> resource, Method method) {
        jakarta.ws.rs.Path type = resource.getAnnotation(jakarta.ws.rs.Path.class);
        jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
        String path = (type == null ? "" : type.value()) + (sub == null ? "" : "/" + sub.value());
        return path.replace("//", "/");
    }

    /**
     * The targets {@code method} acts on, checked against its path: a path naming a key or a tenant
     * needs {@link ActsOn} of that kind, except on an {@link OperatorOnly} method (the operator may
     * act on any key and tenant); an {@code @ActsOn} whose parameter is not in the path is an error.
     *
     * @return the kind the method acts on, or null when it acts on none
     * @throws IllegalStateException when the method breaks the rule
     */
    public static ActsOn.Kind requireTarget(Class<?> resource, Method method) {
        String path = pathOf(resource, method);
        ActsOn declared = method.getAnnotation(ActsOn.class);
        String name = resource.getSimpleName() + "." + method.getName();
        if (declared != null && !declared.value().isNamedIn(path)) {
            throw new IllegalStateException("resource method " + name + " declares @ActsOn(" + declared.value()
                    + ") but its path " + path + " has no {" + declared.value().pathParameter() + "}");
        }
        if (method.isAnnotationPresent(OperatorOnly.class)) {
            return declared == null ? null : declared.value();
        }
        for (ActsOn.Kind kind : ActsOn.Kind.values()) {
            if (kind.isNamedIn(path) && (declared == null || declared.value() != kind)) {
                throw new IllegalStateException("resource method " + name + " acts on the " + kind.name().toLowerCase(
                        java.util.Locale.ROOT) + " its path " + path + " names and must declare @ActsOn(" + kind + ")");
            }
        }
        return declared == null ? null : declared.value();
    }
}
