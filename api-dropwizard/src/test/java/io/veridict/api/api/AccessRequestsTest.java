package io.veridict.api.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.errors.ApiException;
import io.veridict.api.errors.FieldProblem;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AccessRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "10000-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z", "2030-01-01", "2030-01-01T00:00Z", "2030-13-01T00:00:00Z", "2030-02-30T00:00:00Z",
            "2030-01-01T24:00:01Z", "2030-01-01T00:00:00", "2030-01-01T00:00:00+25:00", "2030-01-01T00:00:00.1234567890Z",
            "2030-01-01 00:00:00Z", "２０３０-01-01T00:00:00Z", "1e10", "20300101T000000Z"})
    void shouldRefuseAnExpiryThatIsNotAFourDigitYearRfc3339Timestamp(String expiresAt) throws Exception {
        ApiException e = catchThrowableOfType(ApiException.class, () -> AccessRequests.NewKey.fromJson(
                body("{\"scopes\":[\"audit:read\"],\"expires_at\":" + JSON.writeValueAsString(expiresAt) + "}"), NOW));

        assertThat(e).as(expiresAt).isNotNull();
        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(e.details()).containsExactly(FieldProblem.of("expires_at",
                "must be an RFC 3339 timestamp with a four-digit year, such as 2030-01-01T00:00:00Z"));
    }

    @Test
    void shouldAcceptExpiriesWithOffsetsFractionsAndTheLastYear() throws Exception {
        assertThat(expiry("2030-01-01T00:00:00Z")).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(expiry("2030-01-01T02:00:00+02:00")).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(expiry("2030-01-01T00:00:00.123456Z")).isEqualTo(Instant.parse("2030-01-01T00:00:00.123Z"));
        assertThat(expiry("9999-12-31T23:59:59.999Z")).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
    }

    @Test
    void shouldRefuseAnExpiryInThePast() throws Exception {
        ApiException e = catchThrowableOfType(ApiException.class, () -> expiry("2026-11-30T23:59:59Z"));

        assertThat(e.details()).containsExactly(FieldProblem.of("expires_at", "must be in the future"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e30", "99999999999999999999999", "-1", "604801", "1.5", "\"60\"", "true", "-9223372036854775808"})
    void shouldRefuseAnOverlapOutsideZeroToTheMaximum(String overlap) throws Exception {
        ApiException e = catchThrowableOfType(ApiException.class, () -> AccessRequests.Rotation.fromJson(
                body("{\"overlap_seconds\":" + overlap + "}"), Duration.ofHours(1), Duration.ofDays(7)));

        assertThat(e).as(overlap).isNotNull();
        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(e.details()).extracting(FieldProblem::field).containsExactly("overlap_seconds");
    }

    private static Instant expiry(String text) throws Exception {
        return AccessRequests.NewKey.fromJson(body("{\"scopes\":[\"audit:read\"],\"expires_at\":\"" + text + "\"}"), NOW)
                .expiresAt();
    }

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }
}
