package io.veridict.webhooks.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veridict.webhooks.sign.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTest {

    private static final long T = 1_767_225_600L;
    private static final Instant NOW = Instant.ofEpochSecond(T);
    private static final String ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private static final byte[] BODY = "{\"type\":\"entry.appended\",\"data\":{\"seq\":42}}".getBytes(StandardCharsets.UTF_8);

    private final WebhookSecret secret = WebhookSecret.generate();
    private final WebhookSecret other = WebhookSecret.generate();

    @Test
    void acceptsWhatTheSignerProduced() {
        Map<String, String> headers = WebhookSigner.headers(ID, T, BODY, List.of(secret));

        assertThatCode(() -> WebhookVerifier.verify(headers, BODY, List.of(secret), NOW)).doesNotThrowAnyException();
        assertThatCode(() -> WebhookVerifier.verify(headers, BODY, List.of(other, secret), NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsAnEmptyBodyAndAnyBytes() {
        byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 0x28, '.', '\n'};

        assertThatCode(() -> WebhookVerifier.verify(WebhookSigner.headers(ID, T, new byte[0], List.of(secret)),
                new byte[0], List.of(secret), NOW)).doesNotThrowAnyException();
        assertThatCode(() -> WebhookVerifier.verify(WebhookSigner.headers(ID, T, binary, List.of(secret)),
                binary, List.of(secret), NOW)).doesNotThrowAnyException();
    }

    @Test
    void duringARotationEitherSecretVerifies() {
        WebhookSecret oldSecret = WebhookSecret.generate();
        WebhookSecret newSecret = WebhookSecret.generate();
        Map<String, String> headers = WebhookSigner.headers(ID, T, BODY, List.of(oldSecret, newSecret));

        assertThat(headers.get("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThatCode(() -> WebhookVerifier.verify(headers, BODY, List.of(oldSecret), NOW)).doesNotThrowAnyException();
        assertThatCode(() -> WebhookVerifier.verify(headers, BODY, List.of(newSecret), NOW)).doesNotThrowAnyException();
        assertReason(headers, BODY, List.of(other), NOW, Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void refusesAnotherSecret() {
        assertReason(WebhookSigner.headers(ID, T, BODY, List.of(secret)), BODY, List.of(other), NOW,
                Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void refusesATamperedBody() {
        Map<String, String> headers = WebhookSigner.headers(ID, T, BODY, List.of(secret));
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] ^= 1;

        assertReason(headers, tampered, List.of(secret), NOW, Reason.NO_MATCHING_SIGNATURE);
        assertReason(headers, new byte[0], List.of(secret), NOW, Reason.NO_MATCHING_SIGNATURE);
        byte[] longer = (new String(BODY, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        assertReason(headers, longer, List.of(secret), NOW, Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void refusesATamperedId() {
        Map<String, String> headers = new HashMap<>(WebhookSigner.headers(ID, T, BODY, List.of(secret)));
        headers.put("webhook-id", ID + "x");

        assertReason(headers, BODY, List.of(secret), NOW, Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void refusesATamperedTimestamp() {
        Map<String, String> headers = new HashMap<>(WebhookSigner.headers(ID, T, BODY, List.of(secret)));
        headers.put("webhook-timestamp", Long.toString(T + 1));

        assertReason(headers, BODY, List.of(secret), NOW, Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void refusesFieldsShiftedAcrossTheDelimiters() {
        // "msg_a" + ".1767225600." + "x" and "msg_a" + ".1767225600." + ".x" differ only in the body
        Map<String, String> headers = WebhookSigner.headers("msg_a", T, "x".getBytes(StandardCharsets.UTF_8),
                List.of(secret));

        assertReason(headers, ".x".getBytes(StandardCharsets.UTF_8), List.of(secret), NOW, Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void acceptsTimestampsExactlyFiveMinutesOffEitherWay() {
        Map<String, String> headers = WebhookSigner.headers(ID, T, BODY, List.of(secret));

        assertThatCode(() -> WebhookVerifier.verify(headers, BODY, List.of(secret), NOW.plusSeconds(300)))
                .doesNotThrowAnyException();
        assertThatCode(() -> WebhookVerifier.verify(headers, BODY, List.of(secret), NOW.minusSeconds(300)))
                .doesNotThrowAnyException();
        // The receiver's clock is read in whole seconds, as the timestamp is.
        assertThatCode(() -> WebhookVerifier.verify(headers, BODY, List.of(secret), NOW.plusSeconds(300).plusMillis(999)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesTimestampsMoreThanFiveMinutesOff() {
        Map<String, String> headers = WebhookSigner.headers(ID, T, BODY, List.of(secret));

        assertReason(headers, BODY, List.of(secret), NOW.plusSeconds(301), Reason.TIMESTAMP_TOO_OLD);
        assertReason(headers, BODY, List.of(secret), NOW.minusSeconds(301), Reason.TIMESTAMP_TOO_NEW);
        assertReason(headers, BODY, List.of(secret), NOW.minusMillis(300_001), Reason.TIMESTAMP_TOO_NEW);
        assertReason(headers, BODY, List.of(secret), Instant.EPOCH, Reason.TIMESTAMP_TOO_NEW);
        assertReason(headers, BODY, List.of(secret), Instant.MAX, Reason.TIMESTAMP_TOO_OLD);
    }

    @Test
    void checksTheTimestampBeforeTheSignature() {
        Map<String, String> headers = WebhookSigner.headers(ID, T, BODY, List.of(secret));

        assertReason(headers, BODY, List.of(other), NOW.plusSeconds(3600), Reason.TIMESTAMP_TOO_OLD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook-id", "webhook-timestamp", "webhook-signature"})
    void refusesAMissingOrEmptyHeader(String name) {
        Map<String, String> headers = new HashMap<>(WebhookSigner.headers(ID, T, BODY, List.of(secret)));
        headers.remove(name);
        assertReason(headers, BODY, List.of(secret), NOW, Reason.MISSING_HEADER);

        headers.put(name, "");
        assertReason(headers, BODY, List.of(secret), NOW, Reason.MISSING_HEADER);

        headers.put(name, null);
        assertReason(headers, BODY, List.of(secret), NOW, Reason.MISSING_HEADER);
    }

    @Test
    void readsHeaderNamesInAnyCase() {
        Map<String, String> headers = new LinkedHashMap<>();
        WebhookSigner.headers(ID, T, BODY, List.of(secret)).forEach((name, value) -> headers.put(name.toUpperCase(), value));
        headers.put("Content-Type", "application/json");

        assertThatCode(() -> WebhookVerifier.verify(headers, BODY, List.of(secret), NOW)).doesNotThrowAnyException();
    }

    @Test
    void refusesAHeaderGivenTwiceInDifferentCase() {
        Map<String, String> headers = new HashMap<>(WebhookSigner.headers(ID, T, BODY, List.of(secret)));
        headers.put("Webhook-Signature", "v1,AAAA");

        assertReason(headers, BODY, List.of(secret), NOW, Reason.INVALID_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "+1767225600", "1767225600.0", "1767225600 ", " 1767225600", "1e9",
            "0x69553480", "9999999999999999999", "١٧٦٧٢٢٥٦٠٠"})
    void refusesTimestampsThatAreNotPlainIntegers(String timestamp) {
        Map<String, String> headers = new HashMap<>(WebhookSigner.headers(ID, T, BODY, List.of(secret)));
        headers.put("webhook-timestamp", timestamp);

        assertReason(headers, BODY, List.of(secret), NOW, Reason.INVALID_TIMESTAMP);
    }

    @Test
    void refusesHeadersLongerThan4KiB() {
        Map<String, String> headers = new HashMap<>(WebhookSigner.headers(ID, T, BODY, List.of(secret)));
        String valid = headers.get("webhook-signature");
        headers.put("webhook-signature", valid + " ".repeat(4096 - valid.length()));
        assertThatCode(() -> WebhookVerifier.verify(headers, BODY, List.of(secret), NOW)).doesNotThrowAnyException();

        headers.put("webhook-signature", valid + " ".repeat(4097 - valid.length()));
        assertReason(headers, BODY, List.of(secret), NOW, Reason.INVALID_HEADER);

        Map<String, String> longId = new HashMap<>(WebhookSigner.headers(ID, T, BODY, List.of(secret)));
        longId.put("webhook-id", "msg_" + "a".repeat(5000));
        assertReason(longId, BODY, List.of(secret), NOW, Reason.INVALID_HEADER);
    }

    @Test
    void readsAtMostTenSignatures() {
        Map<String, String> headers = new HashMap<>(WebhookSigner.headers(ID, T, BODY, List.of(secret)));
        String valid = headers.get("webhook-signature");
        String filler = "v1," + Base64.getEncoder().encodeToString(new byte[32]) + " ";

        headers.put("webhook-signature", filler.repeat(9) + valid);
        assertThatCode(() -> WebhookVerifier.verify(headers, BODY, List.of(secret), NOW)).doesNotThrowAnyException();

        headers.put("webhook-signature", filler.repeat(10) + valid);
        assertReason(headers, BODY, List.of(secret), NOW, Reason.INVALID_HEADER);
    }

    @Test
    void skipsUnknownVersionsAndUnreadableEntries() {
        Map<String, String> headers = new HashMap<>(WebhookSigner.headers(ID, T, BODY, List.of(secret)));
        String valid = headers.get("webhook-signature");
        String v1a = "v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==";

        headers.put("webhook-signature", v1a + " v2," + valid.substring(3) + " v1,***notbase64*** v1,AAAA v1 ,  " + valid);
        assertThatCode(() -> WebhookVerifier.verify(headers, BODY, List.of(secret), NOW)).doesNotThrowAnyException();

        headers.put("webhook-signature", v1a + " v2," + valid.substring(3) + " " + valid.substring(3) + " V1," + valid.substring(3));
        assertReason(headers, BODY, List.of(secret), NOW, Reason.NO_MATCHING_SIGNATURE);

        headers.put("webhook-signature", "   ");
        assertReason(headers, BODY, List.of(secret), NOW, Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void verifiesTheReferenceImplementationsVector() {
        Map<String, String> headers = Map.of(
                "webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "webhook-timestamp", "1614265330",
                "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        Instant then = Instant.ofEpochSecond(1614265330L);

        assertThatCode(() -> WebhookVerifier.verify(headers, body,
                List.of(WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")), then)).doesNotThrowAnyException();
        assertThatCode(() -> WebhookVerifier.verify(headers, body,
                List.of(WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")), then)).doesNotThrowAnyException();
    }

    @Test
    void messagesNeverQuoteHeaderValues() {
        Map<String, String> headers = new HashMap<>(WebhookSigner.headers(ID, T, BODY, List.of(secret)));
        headers.put("webhook-timestamp", "evil\r\ninjected");

        assertThatThrownBy(() -> WebhookVerifier.verify(headers, BODY, List.of(secret), NOW))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageNotContaining("evil")
                .hasMessageStartingWith("INVALID_TIMESTAMP: ");
    }

    @Test
    void needsAtLeastOneSecret() {
        Map<String, String> headers = WebhookSigner.headers(ID, T, BODY, List.of(secret));

        assertThatThrownBy(() -> WebhookVerifier.verify(headers, BODY, List.of(), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertReason(Map<String, String> headers, byte[] body, List<WebhookSecret> secrets, Instant now,
                                     Reason reason) {
        assertThatThrownBy(() -> WebhookVerifier.verify(headers, body, secrets, now))
                .isInstanceOfSatisfying(WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
