package io.veridict.api.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.veridict.api.errors.ApiException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme", "a-1", "tenant-42", "abc"})
    void shouldAcceptAWellFormedTenantId(String tenant) {
        assertThat(RequestHeaders.tenantId(List.of(tenant))).isEqualTo(tenant);
    }

    @Test
    void shouldRequireTheTenantHeader() {
        ApiException absent = catchThrowableOfType(ApiException.class, () -> RequestHeaders.tenantId((List<String>) null));
        ApiException empty = catchThrowableOfType(ApiException.class, () -> RequestHeaders.tenantId(List.of("")));

        assertThat(absent.code()).isEqualTo("MISSING_TENANT_HEADER");
        assertThat(absent.status()).isEqualTo(400);
        assertThat(empty.code()).isEqualTo("MISSING_TENANT_HEADER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Acme", "-acme", "acme-", "ac me", "acme_corp", "äcme"})
    void shouldRefuseAMalformedTenantId(String tenant) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> RequestHeaders.tenantId(List.of(tenant)));

        assertThat(e.code()).isEqualTo("INVALID_TENANT_HEADER");
        assertThat(e.getMessage())
                .isEqualTo("X-Veridict-Tenant-Id must be 3 to 64 characters: lower-case letters, digits and inner hyphens");
    }

    @Test
    void shouldRefuseATenantIdLongerThan64Characters() {
        assertThat(RequestHeaders.tenantId(List.of("a".repeat(64)))).hasSize(64);
        assertThat(catchThrowableOfType(ApiException.class,
                () -> RequestHeaders.tenantId(List.of("a".repeat(65)))).code()).isEqualTo("INVALID_TENANT_HEADER");
    }

    @Test
    void shouldRefuseATenantHeaderSentTwice() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> RequestHeaders.tenantId(List.of("acme", "globex")));

        assertThat(e.code()).isEqualTo("INVALID_TENANT_HEADER");
        assertThat(e.getMessage()).isEqualTo("the X-Veridict-Tenant-Id header must be sent once");
    }

    @Test
    void shouldAcceptIdempotencyKeysThatAreOnePlainPathSegment() {
        assertThat(RequestHeaders.idempotencyKey(List.of("order-42.retry_1:b~2"))).isEqualTo("order-42.retry_1:b~2");
        assertThat(RequestHeaders.idempotencyKey(List.of("k".repeat(128)))).hasSize(128);
    }

    @Test
    void shouldRequireTheIdempotencyKey() {
        assertThat(catchThrowableOfType(ApiException.class, () -> RequestHeaders.idempotencyKey((List<String>) null))
                .code()).isEqualTo("MISSING_IDEMPOTENCY_KEY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "tab\tkey", "ключ", "a/b", "a%2F", "a\\b", "m;x=1", "q?x", "h#1", ".", "..",
            "key-expired/abcdefghijklmnop", "sys/key-expired/abcdefghijklmnop"})
    void shouldRefuseAMalformedIdempotencyKey(String key) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> RequestHeaders.idempotencyKey(List.of(key)));

        assertThat(e.code()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
        assertThat(e.getMessage()).isEqualTo("Idempotency-Key must be 1 to 128 characters of A-Z a-z 0-9 . _ ~ : - (and not . or ..)");
    }

    @Test
    void shouldRefuseAnIdempotencyKeyLongerThan128Characters() {
        assertThat(catchThrowableOfType(ApiException.class,
                () -> RequestHeaders.idempotencyKey(List.of("k".repeat(129)))).code()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
    }

    @Test
    void shouldLeaveRoomInABatchKeyForTheItemIndex() {
        FakeHeaders fits = FakeHeaders.of(RequestHeaders.IDEMPOTENCY_KEY, "k".repeat(124));
        FakeHeaders tooLong = FakeHeaders.of(RequestHeaders.IDEMPOTENCY_KEY, "k".repeat(125));

        String key = RequestHeaders.batchIdempotencyKey(fits, 500);
        ApiException e = catchThrowableOfType(ApiException.class, () -> RequestHeaders.batchIdempotencyKey(tooLong, 500));

        assertThat(RequestHeaders.batchItemKey(key, 499)).hasSize(128);
        assertThat(e.code()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
        assertThat(e.getMessage()).isEqualTo("Idempotency-Key must be 1 to 124 characters of A-Z a-z 0-9 . _ ~ : - (and not . or ..)");
    }

    @Test
    void shouldNameBatchItemsByKeyAndZeroBasedIndex() {
        assertThat(Arrays.asList(RequestHeaders.batchItemKey("b-7", 0), RequestHeaders.batchItemKey("b-7", 12)))
                .containsExactly("b-7:0", "b-7:12");
    }
}
