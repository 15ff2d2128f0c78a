package io.veridict.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
    void shouldBeTheDocumentedHmac() throws Exception {
        TokenFormat.ApiKey key = TokenFormat.newApiKey();

        assertThat(new SecretHasher(PEPPER).hash(key)).isEqualTo(reference(PEPPER, key));
    }

    @Test
    void shouldGiveEachKeyItsOwnHashWhenOneThreadHashesManyAfterAnother() throws Exception {
        SecretHasher hasher = new SecretHasher(PEPPER);
        for (int i = 0; i < 50; i++) {
            TokenFormat.ApiKey key = TokenFormat.newApiKey();
            assertThat(hasher.hash(key)).isEqualTo(reference(PEPPER, key));
        }
    }

    @Test
    void shouldHashCorrectlyFromManyThreadsAtOnce() throws Exception {
        SecretHasher hasher = new SecretHasher(PEPPER);
        List<TokenFormat.ApiKey> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            keys.add(TokenFormat.newApiKey());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        for (TokenFormat.ApiKey key : keys) {
                            if (!Arrays.equals(hasher.hash(key), reference(PEPPER, key))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseAShortPepper() {
        assertThatThrownBy(() -> new SecretHasher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    /** HMAC-SHA-256(pepper, "veridict.key.v1" 0x00 key id 0x00 secret), with a Mac of its own. */
    private static byte[] reference(byte[] pepper, TokenFormat.ApiKey key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
        return mac.doFinal(("veridict.key.v1\0" + key.keyId() + "\0" + key.secret()).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
