package io.veridict.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretHasherTest {

    private static final byte[] PEPPER = filled(7);

    @Test
    void shouldDependOnPepperKeyIdAndSecret() {
        TokenFormat.ApiKey key = TokenFormat.newApiKey();
        byte[] hash = new SecretHasher(PEPPER).hash(key);

        assertThat(hash).hasSize(32);
        assertThat(SecretHasher.matches(hash, new SecretHasher(PEPPER).hash(key))).isTrue();
        assertThat(SecretHasher.matches(hash, new SecretHasher(filled(8)).hash(key))).isFalse();
        assertThat(SecretHasher.matches(hash, new SecretHasher(PEPPER).hash(TokenFormat.newSecret(key.keyId())))).isFalse();
        assertThat(SecretHasher.matches(hash, new SecretHasher(PEPPER).hash(new TokenFormat.ApiKey("aaaaaaaaaaaaaaaa", key.secret()))))
                .isFalse();
    }

    @Test
    void shouldRefuseAShortPepper() {
        assertThatThrownBy(() -> new SecretHasher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
