package io.veridict.webhooks.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignerTest {

    /** 32 bytes 0x00..0x1f. */
    private static final String KEY_BASE64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void signsIdDotTimestampDotBodyWithHmacSha256() throws Exception {
        byte[] key = Base64.getDecoder().decode(KEY_BASE64);
        String id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
        long timestamp = 1674087231L;
        byte[] body = "{\"type\":\"contact.created\",\"data\":{\"name\":\"Zoë\"}}".getBytes(StandardCharsets.UTF_8);

        // The documented byte string, assembled here independently of the signer.
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.write("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W.1674087231.".getBytes(StandardCharsets.US_ASCII));
        signed.write(body);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.toByteArray()));

        assertThat(WebhookSigner.sign(id, timestamp, body, List.of(WebhookSecret.parse("whsec_" + KEY_BASE64))))
                .isEqualTo(expected);
    }

    @Test
    void reproducesTheReferenceImplementationsVector() {
        // The vector the Standard Webhooks reference libraries test against.
        WebhookSecret secret = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSigner.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body, List.of(secret)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void sendsOneSignaturePerSecretInOrder() {
        WebhookSecret oldSecret = WebhookSecret.generate();
        WebhookSecret newSecret = WebhookSecret.generate();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        String both = WebhookSigner.sign("msg_rotation", 1700000000L, body, List.of(oldSecret, newSecret));

        assertThat(both.split(" ")).containsExactly(
                WebhookSigner.sign("msg_rotation", 1700000000L, body, List.of(oldSecret)),
                WebhookSigner.sign("msg_rotation", 1700000000L, body, List.of(newSecret)));
        assertThat(both).doesNotContain("  ").doesNotStartWith(" ").doesNotEndWith(" ");
    }

    @Test
    void headersAreIdTimestampAndSignature() {
        WebhookSecret secret = WebhookSecret.generate();
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);

        Map<String, String> headers = WebhookSigner.headers("msg_abc", 1700000000L, body, List.of(secret));

        assertThat(headers).containsExactly(
                Map.entry("webhook-id", "msg_abc"),
                Map.entry("webhook-timestamp", "1700000000"),
                Map.entry("webhook-signature", WebhookSigner.sign("msg_abc", 1700000000L, body, List.of(secret))));
        assertThatThrownBy(() -> headers.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void newMessageIdsAreValidAndDistinct() {
        String a = WebhookSigner.newMessageId();
        String b = WebhookSigner.newMessageId();

        assertThat(a).matches(WebhookSigner.MESSAGE_ID).hasSize(4 + 22);
        assertThat(b).matches(WebhookSigner.MESSAGE_ID).isNotEqualTo(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "msg_", "abc", "evt_abc", "MSG_abc", "msg_a.b", "msg_a b", "msg_a\r\nx-evil: 1",
            "msg_a\n", "msg_é", "msg_a/b", "msg_a+b", "msg_a=", " msg_a"})
    void refusesMessageIdsOutsideTheSafeCharset(String id) {
        List<WebhookSecret> secrets = List.of(WebhookSecret.generate());

        assertThatThrownBy(() -> WebhookSigner.sign(id, 1, new byte[0], secrets))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> WebhookSigner.headers(id, 1, new byte[0], secrets))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsIdsUpTo128CharactersAfterThePrefix() {
        List<WebhookSecret> secrets = List.of(WebhookSecret.generate());
        String longest = "msg_" + "a-_Z9".repeat(25) + "abc";

        assertThat(longest).hasSize(4 + 128);
        assertThat(WebhookSigner.sign(longest, 1, new byte[0], secrets)).startsWith("v1,");
        assertThatThrownBy(() -> WebhookSigner.sign(longest + "a", 1, new byte[0], secrets))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNegativeTimestampsAndBadSecretLists() {
        WebhookSecret secret = WebhookSecret.generate();
        List<WebhookSecret> eleven = new ArrayList<>(Collections.nCopies(11, secret));

        assertThatThrownBy(() -> WebhookSigner.sign("msg_a", -1, new byte[0], List.of(secret)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSigner.sign("msg_a", 1, new byte[0], List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSigner.sign("msg_a", 1, new byte[0], eleven))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSigner.sign("msg_a", 1, new byte[0], Collections.singletonList(null)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebhookSigner.sign("msg_a", 1, null, List.of(secret)))
                .isInstanceOf(NullPointerException.class);
        assertThat(WebhookSigner.sign("msg_a", 0, new byte[0], List.of(secret))).startsWith("v1,");
        assertThat(WebhookSigner.sign("msg_a", 1, new byte[0], eleven.subList(0, 10)).split(" ")).hasSize(10);
    }
}
