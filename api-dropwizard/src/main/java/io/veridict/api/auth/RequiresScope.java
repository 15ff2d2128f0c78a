package io.veridict.api.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guard: the request needs an API key of the tenant it names, holding {@link #value()}.
 * With {@link #operator()} an operator token is accepted too.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresScope {
    Scope value();

    /** Whether an operator token may call the method as well. */
    boolean operator() default false;
}
