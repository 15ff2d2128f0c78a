package io.veridict.streams.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalKmsTest {

    private static final byte[] AAD = "tenant acme, key dk-1".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldWrapUnderTheFirstKekAndUnwrapWithTheSameAssociatedDataOnly() {
        LocalKms kms = LocalKms.parse(LocalKms.generate("kek-b") + "," + LocalKms.generate("kek-a"));
        byte[] dataKey = new byte[32];
        dataKey[0] = 7;

        Kms.Wrapped wrapped = kms.wrap(dataKey, AAD);

        assertThat(wrapped.kekId()).isEqualTo("kek-b").isEqualTo(kms.currentKekId());
        assertThat(wrapped.bytes()).hasSize(32 + 28);
        assertThat(kms.unwrap(wrapped, AAD)).isEqualTo(dataKey);
        assertThat(kms.wrap(dataKey, AAD).bytes()).as("a fresh nonce each time").isNotEqualTo(wrapped.bytes());
        assertThatThrownBy(() -> kms.unwrap(wrapped, "tenant globex, key dk-1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(KeyUnavailableException.class).hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> kms.unwrap(new Kms.Wrapped("kek-a", wrapped.bytes()), AAD))
                .as("another KEK's name on it").isInstanceOf(KeyUnavailableException.class);
        byte[] altered = wrapped.bytes().clone();
        altered[20] ^= 1;
        assertThatThrownBy(() -> kms.unwrap(new Kms.Wrapped("kek-b", altered), AAD)).isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void shouldUnwrapWhatAnEarlierKekWrappedOnceTheNewOneLeads() {
        String old = LocalKms.generate("kek-2026-06");
        Kms.Wrapped wrapped = LocalKms.parse(old).wrap(new byte[32], AAD);
        LocalKms rotated = LocalKms.parse(LocalKms.generate("kek-2026-12") + "\n" + old + "\n");

        assertThat(rotated.currentKekId()).isEqualTo("kek-2026-12");
        assertThat(rotated.unwrap(wrapped, AAD)).isEqualTo(new byte[32]);
        assertThatThrownBy(() -> LocalKms.parse(LocalKms.generate("kek-2026-12")).unwrap(wrapped, AAD))
                .isInstanceOf(KeyUnavailableException.class).hasMessageContaining("kek-2026-06 is not configured");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " , ", "kek-1", "Kek-1:AAAA", ":AAAA", "kek-1:not base64!", "kek-1:AAAA"})
    void shouldRefuseMalformedKeks(String text) {
        assertThatThrownBy(() -> LocalKms.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseADuplicateIdAndNeverQuoteAKey() {
        String key = Base64.getEncoder().encodeToString(new byte[31]);
        assertThatThrownBy(() -> LocalKms.parse("kek-1:" + key)).hasMessageContaining("32 bytes, not 31")
                .hasMessageNotContaining(key);
        String one = LocalKms.generate("kek-1");
        assertThatThrownBy(() -> LocalKms.parse(one + "," + one)).hasMessageContaining("appears twice");
        LocalKms kms = LocalKms.parse(one);
        assertThat(kms.toString()).contains("kek-1").doesNotContain(one.substring(6));
    }
}
