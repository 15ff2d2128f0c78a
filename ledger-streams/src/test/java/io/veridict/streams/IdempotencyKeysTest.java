package io.veridict.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"loan-2026-0001", "0f8fad5b-d9cb-469f-a165-70867728950e", "batch-7:12", "a", "A.b_c~d:e-f",
            "...", ".a", "a."})
    void shouldAcceptClientKeysThatAreOnePlainPathSegment(String key) {
        assertThat(IdempotencyKeys.isClientKey(key)).isTrue();
        assertThat(URI.create("/v1/receipts/" + key).normalize().getPath()).isEqualTo("/v1/receipts/" + key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a%2Fb", "a\\b", "m;x=1", "a?b", "a#b", "a b", "a+b", "a=b", "a@b",
            "é", "a\tb", "key-expired/abcdefghijklmnop"})
    void shouldRefuseClientKeysThatAreNotOnePlainPathSegment(String key) {
        assertThat(IdempotencyKeys.isClientKey(key)).isFalse();
    }

    @Test
    void shouldRefuseClientKeysLongerThan128Characters() {
        assertThat(IdempotencyKeys.isClientKey("k".repeat(128))).isTrue();
        assertThat(IdempotencyKeys.isClientKey("k".repeat(129))).isFalse();
    }

    @Test
    void shouldKeepEveryInternalKeyOutOfTheClientNamespace() {
        String[] internal = {IdempotencyKeys.keyExpiry("abcdefghijklmnop"), IdempotencyKeys.randomAdmin(),
                IdempotencyKeys.derived("tenant-create-1", "admin-key")};
        for (String key : internal) {
            assertThat(IdempotencyKeys.isInternal(key)).as(key).isTrue();
            assertThat(IdempotencyKeys.isClientKey(key)).as(key).isFalse();
            assertThat(IdempotencyKeys.ANY.matcher(key).matches()).as(key).isTrue();
        }
    }
}
