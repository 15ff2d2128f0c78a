package io.veridict.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every error answered through Jersey has the one shape, with Dropwizard's default exception
 * mappers registered too (as in production), proving ours win.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorHandlingResourceTest {

    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ResourceExtension RESOURCES = build();

    private static ResourceExtension build() {
        ResourceExtension.Builder builder = ResourceExtension.builder()
                .setRegisterDefaultExceptionMappers(true)
                .addResource(new IntakeTestResource());
        ErrorHandling.providers().forEach(builder::addProvider);
        return builder.build();
    }

    @Test
    void shouldEchoAWellFormedClientCorrelationIdOnSuccess() {
        Response response = get("/test/ok").header(CorrelationId.HEADER, "client-id:0001.a_b").get();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaderString("x-correlation-id")).isEqualTo("client-id:0001.a_b");
    }

    @Test
    void shouldReplaceAMalformedCorrelationIdWithAUuid() {
        Response response = get("/test/conflict").header(CorrelationId.HEADER, "bad id with spaces").get();

        String id = response.getHeaderString(CorrelationId.HEADER);
        assertThat(id).matches(UUID_V4);
        assertThat(body(response).get("correlation_id").asText()).isEqualTo(id);
    }

    @Test
    void shouldGenerateACorrelationIdWhenNoneIsSent() {
        Response response = get("/test/ok").get();

        assertThat(response.getHeaderString(CorrelationId.HEADER)).matches(UUID_V4);
    }

    @Test
    void shouldAnswerAnApiExceptionInTheErrorShape() {
        Response response = get("/test/conflict").header(CorrelationId.HEADER, "corr-12345678").get();

        JsonNode body = assertErrorShape(response, 409, "IDEMPOTENCY_KEY_REUSED", "corr-12345678");
        assertThat(body.toString()).isEqualTo("{\"code\":\"IDEMPOTENCY_KEY_REUSED\","
                + "\"message\":\"the idempotency key was used for another body\",\"correlation_id\":\"corr-12345678\"}");
    }

    @Test
    void shouldSendTheExtraHeadersOfAnApiException() {
        Response response = get("/test/unavailable").get();

        assertErrorShape(response, 503, "SERVICE_UNAVAILABLE", null);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
    }

    @Test
    void shouldAnswerAnUnexpectedExceptionWith500AndNoInternalsAndLogItOnceWithTheCorrelationId() {
        Response response;
        List<ILoggingEvent> logged;
        try (CapturedLog log = CapturedLog.of(ApiExceptionMapper.class)) {
            response = get("/test/boom").header(CorrelationId.HEADER, "trace-boom-0001").get();
            logged = log.events();
        }

        JsonNode body = assertErrorShape(response, 500, "INTERNAL_ERROR", "trace-boom-0001");
        assertThat(body.get("message").asText()).isEqualTo(ExceptionTranslator.INTERNAL_MESSAGE);
        assertThat(body.toString()).doesNotContain("hunter2", "jdbc", "RuntimeException", "Exception", "at io.");
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).getLevel()).isEqualTo(Level.ERROR);
        assertThat(logged.get(0).getFormattedMessage())
                .isEqualTo("Unexpected error answering GET /test/boom [correlation_id=trace-boom-0001]");
        assertThat(logged.get(0).getThrowableProxy().getMessage()).contains("hunter2");
        assertThat(logged.get(0).getMDCPropertyMap()).containsEntry(CorrelationId.MDC_KEY, "trace-boom-0001");
    }

    @Test
    void shouldAnswerAnIllegalStateExceptionAsOurs() {
        Response response;
        try (CapturedLog log = CapturedLog.of(ApiExceptionMapper.class)) {
            response = get("/test/illegal-state").get();
        }

        JsonNode body = assertErrorShape(response, 500, "INTERNAL_ERROR", null);
        assertThat(body.toString()).doesNotContain("secret");
    }

    @Test
    void shouldGiveAnErrorResponseWithoutABodyTheErrorShapeKeepingStatusAndHeaders() {
        Response tooMany = RESOURCES.target("/test/empty-error").queryParam("status", 429).request()
                .header(CorrelationId.HEADER, "empty-error-1").get();
        Response unauthenticated = RESOURCES.target("/test/empty-error").queryParam("status", 401).request().get();

        assertErrorShape(tooMany, 429, "REQUEST_REJECTED", "empty-error-1");
        assertThat(tooMany.getHeaderString("Retry-After")).isEqualTo("3");
        assertErrorShape(unauthenticated, 401, "UNAUTHENTICATED", null);
    }

    @Test
    void shouldAnswerAnUnknownPathWith404() {
        Response response = get("/nowhere").header(CorrelationId.HEADER, "lost-request-1").get();

        JsonNode body = assertErrorShape(response, 404, "NOT_FOUND", "lost-request-1");
        assertThat(body.get("message").asText()).isEqualTo("no resource at this path");
    }

    @Test
    void shouldAnswerAWrongMethodWith405KeepingTheAllowHeader() {
        Response response = get("/test/ok").delete();

        assertErrorShape(response, 405, "METHOD_NOT_ALLOWED", null);
        assertThat(response.getHeaderString("Allow")).contains("GET");
    }

    @Test
    void shouldAnswerAnUnacceptableAcceptHeaderWith406() {
        Response response = RESOURCES.target("/test/ok").request(MediaType.TEXT_PLAIN).get();

        assertErrorShape(response, 406, "NOT_ACCEPTABLE", null);
    }

    @Test
    void shouldAnswerAWrongContentTypeWith415FromJersey() {
        Response response = get("/test/json-only").post(Entity.text("hello"));

        assertErrorShape(response, 415, "UNSUPPORTED_MEDIA_TYPE", null);
    }

    @Test
    void shouldAnswerAWrongContentTypeWith415FromTheReader() {
        Response response = get("/test/echo").post(Entity.text("{}"));

        assertErrorShape(response, 415, "UNSUPPORTED_MEDIA_TYPE", null);
    }

    @Test
    void shouldAnswerMalformedJsonReadByTheStrictReader() {
        Response response = get("/test/echo").post(Entity.json("{\"a\":1,\"a\":2}"));

        JsonNode body = assertErrorShape(response, 400, "DUPLICATE_JSON_KEY", null);
        assertThat(body.get("details").toString()).isEqualTo("[{\"field\":\"a\",\"problem\":\"appears more than once in its object\"}]");
    }

    @Test
    void shouldAnswerMalformedJsonReadByJacksonsProviderInTheSameShape() {
        Response response = get("/test/json-only").post(Entity.json("{\"a\":NaN}"));

        assertErrorShape(response, 400, "NON_FINITE_NUMBER", null);
    }

    @Test
    void shouldAnswerTruncatedJsonReadByJacksonsProviderInTheSameShape() {
        Response response = get("/test/json-only").post(Entity.json("{\"a\":"));

        assertErrorShape(response, 400, "MALFORMED_JSON", null);
    }

    @Test
    void shouldAnswerAnOversizedBodyWith413() {
        Response response = get("/test/echo").post(Entity.json("{\"a\":\"" + "x".repeat(5000) + "\"}"));

        assertErrorShape(response, 413, "BODY_TOO_LARGE", null);
    }

    @Test
    void shouldAnswerTooDeepNestingWith400() {
        Response response = get("/test/echo").post(Entity.json("{\"a\":[[[[[[[[1]]]]]]]]}"));

        assertErrorShape(response, 400, "NESTING_TOO_DEEP", null);
    }

    @Test
    void shouldAnswerBeanValidationFailuresWith422AndTheField() {
        Response response = get("/test/validated").get();
        Response fine = RESOURCES.target("/test/validated").queryParam("limit", 5).request().get();

        JsonNode body = assertErrorShape(response, 422, "INVALID_REQUEST", null);
        assertThat(body.get("details").get(0).get("problem").asText()).isEqualTo("must be greater than or equal to 1");
        assertThat(fine.getStatus()).isEqualTo(200);
    }

    @Test
    void shouldAnswerAnUnparsableQueryParameterWith422() {
        Response response = RESOURCES.target("/test/validated").queryParam("limit", "many").request().get();

        JsonNode body = assertErrorShape(response, 422, "INVALID_REQUEST", null);
        assertThat(body.get("details").toString())
                .isEqualTo("[{\"field\":\"limit\",\"problem\":\"is not a valid query parameter\"}]");
    }

    @Test
    void shouldAnswerAMissingTenantHeader() {
        Response response = get("/test/decisions").header("Idempotency-Key", "k-1").post(Entity.json("{}"));

        JsonNode body = assertErrorShape(response, 400, "MISSING_TENANT_HEADER", null);
        assertThat(body.get("message").asText()).isEqualTo("the X-Veridict-Tenant-Id header is required");
    }

    @Test
    void shouldAnswerAnInvalidDecisionWithEveryProblem() {
        Response response = get("/test/decisions")
                .header("X-Veridict-Tenant-Id", "acme")
                .header("Idempotency-Key", "k-1")
                .post(Entity.json("{\"decision\":null,\"violations\":[{\"rule_id\":\"r\",\"severity\":\"SEVERE\"}],\"extra\":1}"));

        JsonNode body = assertErrorShape(response, 422, "INVALID_REQUEST", null);
        assertThat(body.get("message").asText()).isEqualTo("the decision request has 4 problems");
        assertThat(body.get("details").toString()).isEqualTo("["
                + "{\"field\":\"extra\",\"problem\":\"unknown field\"},"
                + "{\"field\":\"context\",\"problem\":\"is required\"},"
                + "{\"field\":\"decision\",\"problem\":\"must not be null\"},"
                + "{\"field\":\"violations[0].severity\",\"problem\":\"must be one of INFO, LOW, MEDIUM, HIGH, CRITICAL\"}]");
    }

    @Test
    void shouldAcceptAValidDecision() {
        Response response = get("/test/decisions")
                .header("X-Veridict-Tenant-Id", "acme")
                .header("Idempotency-Key", "k-1")
                .post(Entity.json("{\"context\":{\"user\":\"u1\"},\"decision\":\"allow\"}"));

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("tenant").asText()).isEqualTo("acme");
        assertThat(body.get("idempotency_key").asText()).isEqualTo("k-1");
    }

    private static Invocation.Builder get(String path) {
        return RESOURCES.target(path).request(MediaType.APPLICATION_JSON);
    }

    /** Asserts the status, the JSON content type, the code and the correlation id in header and body. */
    private static JsonNode assertErrorShape(Response response, int status, String code, String correlationId) {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType().toString()).isEqualTo(MediaType.APPLICATION_JSON);
        JsonNode body = body(response);
        String header = response.getHeaderString(CorrelationId.HEADER);
        assertThat(header).isNotBlank();
        if (correlationId != null) {
            assertThat(header).isEqualTo(correlationId);
        }
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.get("correlation_id").asText()).isEqualTo(header);
        assertThat(body.has("details") ? body.get("details").size() : 1).isPositive();
        return body;
    }

    private static JsonNode body(Response response) {
        try {
            return JSON.readTree(response.readEntity(String.class));
        } catch (Exception e) {
            throw new AssertionError("the body is not JSON", e);
        }
    }
}
