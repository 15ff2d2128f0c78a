package io.veridict.api.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guard of the target: the method acts on the key or tenant its path names, and
 * {@link TargetFilter} checks the caller against that target before the method runs. A resource
 * method whose path names a key or a tenant must carry it (operator-only methods excepted; see
 * {@link Guards#requireTarget}), so no endpoint that acts on a key can skip the check.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ActsOn {

    Kind value();

    /** What a path can name, and the path parameter that names it. */
    enum Kind {
        /** A key of the caller's tenant ({@code {key_id}}): the caller must hold every scope the key holds. */
        KEY("key_id"),
        /** A tenant ({@code {tenant_id}}): the caller's own, unless the caller is the operator. */
        TENANT("tenant_id");

        private final String pathParameter;

        Kind(String pathParameter) {
            this.pathParameter = pathParameter;
        }

        public String pathParameter() {
            return pathParameter;
        }

        /** Whether the path template {@code path} names this kind of target. */
        public boolean isNamedIn(String path) {
            return path.contains("{" + pathParameter + "}");
        }
    }
}
