package io.veridict.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With {@code server.registerDefaultExceptionMappers: false} the intake layer still answers every error. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorHandlingWithoutDefaultMappersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceExtension RESOURCES = build();

    private static ResourceExtension build() {
        ResourceExtension.Builder builder = ResourceExtension.builder()
                .setRegisterDefaultExceptionMappers(false)
                .addResource(new IntakeTestResource());
        ErrorHandling.providers().forEach(builder::addProvider);
        return builder.build();
    }

    @Test
    void shouldAnswerAnUnexpectedExceptionWithInternalError() throws Exception {
        Response response;
        try (CapturedLog log = CapturedLog.of(ApiExceptionMapper.class)) {
            response = RESOURCES.target("/test/boom").request().get();
        }

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(code(response)).isEqualTo("INTERNAL_ERROR");
    }

    @Test
    void shouldAnswerJacksonProviderErrors() throws Exception {
        Response response = RESOURCES.target("/test/json-only").request().post(Entity.json("{\"a\":1,}"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(code(response)).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void shouldAnswerBeanValidationErrors() throws Exception {
        Response response = RESOURCES.target("/test/validated").queryParam("limit", 1000).request().get();

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(code(response)).isEqualTo("INVALID_REQUEST");
    }

    private static String code(Response response) throws Exception {
        JsonNode body = JSON.readTree(response.readEntity(String.class));
        assertThat(body.get("correlation_id").asText()).isEqualTo(response.getHeaderString(CorrelationId.HEADER));
        return body.get("code").asText();
    }
}
