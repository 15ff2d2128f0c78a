package io.veridict.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.optional.EmptyOptionalException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;

class ExceptionTranslatorTest {

    record Sample(@NotNull String name, @Size(max = 2) List<String> tags) {
    }

    @Test
    void shouldPassAnApiExceptionThroughUnchanged() {
        ApiException error = new ApiException(ErrorCode.BATCH_EMPTY, "the batch holds no decisions");

        assertThat(ExceptionTranslator.translate(error)).isSameAs(error);
        assertThat(ExceptionTranslator.isUnexpected(error)).isFalse();
    }

    @Test
    void shouldKeepTheAllowHeaderOfA405() {
        ApiException error = ExceptionTranslator.translate(new NotAllowedException("not here", "GET", new String[] {"HEAD"}));

        assertThat(error.code()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(error.status()).isEqualTo(405);
        assertThat(error.headers().get("Allow")).contains("GET", "HEAD");
    }

    @Test
    void shouldKeepTheChallengeOfA401() {
        ApiException error = ExceptionTranslator.translate(new NotAuthorizedException("Bearer realm=\"veridict\""));

        assertThat(error.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(error.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"veridict\"");
    }

    @Test
    void shouldKeepTheRetryAfterOfA503AndNotCallItUnexpected() {
        ApiException error = ExceptionTranslator.translate(new ServiceUnavailableException(5L));

        assertThat(error.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(error.headers()).containsEntry("Retry-After", "5");
        assertThat(ExceptionTranslator.isUnexpected(error)).isFalse();
    }

    @Test
    void shouldKeepTheStatusOfAnUncataloguedClientError() {
        ApiException error = ExceptionTranslator.translate(new WebApplicationException(410));

        assertThat(error.status()).isEqualTo(410);
        assertThat(error.code()).isEqualTo("REQUEST_REJECTED");
    }

    @Test
    void shouldTurnAnyOtherServerErrorIntoAnInternalError() {
        WebApplicationException badGateway = new WebApplicationException("upstream db-7 timed out", 502);

        ApiException error = ExceptionTranslator.translate(badGateway);

        assertThat(error.status()).isEqualTo(500);
        assertThat(error.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(error.getMessage()).doesNotContain("db-7");
        assertThat(error.getCause()).isSameAs(badGateway);
        assertThat(ExceptionTranslator.isUnexpected(error)).isTrue();
    }

    @Test
    void shouldAnswerAnEmptyOptionalWithNotFound() {
        assertThat(ExceptionTranslator.translate(EmptyOptionalException.INSTANCE).code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void shouldTreatAClientThatStoppedSendingAsAnIncompleteBody() {
        ApiException error = ExceptionTranslator.translate(new ProcessingException(new EofException("early EOF")));

        assertThat(error.code()).isEqualTo("BODY_INCOMPLETE");
        assertThat(ExceptionTranslator.isUnexpected(error)).isFalse();
    }

    @Test
    void shouldListBeanValidationViolationsByProperty() {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            var violations = validator.validate(new Sample(null, List.of("a", "b", "c")));

            ApiException error = ExceptionTranslator.translate(new ConstraintViolationException(violations));

            assertThat(error.code()).isEqualTo("INVALID_REQUEST");
            assertThat(error.status()).isEqualTo(422);
            assertThat(error.details()).containsExactly(FieldProblem.of("name", "must not be null"),
                    FieldProblem.of("tags", "size must be between 0 and 2"));
        }
    }

    @Test
    void shouldAnswerAnythingElseWithAnInternalErrorThatHidesTheCause() {
        IllegalArgumentException bug = new IllegalArgumentException("tenant acme key=s3cr3t");

        ApiException error = ExceptionTranslator.translate(bug);

        assertThat(error.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(error.getMessage()).isEqualTo(ExceptionTranslator.INTERNAL_MESSAGE);
        assertThat(error.getCause()).isSameAs(bug);
        assertThat(error.details()).isEmpty();
    }
}
