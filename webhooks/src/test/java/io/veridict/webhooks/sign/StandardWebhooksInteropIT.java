package io.veridict.webhooks.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.veridict.webhooks.sign.WebhookVerificationException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our signatures against the reference JavaScript implementation of Standard Webhooks (the npm
 * package {@code standardwebhooks}, driven by {@code interop/webhooks.mjs}), in both directions.
 *
 * <p>Needs Node.js on the PATH and {@code npm ci --prefix interop} at the repository root; when
 * either is missing the tests fail (they are not skipped). The library checks timestamps against
 * the machine's clock, so every message here is stamped with the current time.
 */
class StandardWebhooksInteropIT {

    private static final String PACKAGE_DIR = "interop/node_modules/standardwebhooks";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Path interop;

    @BeforeAll
    static void findNodeAndTheLibrary() throws Exception {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        Path root = null;
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(PACKAGE_DIR))) {
                root = dir;
                break;
            }
        }
        if (root == null) {
            fail("no " + PACKAGE_DIR + " in " + start + " or any folder above it: run `npm ci --prefix interop`"
                    + " at the repository root before this test");
        }
        interop = root.resolve("interop");
        assertThat(interop.resolve("webhooks.mjs")).as("the interop script").isRegularFile();
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0) {
                fail("`node --version` did not succeed: " + new String(version.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8));
            }
        } catch (IOException notFound) {
            fail("Node.js (`node`) is not on the PATH; it is needed to run interop/webhooks.mjs: " + notFound.getMessage());
        }
    }

    @Test
    void ourSignatureVerifiesWithTheLibrary() throws Exception {
        for (int keyBytes : new int[] {24, 32, 64}) {
            WebhookSecret secret = secretOf(keyBytes);
            String id = WebhookSigner.newMessageId();
            long now = nowSeconds();
            String body = "{\"type\":\"entry.appended\",\"data\":{\"tenant\":\"acme\",\"note\":\"Zoë \\\"quoted\\\" ✓\"}}";
            String header = WebhookSigner.sign(id, now, utf8(body), List.of(secret));

            assertThat(verifyWithLibrary(secret.reveal(), id, now, body, header)).as("%d-byte key", keyBytes).isEqualTo("ok");
            assertThat(verifyWithLibrary(secret.reveal().substring("whsec_".length()), id, now, body, header))
                    .as("%d-byte key without the whsec_ prefix", keyBytes).isEqualTo("ok");
        }
    }

    @Test
    void ourRotationPairVerifiesWithTheLibraryUnderEitherSecret() throws Exception {
        WebhookSecret oldSecret = WebhookSecret.generate();
        WebhookSecret newSecret = WebhookSecret.generate();
        String id = WebhookSigner.newMessageId();
        long now = nowSeconds();
        String body = "{\"type\":\"checkpoint.published\",\"data\":{\"size\":1024}}";
        String header = WebhookSigner.sign(id, now, utf8(body), List.of(oldSecret, newSecret));

        assertThat(header.split(" ")).hasSize(2);
        assertThat(verifyWithLibrary(oldSecret.reveal(), id, now, body, header)).isEqualTo("ok");
        assertThat(verifyWithLibrary(newSecret.reveal(), id, now, body, header)).isEqualTo("ok");
        assertThat(verifyWithLibrary(WebhookSecret.generate().reveal(), id, now, body, header))
                .isEqualTo("error: No matching signature found");
    }

    @Test
    void theLibraryRejectsWhatWasTamperedWith() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        String id = WebhookSigner.newMessageId();
        long now = nowSeconds();
        String body = "{\"type\":\"entry.appended\",\"data\":{\"seq\":41}}";
        String header = WebhookSigner.sign(id, now, utf8(body), List.of(secret));

        assertThat(verifyWithLibrary(secret.reveal(), id, now, body.replace("41", "42"), header))
                .isEqualTo("error: No matching signature found");
        assertThat(verifyWithLibrary(secret.reveal(), id, now, body + " ", header))
                .isEqualTo("error: No matching signature found");
        assertThat(verifyWithLibrary(secret.reveal(), id + "x", now, body, header))
                .isEqualTo("error: No matching signature found");
        assertThat(verifyWithLibrary(secret.reveal(), id, now - 1, body, header))
                .isEqualTo("error: No matching signature found");
    }

    @Test
    void theLibrarysSignatureVerifiesWithOurVerifier() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        String id = WebhookSigner.newMessageId();
        long now = nowSeconds();
        String body = "{\"type\":\"entry.appended\",\"data\":{\"seq\":7,\"note\":\"naïve\"}}";

        String header = signWithLibrary(secret.reveal(), id, now, jsonString(body), "body");

        assertThat(header).isEqualTo(WebhookSigner.sign(id, now, utf8(body), List.of(secret)));
        Map<String, String> headers = headers(id, now, header);
        Instant receivedAt = Instant.ofEpochSecond(now);
        assertThatCode(() -> WebhookVerifier.verify(headers, utf8(body), List.of(secret), receivedAt))
                .doesNotThrowAnyException();
        assertThatCode(() -> WebhookVerifier.verify(headers, utf8(body), List.of(WebhookSecret.generate(), secret),
                receivedAt)).doesNotThrowAnyException();
        assertThatThrownBy(() -> WebhookVerifier.verify(headers, utf8(body.replace('7', '8')), List.of(secret), receivedAt))
                .isInstanceOfSatisfying(WebhookVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_MATCHING_SIGNATURE));
        assertThatThrownBy(() -> WebhookVerifier.verify(headers, utf8(body), List.of(WebhookSecret.generate()), receivedAt))
                .isInstanceOfSatisfying(WebhookVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_MATCHING_SIGNATURE));
    }

    @Test
    void bodiesThatAreNotTextAgreeByteForByte() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        String id = WebhookSigner.newMessageId();
        long now = nowSeconds();
        byte[] body = new byte[300];
        RANDOM.nextBytes(body);
        body[0] = (byte) 0xc3;
        body[1] = (byte) 0x28; // not UTF-8
        String base64 = jsonString(Base64.getEncoder().encodeToString(body));

        String ours = WebhookSigner.sign(id, now, body, List.of(secret));
        NodeResult verdict = node("verify", "{\"secret\":" + jsonString(secret.reveal()) + ",\"id\":" + jsonString(id)
                + ",\"timestamp\":" + now + ",\"body_base64\":" + base64 + ",\"signature_header\":" + jsonString(ours) + "}");
        assertThat(verdict.stdout()).as(verdict.toString()).isEqualTo("ok");

        String theirs = signWithLibrary(secret.reveal(), id, now, base64, "body_base64");
        assertThat(theirs).isEqualTo(ours);
        assertThatCode(() -> WebhookVerifier.verify(headers(id, now, theirs), body, List.of(secret),
                Instant.ofEpochSecond(now))).doesNotThrowAnyException();
    }

    @Test
    void bothRefuseATimestampOutsideTheFiveMinuteWindow() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        String id = WebhookSigner.newMessageId();
        long now = nowSeconds();
        String body = "{}";
        long stale = now - 600;
        long early = now + 600;

        assertThat(verifyWithLibrary(secret.reveal(), id, stale, body,
                WebhookSigner.sign(id, stale, utf8(body), List.of(secret)))).isEqualTo("error: Message timestamp too old");
        assertThat(verifyWithLibrary(secret.reveal(), id, early, body,
                WebhookSigner.sign(id, early, utf8(body), List.of(secret)))).isEqualTo("error: Message timestamp too new");
        String staleHeader = signWithLibrary(secret.reveal(), id, stale, jsonString(body), "body");
        assertThatThrownBy(() -> WebhookVerifier.verify(headers(id, stale, staleHeader), utf8(body), List.of(secret),
                Instant.ofEpochSecond(now)))
                .isInstanceOfSatisfying(WebhookVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_TOO_OLD));
    }

    @Test
    void theLibrarySignsTheReferenceVectorAsWeDo() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String body = "{\"test\": 2432232314}";

        String theirs = signWithLibrary(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, jsonString(body), "body");

        assertThat(theirs)
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
                .isEqualTo(WebhookSigner.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, utf8(body),
                        List.of(WebhookSecret.parse(secret))));
    }

    private static String verifyWithLibrary(String secret, String id, long timestamp, String body, String header)
            throws Exception {
        NodeResult result = node("verify", "{\"secret\":" + jsonString(secret) + ",\"id\":" + jsonString(id)
                + ",\"timestamp\":" + timestamp + ",\"body\":" + jsonString(body)
                + ",\"signature_header\":" + jsonString(header) + "}");
        assertThat(result.exit()).as(result.toString()).isEqualTo(result.stdout().equals("ok") ? 0 : 1);
        return result.stdout();
    }

    /** {@code bodyJson} is already a JSON string, given as {@code bodyField}. */
    private static String signWithLibrary(String secret, String id, long timestamp, String bodyJson, String bodyField)
            throws Exception {
        NodeResult result = node("sign", "{\"secret\":" + jsonString(secret) + ",\"id\":" + jsonString(id)
                + ",\"timestamp\":" + timestamp + ",\"" + bodyField + "\":" + bodyJson + "}");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).startsWith("v1,");
        return result.stdout();
    }

    private static NodeResult node(String mode, String input) throws Exception {
        Process process = new ProcessBuilder("node", interop.resolve("webhooks.mjs").toString(), mode)
                .directory(interop.toFile())
                .start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("node interop/webhooks.mjs " + mode + " did not finish within 60 s");
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new NodeResult(process.exitValue(), stdout, stderr);
    }

    private record NodeResult(int exit, String stdout, String stderr) {
    }

    private static Map<String, String> headers(String id, long timestamp, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signature);
        return headers;
    }

    private static WebhookSecret secretOf(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return WebhookSecret.parse(Base64.getEncoder().encodeToString(key));
    }

    private static long nowSeconds() {
        return Instant.now().getEpochSecond();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string literal of {@code text}. */
    private static String jsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
