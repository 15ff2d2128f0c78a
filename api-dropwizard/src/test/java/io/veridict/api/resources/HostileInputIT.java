package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.auth.GuardAuditTest;
import io.veridict.api.cli.VeridictProcess;
import io.veridict.api.testing.RawHttp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile requests against every endpoint of a real dev stack: lengths, numbers and dates a
 * client chose are refused with a 4xx and never answered 5xx; answers never point at the Host
 * the client sent; every accepted idempotency key's receipt is reachable; and no refusal chains
 * anything.
 */
class HostileInputIT {

    private static final String DECISION = "{\"context\":{\"n\":1},\"decision\":\"approve\"}";

    @TempDir
    static Path tmp;
    static VeridictProcess stack;
    static LedgerClient api;

    @BeforeAll
    static void startStack() throws Exception {
        stack = VeridictProcess.dev(tmp.resolve("data")).withEnv("VERIDICT_RATE_LIMITS_ENABLED", "false")
                .start(Duration.ofSeconds(120));
        api = new LedgerClient(stack.apiPort, stack.operatorToken());
    }

    @AfterAll
    static void stopStack() throws Exception {
        try {
            assertThat(stack.output()).as("nothing above was an unexpected error").doesNotContain("Unexpected error");
        } finally {
            stack.close();
        }
    }

    @Test
    void shouldAnswerAHugeDeclaredLengthOnEveryEndpointWithoutAServerError() throws Exception {
        String key = api.keyOf("hostile-a");
        long size = headSize("hostile-a");
        List<String> answers = new ArrayList<>();
        for (String route : GuardAuditTest.routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace("{tenant_id}", "hostile-a")
                    .replace("{key_id}", key.substring(4, 20)).replace("{decision_id}", "d-1")
                    .replace("{idempotency_key}", "k-1").replace("{seq}", "0");
            for (String credential : List.of(key, api.operatorToken())) {
                String response = raw(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + credential + "\r\nX-Veridict-Tenant-Id: hostile-a\r\nIdempotency-Key: huge-1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 3000000000\r\n\r\n{");
                answers.add(route + (credential.equals(key) ? " (key)" : " (operator)") + " -> "
                        + response.substring(0, response.indexOf("\r\n")));
            }
        }

        assertThat(answers).hasSizeGreaterThanOrEqualTo(34).allSatisfy(a -> assertThat(a).matches(".* -> HTTP/1.1 [24]\\d\\d .*"));
        assertThat(answers).filteredOn(a -> a.startsWith("POST ")).allSatisfy(a -> assertThat(a).matches(".* -> HTTP/1.1 4\\d\\d .*"));
        assertThat(answers).filteredOn(a -> a.startsWith("POST /v1/decisions/record (key)") || a.startsWith("POST /v1/audit/verify (key)"))
                .allSatisfy(a -> assertThat(a).contains(" 413 "));
        String untyped = raw("POST /v1/audit/verify HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                + "\r\nX-Veridict-Tenant-Id: hostile-a\r\nContent-Length: 3000000000\r\n\r\n{");
        assertThat(untyped).as("a declared length over the limit, without a Content-Type").startsWith("HTTP/1.1 413 ");
        assertThat(headSize("hostile-a")).isEqualTo(size);
    }

    @Test
    void shouldRefuseOutOfRangeNumbersInPathsAndQueriesWithoutAServerError() throws Exception {
        api.keyOf("hostile-b");
        List<String> targets = new ArrayList<>();
        for (String number : List.of("99999999999999999999", "9223372036854775807", "-1", "1e3", "0x10", "%2B1", "", "%00")) {
            targets.add("/v1/audit/entries/" + number);
            targets.add("/v1/audit/entries?from_seq=" + number + "&limit=" + number);
            targets.add("/v1/audit/export?from_seq=" + number + "&to_seq=" + number);
        }
        for (String target : targets) {
            LedgerClient.Answer answer = api.get(target, "hostile-b");
            assertThat(answer.status()).as(target + ": " + answer.body()).isBetween(200, 499);
        }
        assertThat(api.get("/v1/audit/entries/9223372036854775807", "hostile-b").status()).isEqualTo(404);
        assertThat(api.get("/v1/audit/entries?from_seq=99999999999999999999", "hostile-b").json().get("code").asText())
                .isEqualTo("INVALID_REQUEST");
    }

    @Test
    void shouldRefuseAnExpiryBeyondTheYear9999() throws Exception {
        LedgerClient.Answer answer = api.post("/v1/keys", "hostile-c", null,
                "{\"scopes\":[\"audit:read\"],\"expires_at\":\"+999999999-12-31T23:59:59Z\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().get("details").get(0).get("field").asText()).isEqualTo("expires_at");
    }

    @Test
    void shouldAnswerLocationsRelativeToTheServerNotToTheClientsHost() throws Exception {
        String key = api.keyOf("hostile-d");
        for (String host : List.of("evil.example", "evil.example:443", "127.0.0.1:9")) {
            String response = raw("POST /v1/decisions/record HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + key
                    + "\r\nX-Veridict-Tenant-Id: hostile-d\r\nIdempotency-Key: loc-" + host.hashCode()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + DECISION.length() + "\r\nConnection: close\r\n\r\n"
                    + DECISION);

            assertThat(response).as(host).startsWith("HTTP/1.1 201 ").containsPattern("\r\nLocation: /v1/audit/entries/\\d+\r\n")
                    .doesNotContain(host);
        }
    }

    @Test
    void shouldReachTheReceiptOfEveryAcceptedIdempotencyKeyAtItsOwnPath() throws Exception {
        String idempotencyKey = "a.b_c~d:e-f";
        LedgerClient.Answer recorded = api.record("hostile-e", idempotencyKey, DECISION);
        LedgerClient.Answer receipt = api.get(Outcomes.receiptUri(idempotencyKey).toString(), "hostile-e");
        LedgerClient.Answer encoded = api.get("/v1/receipts/a.b_c%7Ed%3Ae-f", "hostile-e");
        LedgerClient.Answer matrix = api.get("/v1/receipts/" + idempotencyKey + ";x=1", "hostile-e");
        LedgerClient.Answer slash = api.record("hostile-e", "a/b", DECISION);

        assertThat(recorded.status()).isEqualTo(201);
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
        assertThat(receipt.json().get("seq")).isEqualTo(recorded.json().get("seq"));
        assertThat(encoded.json().get("seq")).isEqualTo(recorded.json().get("seq"));
        assertThat(matrix.status()).isEqualTo(400);
        assertThat(slash.json().get("code").asText()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
    }

    @Test
    void shouldTreatAVerifyRangeBeyondTheHeadAsARequestProblemAndAnEmptyBodyAsEverything() throws Exception {
        long size = headSize("hostile-f");
        LedgerClient.Answer beyond = api.post("/v1/audit/verify", "hostile-f", null, "{\"from_seq\":" + (size + 10) + "}");
        LedgerClient.Answer reversed = api.post("/v1/audit/verify", "hostile-f", null, "{\"from_seq\":1,\"to_seq\":0}");
        LedgerClient.Answer clamped = api.post("/v1/audit/verify", "hostile-f", null, "{\"to_seq\":" + (size + 10) + "}");
        LedgerClient.Answer empty = api.post("/v1/audit/verify", "hostile-f", null, "");

        assertThat(beyond.status()).isEqualTo(422);
        assertThat(beyond.json().get("details").get(0).get("field").asText()).isEqualTo("from_seq");
        assertThat(reversed.status()).isEqualTo(422);
        assertThat(reversed.json().get("details").get(0).get("field").asText()).isEqualTo("to_seq");
        assertThat(clamped.json().get("valid").asBoolean()).isTrue();
        assertThat(clamped.json().get("to_seq").asLong()).isEqualTo(size - 1);
        assertThat(empty.status()).as(empty.body()).isEqualTo(200);
        assertThat(empty.json().get("entries_checked").asLong()).isEqualTo(size);
    }

    @Test
    void shouldRefuseABatchItemOverTheMemberLimitAsTooManyFields() throws Exception {
        StringBuilder context = new StringBuilder("{");
        for (int i = 0; i < 5001; i++) {
            context.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        }
        context.append('}');
        String batch = "{\"decisions\":[" + DECISION + ",{\"context\":" + context + ",\"decision\":1}]}";

        LedgerClient.Answer answer = api.post("/v1/decisions/record:batch", "hostile-g", "fields-1", batch);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("code").asText()).isEqualTo("TOO_MANY_FIELDS");
        assertThat(answer.json().get("details").get(0).get("field").asText()).isEqualTo("decisions[1]");
    }

    private static long headSize(String tenant) throws Exception {
        JsonNode head = api.get("/v1/audit/head", tenant).json();
        return head.get("size").asLong();
    }

    private static String raw(String request) throws IOException {
        return RawHttp.exchange(stack.apiPort, request);
    }
}
