package io.veridict.api.errors;

import jakarta.ws.rs.WebApplicationException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.model.Invocable;
import org.glassfish.jersey.server.spi.internal.ResourceMethodInvocationHandlerProvider;

/**
 * Calls resource methods through a method handle instead of reflection, so that a client error
 * thrown by a resource method costs no stack trace on its way to the exception mapper.
 *
 * <p>Jersey's own invocation calls {@link Method#invoke}, which wraps whatever the method throws
 * in an {@link InvocationTargetException} whose stack trace (Jetty's and Jersey's hundred-odd
 * frames) is filled in, only to be unwrapped at once; for a refused request that was about 7 % of
 * the service's CPU. Here the method runs through a {@link MethodHandle}, and what it throws is
 * handed to Jersey in the wrapper Jersey expects: without a stack trace for an {@link ApiException}
 * below 500 (which has none of its own either), and as a {@link ClientError}, which Jersey does not
 * wrap again; anything else keeps its stack traces, as before.
 */
public final class ResourceInvocation implements ResourceMethodInvocationHandlerProvider {

    /**
     * Jersey asks only the providers bound in its injection manager (not those registered as
     * components) how to invoke a resource method: this binds one.
     */
    public static AbstractBinder binder() {
        return new AbstractBinder() {
            @Override
            protected void configure() {
                bind(new ResourceInvocation()).to(ResourceMethodInvocationHandlerProvider.class);
            }
        };
    }

    private static final MethodType SPREAD = MethodType.methodType(Object.class, Object.class, Object[].class);
    private static final Object[] NO_ARGUMENTS = new Object[0];

    @Override
    public InvocationHandler create(Invocable invocable) {
        Method method = invocable.getHandlingMethod();
        if (method == null) {
            return null; // Jersey's default
        }
        MethodHandle handle = handleOf(method);
        if (handle == null) {
            return null;
        }
        return (instance, called, args) -> {
            if (!called.equals(method)) {
                return called.invoke(instance, args);
            }
            Object target = instance;
            Object[] arguments = args == null ? NO_ARGUMENTS : args;
            try {
                return (Object) handle.invokeExact(target, arguments);
            } catch (ApiException e) {
                throw e.status() < 500 ? new ClientErrorInvocation(new ClientError(e)) : new InvocationTargetException(e);
            } catch (Throwable e) {
                throw new InvocationTargetException(e);
            }
        };
    }

    /** @return a handle taking (instance, arguments) and answering an Object, or null when the method cannot be reached */
    static MethodHandle handleOf(Method method) {
        if (Modifier.isStatic(method.getModifiers())) {
            return null;
        }
        try {
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method)
                    .asSpreader(Object[].class, method.getParameterCount())
                    .asType(SPREAD);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /** The wrapper Jersey expects around what a resource method threw: unwrapped at once, so no stack trace. */
    static final class ClientErrorInvocation extends InvocationTargetException {
        private static final long serialVersionUID = 1L;

        ClientErrorInvocation(ClientError cause) {
            super(cause);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /**
     * A client error on its way from a resource method to the exception mapper. Jersey passes a
     * {@link WebApplicationException} on as it is, where it would wrap any other exception in one
     * more (with a stack trace) before mapping it; {@link ExceptionTranslator} unwraps this one.
     */
    public static final class ClientError extends WebApplicationException {
        private static final long serialVersionUID = 1L;

        ClientError(ApiException error) {
            super(error.getMessage(), error);
        }

        /** @return the error to answer */
        public ApiException error() {
            return (ApiException) getCause();
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
