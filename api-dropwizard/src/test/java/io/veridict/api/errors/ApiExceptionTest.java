package io.veridict.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ApiExceptionTest {

    @Test
    void shouldNotRecordAStackTraceForAClientError() {
        ApiException error = new ApiException(ErrorCode.MISSING_CREDENTIALS, "send an API key");

        assertThat(error.getStackTrace()).isEmpty();
        assertThat(error.withHeader("WWW-Authenticate", "Bearer").getStackTrace()).isEmpty();
    }

    @Test
    void shouldRecordAStackTraceForAServerError() {
        ApiException error = new ApiException(ErrorCode.INTERNAL_ERROR, ExceptionTranslator.INTERNAL_MESSAGE);

        assertThat(error.getStackTrace()).isNotEmpty();
        assertThat(error.withHeader("Retry-After", "5").getStackTrace()).isNotEmpty();
    }

    @Test
    void shouldKeepTheCauseOfAClientErrorWithItsStackTrace() {
        IOException cause = new IOException("truncated gzip");
        ApiException error = ExceptionTranslator.corruptGzip(cause);

        assertThat(error.status()).isLessThan(500);
        assertThat(error.getCause()).isSameAs(cause);
        assertThat(error.getCause().getStackTrace()).isNotEmpty();
    }

    @Test
    void shouldKeepHeadersCodeAndMessageInACopyWithAHeader() {
        ApiException error = new ApiException(ErrorCode.MISSING_CREDENTIALS, "send an API key")
                .withHeader("WWW-Authenticate", "Bearer realm=\"veridict\"");

        assertThat(error.status()).isEqualTo(401);
        assertThat(error.code()).isEqualTo("MISSING_CREDENTIALS");
        assertThat(error.getMessage()).isEqualTo("send an API key");
        assertThat(error.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"veridict\"");
    }
}
