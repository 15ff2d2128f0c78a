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
}
