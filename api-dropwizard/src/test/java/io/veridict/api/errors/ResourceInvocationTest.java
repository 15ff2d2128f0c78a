package io.veridict.api.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.ws.rs.WebApplicationException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.glassfish.jersey.server.model.Invocable;
import org.glassfish.jersey.server.model.MethodHandler;
import org.junit.jupiter.api.Test;

class ResourceInvocationTest {

    /** A resource class: its methods answer, return nothing, refuse, or fail. */
    public static final class Target {
        public String echo(String text, int number, long[] more) {
            return text + number + more.length;
        }

        public void nothing() {
        }

        public String refuse() {
            throw new ApiException(ErrorCode.NOT_FOUND, "no such thing");
        }

        public String unavailable() {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "try later");
        }

        public String fail() {
            throw new IllegalStateException("broken");
        }
    }

    private final Target target = new Target();

    @Test
    void shouldPassArgumentsAndAnswers() throws Throwable {
        assertThat(invoke("echo", "a", 7, new long[3])).isEqualTo("a73");
        assertThat(invoke("nothing")).isNull();
    }

    @Test
    void shouldHandAClientErrorToJerseyWithoutStackTraces() {
        Throwable thrown = catchThrowable(() -> invoke("refuse"));

        assertThat(thrown).isInstanceOf(InvocationTargetException.class);
        assertThat(thrown.getStackTrace()).isEmpty();
        Throwable cause = thrown.getCause();
        assertThat(cause).isInstanceOf(WebApplicationException.class);
        assertThat(cause.getStackTrace()).isEmpty();
        ApiException error = ExceptionTranslator.translate(cause);
        assertThat(error.code()).isEqualTo("NOT_FOUND");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.getMessage()).isEqualTo("no such thing");
    }

    @Test
    void shouldKeepTheStackTracesOfServerErrorsAndFailures() {
        Throwable unavailable = catchThrowable(() -> invoke("unavailable"));
        Throwable failure = catchThrowable(() -> invoke("fail"));

        assertThat(unavailable).isInstanceOf(InvocationTargetException.class);
        assertThat(unavailable.getCause()).isInstanceOf(ApiException.class);
        assertThat(unavailable.getCause().getStackTrace()).isNotEmpty();
        assertThat(failure).isInstanceOf(InvocationTargetException.class);
        assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("broken");
        assertThat(failure.getCause().getStackTrace()).isNotEmpty();
    }

    @Test
    void shouldLeaveAMethodItWasNotMadeForToReflection() throws Throwable {
        InvocationHandler handler = handler("echo");

        assertThat(handler.invoke(target, method("nothing"), new Object[0])).isNull();
    }

    private Object invoke(String name, Object... args) throws Throwable {
        return handler(name).invoke(target, method(name), args);
    }

    private static InvocationHandler handler(String name) {
        InvocationHandler handler = new ResourceInvocation().create(
                Invocable.create(MethodHandler.create(Target.class), method(name)));
        assertThat(handler).isNotNull();
        return handler;
    }

    private static Method method(String name) {
        return Arrays.stream(Target.class.getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }
}
