package io.veridict.webhooks.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    @Test
    void generatesThirtyTwoRandomBytesInTheWhsecFormat() {
        WebhookSecret secret = WebhookSecret.generate();
        String revealed = secret.reveal();

        assertThat(revealed).startsWith("whsec_").hasSize("whsec_".length() + 44);
        assertThat(Base64.getDecoder().decode(revealed.substring(6))).hasSize(32);
        assertThat(WebhookSecret.generate().reveal()).isNotEqualTo(revealed);
    }

    @Test
    void parsesWhatItReveals() {
        WebhookSecret secret = WebhookSecret.generate();

        assertThat(WebhookSecret.parse(secret.reveal()).reveal()).isEqualTo(secret.reveal());
    }

    @Test
    void acceptsTheBase64WithoutThePrefixAndWithoutPadding() {
        WebhookSecret secret = WebhookSecret.generate();
        String base64 = secret.reveal().substring("whsec_".length());
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String expected = WebhookSigner.sign("msg_1", 1, body, List.of(secret));

        assertThat(WebhookSigner.sign("msg_1", 1, body, List.of(WebhookSecret.parse(base64)))).isEqualTo(expected);
        assertThat(WebhookSigner.sign("msg_1", 1, body, List.of(WebhookSecret.parse(base64.replace("=", "")))))
                .isEqualTo(expected);
    }

    @Test
    void acceptsKeysOf24To64Bytes() {
        assertThat(WebhookSecret.parse(whsec(24)).reveal()).isEqualTo(whsec(24));
        assertThat(WebhookSecret.parse(whsec(64)).reveal()).isEqualTo(whsec(64));
    }

    @Test
    void refusesKeysShorterThan24OrLongerThan64Bytes() {
        assertThatThrownBy(() -> WebhookSecret.parse(whsec(23))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 23");
        assertThatThrownBy(() -> WebhookSecret.parse(whsec(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTextThatIsNotBase64WithoutQuotingIt() {
        String bad = "whsec_not*base64*but*close*enough*to*leak*";

        assertThatThrownBy(() -> WebhookSecret.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("leak"));
        assertThatThrownBy(() -> WebhookSecret.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringRevealsNothing() {
        WebhookSecret secret = WebhookSecret.generate();
        String base64 = secret.reveal().substring("whsec_".length());

        assertThat(secret.toString()).isEqualTo("WebhookSecret[redacted]")
                .doesNotContain(base64)
                .doesNotContain(base64.substring(0, 8));
        assertThat(List.of(secret).toString()).isEqualTo("[WebhookSecret[redacted]]");
    }

    private static String whsec(int bytes) {
        byte[] key = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
