package io.veridict.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A request filter that answers a refusal itself ({@link ErrorResponses#abortWith}) sends what the
 * exception mappers send for the same error thrown, and logs the same line.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorAbortTest {

    private static final ResourceExtension RESOURCES = build();

    private static ResourceExtension build() {
        ResourceExtension.Builder builder = ResourceExtension.builder()
                .setRegisterDefaultExceptionMappers(true)
                .addResource(new Guarded())
                .addProvider(new Refusing());
        ErrorHandling.providers().forEach(builder::addProvider);
        return builder.build();
    }

    @Test
    void shouldAnswerAnAbortedRefusalExactlyLikeAThrownOne() {
        for (String code : List.of("unauthenticated", "forbidden", "unavailable")) {
            Response thrown = refused("throw", code, "corr-" + code + "-1");
            Response aborted = refused("abort", code, "corr-" + code + "-1");

            assertThat(aborted.getStatus()).as(code).isEqualTo(thrown.getStatus());
            assertThat(headers(aborted)).as(code).isEqualTo(headers(thrown));
            assertThat(aborted.readEntity(String.class)).as(code).isEqualTo(thrown.readEntity(String.class));
        }
        Response unauthenticated = refused("abort", "unauthenticated", "corr-body-0001");
        assertThat(unauthenticated.getStatus()).isEqualTo(401);
        assertThat(unauthenticated.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"veridict\"");
        assertThat(unauthenticated.getHeaderString(CorrelationId.HEADER)).isEqualTo("corr-body-0001");
        assertThat(unauthenticated.getMediaType().toString()).isEqualTo("application/json");
        assertThat(unauthenticated.readEntity(String.class)).isEqualTo("{\"code\":\"MISSING_CREDENTIALS\","
                + "\"message\":\"send an API key\",\"correlation_id\":\"corr-body-0001\"}");
    }

    @Test
    void shouldLogAnAbortedRefusalLikeAThrownOne() {
        for (String code : List.of("unauthenticated", "unavailable")) {
            List<ILoggingEvent> thrown;
            List<ILoggingEvent> aborted;
            try (CapturedLog log = CapturedLog.of(ApiExceptionMapper.class)) {
                refused("throw", code, "corr-log-0001");
                thrown = log.events();
            }
            try (CapturedLog log = CapturedLog.of(ApiExceptionMapper.class)) {
                refused("abort", code, "corr-log-0001");
                aborted = log.events();
            }
            assertThat(aborted).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                    .as(code).isEqualTo(thrown.stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.getLevel(),
                            e.getFormattedMessage())).toList());
        }
        try (CapturedLog log = CapturedLog.of(ApiExceptionMapper.class)) {
            refused("abort", "unavailable", "corr-log-0002");
            assertThat(log.events()).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).isEqualTo(
                        "Answered 503 SERVICE_UNAVAILABLE to GET /guarded [correlation_id=corr-log-0002]: the ledger is not ready");
            });
        }
    }

    private static Response refused(String how, String code, String correlationId) {
        return RESOURCES.target("/guarded").request().header("X-Refuse", how + ":" + code)
                .header(CorrelationId.HEADER, correlationId).get();
    }

    private static Map<String, String> headers(Response response) {
        return Map.of("content-type", String.valueOf(response.getHeaderString("Content-Type")),
                "correlation", String.valueOf(response.getHeaderString(CorrelationId.HEADER)),
                "www-authenticate", String.valueOf(response.getHeaderString("WWW-Authenticate")),
                "retry-after", String.valueOf(response.getHeaderString("Retry-After")));
    }

    @Path("/guarded")
    public static class Guarded {
        @GET
        public String get() {
            return "ok";
        }
    }

    /** Refuses as the X-Refuse header says: {@code throw|abort} : {@code unauthenticated|forbidden|unavailable}. */
    public static final class Refusing implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            String[] how = request.getHeaderString("X-Refuse").split(":");
            ApiException error = switch (how[1]) {
                case "unauthenticated" -> new ApiException(ErrorCode.MISSING_CREDENTIALS, "send an API key")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"veridict\"");
                case "forbidden" -> new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "this key lacks the scope audit:read");
                default -> new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "the ledger is not ready").withHeader("Retry-After", "5");
            };
            if (how[0].equals("throw")) {
                throw error;
            }
            ErrorResponses.abortWith(request, error);
        }
    }
}
