package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.auth.TokenFormat;
import io.veridict.api.cli.VeridictProcess;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import io.veridict.api.auth.ActsOn;
import io.veridict.api.auth.GuardAuditTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys and tenants on a real dev stack: every credential problem answers its own code, a revoked
 * key is refused on the very next request, rotation overlaps end, expiries are enforced and
 * chained, suspension locks a tenant out.
 */
class AccessControlIT {

    private static final String DECISION = "{\"context\":{\"n\":1},\"decision\":\"approve\"}";

    @TempDir
    static Path tmp;
    static VeridictProcess stack;
    static LedgerClient api;

    @BeforeAll
    static void startStack() throws Exception {
        stack = VeridictProcess.dev(tmp.resolve("data")).withEnv("VERIDICT_EXPIRY_SWEEP_INTERVAL", "1s")
                .start(Duration.ofSeconds(120));
        api = new LedgerClient(stack.apiPort, stack.operatorToken());
    }

    @AfterAll
    static void stopStack() throws Exception {
        stack.close();
    }

    @Test
    void shouldAnswerEachCredentialProblemWithItsOwnCodeAndChainNothing() throws Exception {
        String key = api.keyOf("acme");
        String otherTenantsKey = api.keyOf("globex");
        String recordOnly = createKey("acme", "{\"scopes\":[\"decisions:record\"]}").get("key").asText();
        long before = api.get("/v1/audit/head", "acme").json().get("size").asLong();
        String typo = key.substring(0, key.length() - 1) + (key.endsWith("a") ? "b" : "a");
        String wrongSecret = TokenFormat.newSecret(key.substring(4, 20)).text();

        Map<String, LedgerClient.Answer> answers = new LinkedHashMap<>();
        answers.put("MISSING_CREDENTIALS", record(null, "acme"));
        answers.put("MALFORMED_CREDENTIALS", send(request("/v1/decisions/record", "acme").header("Authorization", "Basic YTpi")));
        answers.put("MALFORMED_CREDENTIALS ", record("not-a-key", "acme"));
        answers.put("CREDENTIAL_CHECKSUM_MISMATCH", record(typo, "acme"));
        answers.put("INVALID_CREDENTIALS", record(TokenFormat.newApiKey().text(), "acme"));
        answers.put("INVALID_CREDENTIALS ", record(wrongSecret, "acme"));
        answers.put("TENANT_MISMATCH", record(otherTenantsKey, "acme"));
        answers.put("INVALID_TENANT_HEADER", record(key, "Acme!"));
        answers.put("INSUFFICIENT_SCOPE", send(get("/v1/audit/head", "acme", recordOnly)));
        answers.put("FORBIDDEN", record(api.operatorToken(), "acme"));
        answers.put("OPERATOR_REQUIRED", send(post("/v1/tenants", null, key, "{\"tenant_id\":\"x-corp\",\"display_name\":\"X\"}")));
        answers.put("INVALID_CREDENTIALS  ", send(post("/v1/tenants", null, TokenFormat.newOperatorToken(),
                "{\"tenant_id\":\"x-corp\",\"display_name\":\"X\"}")));

        answers.forEach((code, answer) -> {
            assertThat(answer.json().get("code").asText()).as(code + ": " + answer.body()).isEqualTo(code.strip());
            assertThat(answer.json().get("correlation_id").asText()).as(code).isEqualTo(answer.correlationId());
        });
        assertThat(answers.values()).extracting(LedgerClient.Answer::status)
                .containsExactly(401, 401, 401, 401, 401, 401, 403, 400, 403, 403, 403, 401);
        // An unknown key id and a wrong secret read the same, word for word.
        assertThat(answers.get("INVALID_CREDENTIALS").json().get("message"))
                .isEqualTo(answers.get("INVALID_CREDENTIALS ").json().get("message"));
        assertThat(api.get("/v1/audit/head", "acme").json().get("size").asLong()).isEqualTo(before);
    }

    @Test
    void shouldRefuseARevokedKeyOnTheVeryNextRequest() throws Exception {
        JsonNode created = createKey("initech", "{\"scopes\":[\"decisions:record\"]}");
        String key = created.get("key").asText();
        String keyId = created.get("key_id").asText();
        assertThat(record(key, "initech").status()).isEqualTo(201);

        LedgerClient.Answer revoked = api.post("/v1/keys/" + keyId + "/revoke", "initech", null, "{\"reason\":\"left the team\"}");
        LedgerClient.Answer next = record(key, "initech");

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
        assertThat(revoked.json().has("key")).isFalse();
        assertThat(next.status()).isEqualTo(401);
        assertThat(next.json().get("code").asText()).isEqualTo("KEY_REVOKED");
        assertThat(api.post("/v1/keys/" + keyId + "/revoke", "initech", null, "{}").json().get("code").asText())
                .isEqualTo("KEY_NOT_ACTIVE");
        JsonNode last = lastEntry("initech");
        assertThat(last.get("entry_type").asText()).isEqualTo("KEY_OPERATION");
        assertThat(last.get("payload").asText()).contains("\"operation\":\"REVOKED\"", "\"key_id\":\"" + keyId + "\"",
                "left the team").doesNotContain(key.substring(21));
    }

    @Test
    void shouldKeepARotatedOutSecretForItsOverlapOnly() throws Exception {
        JsonNode created = createKey("hooli", "{\"scopes\":[\"decisions:record\"]}");
        String keyId = created.get("key_id").asText();
        String first = created.get("key").asText();

        JsonNode rotated = api.post("/v1/keys/" + keyId + "/rotate", "hooli", null, "{\"overlap_seconds\":3600}").json();
        String second = rotated.get("key").asText();
        assertThat(second).startsWith("vdk_" + keyId + "_").isNotEqualTo(first);
        assertThat(rotated.get("previous_secret_valid_until").asText()).isNotBlank();
        assertThat(record(first, "hooli").status()).as("old secret within its overlap").isEqualTo(201);
        assertThat(record(second, "hooli").status()).isEqualTo(201);

        String third = api.post("/v1/keys/" + keyId + "/rotate", "hooli", null, "{\"overlap_seconds\":0}").json().get("key").asText();
        assertThat(record(first, "hooli").json().get("code").asText()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(record(second, "hooli").json().get("code").asText()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(record(third, "hooli").status()).isEqualTo(201);
    }

    @Test
    void shouldRefuseAnExpiredKeyAndChainItsExpiry() throws Exception {
        JsonNode created = createKey("umbrella", "{\"scopes\":[\"decisions:record\"],\"expires_at\":\""
                + Instant.now().plusSeconds(3) + "\"}");
        String key = created.get("key").asText();
        assertThat(record(key, "umbrella").status()).isEqualTo(201);

        LedgerClient.Answer refused = await(() -> record(key, "umbrella"), a -> a.body().contains("\"code\":\"KEY_EXPIRED\""));
        assertThat(refused.status()).isEqualTo(401);
        JsonNode last = await(() -> lastEntryAnswer("umbrella"),
                a -> a.json().get("payload").asText().contains("\"operation\":\"EXPIRED\"")).json();
        assertThat(last.get("payload").asText()).contains("\"operation\":\"EXPIRED\"", created.get("key_id").asText());
    }

    @Test
    void shouldLockASuspendedTenantOutUntilItIsReactivated() throws Exception {
        String key = api.keyOf("soylent");
        String operator = api.operatorToken();

        assertThat(send(post("/v1/tenants/soylent/suspend", null, operator, "{\"reason\":\"unpaid\"}")).status()).isEqualTo(200);
        LedgerClient.Answer locked = record(key, "soylent");
        LedgerClient.Answer twice = send(post("/v1/tenants/soylent/suspend", null, operator, "{}"));
        assertThat(send(post("/v1/tenants/soylent/reactivate", null, operator, "{}")).status()).isEqualTo(200);

        assertThat(locked.status()).isEqualTo(403);
        assertThat(locked.json().get("code").asText()).isEqualTo("TENANT_SUSPENDED");
        assertThat(twice.json().get("code").asText()).isEqualTo("TENANT_STATUS_CONFLICT");
        assertThat(record(key, "soylent").status()).isEqualTo(201);
        assertThat(api.get("/v1/tenants/soylent", "soylent").json().get("status").asText()).isEqualTo("active");
    }

    @Test
    void shouldAnswerARetriedKeyCreationWithTheOriginalKeyButNeverItsSecretAgain() throws Exception {
        String admin = api.keyOf("wayne");
        HttpRequest create = post("/v1/keys", "wayne", admin, "{\"scopes\":[\"audit:read\"]}").header("Idempotency-Key", "key-1").build();
        LedgerClient.Answer first = api.send(create);
        LedgerClient.Answer retry = api.send(create);
        String limited = first.json().get("key").asText();

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("key_id")).isEqualTo(first.json().get("key_id"));
        assertThat(retry.json().has("key")).isFalse();
        assertThat(send(post("/v1/keys", "wayne", limited, "{\"scopes\":[\"decisions:record\"]}")).json().get("code").asText())
                .as("a key without keys:manage").isEqualTo("INSUFFICIENT_SCOPE");
        assertThat(send(post("/v1/tenants", null, api.operatorToken(), "{\"tenant_id\":\"wayne\",\"display_name\":\"W\"}"))
                .json().get("code").asText()).isEqualTo("TENANT_EXISTS");
        LedgerClient.Answer invalid = send(post("/v1/keys", "wayne", admin, "{\"scopes\":[\"root\"],\"expires_at\":\"yesterday\"}"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body()).contains("scopes[0]", "expires_at");
    }

    @Test
    void shouldCheckEveryEndpointActingOnAKeyAgainstTheScopesOfThatKey() throws Exception {
        String admin = api.keyOf("stark");
        String adminId = admin.substring(4, 20);
        String foreignId = api.keyOf("oscorp").substring(4, 20);
        JsonNode manager = createKey("stark", "{\"scopes\":[\"keys:manage\"]}");
        String managerKey = manager.get("key").asText();
        List<String> routes = GuardAuditTest.routes().stream().filter(r -> ActsOn.Kind.KEY.isNamedIn(r)).toList();
        assertThat(routes).as("routes acting on a key").hasSizeGreaterThanOrEqualTo(2);

        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String template = route.substring(route.indexOf(' ') + 1);
            String peerId = createKey("stark", "{\"scopes\":[\"keys:manage\"]}").get("key_id").asText();
            LedgerClient.Answer above = send(call(method, template.replace("{key_id}", adminId), "stark", managerKey));
            LedgerClient.Answer foreign = send(call(method, template.replace("{key_id}", foreignId), "stark", managerKey));
            LedgerClient.Answer within = send(call(method, template.replace("{key_id}", peerId), "stark", managerKey));

            assertThat(above.status()).as(route + " on a key above the caller: " + above.body()).isEqualTo(403);
            assertThat(above.json().get("code").asText()).as(route).isEqualTo("SCOPE_ESCALATION");
            assertThat(above.body()).as(route).doesNotContain("\"key\"");
            assertThat(foreign.status()).as(route + " on another tenant's key").isEqualTo(404);
            assertThat(within.status()).as(route + " on a key within the caller's scopes: " + within.body()).isEqualTo(200);
        }
        assertThat(send(get("/v1/audit/head", "stark", admin)).status()).as("the admin key is untouched").isEqualTo(200);
        JsonNode listed = send(get("/v1/keys", "stark", managerKey)).json();
        assertThat(listed.get("keys").findValuesAsText("key_id")).contains(manager.get("key_id").asText())
                .doesNotContain(adminId);
        assertThat(send(get("/v1/keys", "stark", admin)).json().get("keys").findValuesAsText("key_id")).contains(adminId);
        assertThat(send(post("/v1/keys", "stark", managerKey, "{\"scopes\":[\"keys:manage\",\"audit:read\"]}"))
                .json().get("code").asText()).isEqualTo("SCOPE_ESCALATION");
    }

    @Test
    void shouldKeepTheServicesOwnIdempotencyKeysOutOfClientsReach() throws Exception {
        JsonNode created = createKey("cyberdyne", "{\"scopes\":[\"decisions:record\"],\"expires_at\":\""
                + Instant.now().plusSeconds(3) + "\"}");
        String key = created.get("key").asText();
        String keyId = created.get("key_id").asText();
        for (String internal : List.of("key-expired/" + keyId, "sys/key-expired/" + keyId, "admin/x", "t-1/admin-key")) {
            LedgerClient.Answer answer = send(request("/v1/decisions/record", "cyberdyne")
                    .header("Authorization", "Bearer " + key).header("Idempotency-Key", internal));
            assertThat(answer.status()).as(internal + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.json().get("code").asText()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
        }

        JsonNode last = await(() -> lastEntryAnswer("cyberdyne"),
                a -> a.json().get("payload").asText().contains("\"operation\":\"EXPIRED\"")).json();
        assertThat(last.get("payload").asText()).contains(keyId);
        // The access view follows the chained entry through the access topic: shortly after, not at once.
        String expired = "\"key_id\":\"" + keyId + "\",\"tenant_id\":\"cyberdyne\",\"status\":\"expired\"";
        assertThat(await(() -> api.get("/v1/keys", "cyberdyne"), a -> a.body().contains(expired)).body()).contains(expired);
    }

    @Test
    void shouldIssueKeysToHoldersOnlyAsTheTenantAdminSays() throws Exception {
        String admin = api.keyOf("wayne");
        JsonNode adminKey = api.get("/v1/keys", "wayne").json().get("keys").get(0);
        assertThat(adminKey.get("holder").asText()).as("a tenant's first key").isEqualTo("admin");

        JsonNode bob = createKey("wayne", "{\"scopes\":[\"keys:manage\",\"decisions:record\"],\"holder\":\"bob@wayne\"}");
        assertThat(bob.get("holder").asText()).isEqualTo("bob@wayne");
        String bobKey = bob.get("key").asText();

        // A key without tenant:admin issues keys to its own holder only.
        LedgerClient.Answer inherited = send(call("POST", "/v1/keys", "wayne", bobKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"scopes\":[\"decisions:record\"]}")));
        assertThat(inherited.status()).as(inherited.body()).isEqualTo(201);
        assertThat(inherited.json().get("holder").asText()).isEqualTo("bob@wayne");
        long before = api.get("/v1/audit/head", "wayne").json().get("size").asLong();
        LedgerClient.Answer forOther = send(call("POST", "/v1/keys", "wayne", bobKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"scopes\":[\"decisions:record\"],\"holder\":\"carol@wayne\"}")));
        assertThat(forOther.status()).as(forOther.body()).isEqualTo(403);
        assertThat(forOther.json().get("code").asText()).isEqualTo("HOLDER_NOT_ALLOWED");
        LedgerClient.Answer badHolder = api.post("/v1/keys", "wayne", null, "{\"scopes\":[\"decisions:record\"],\"holder\":\"Bob Smith\"}");
        assertThat(badHolder.status()).isEqualTo(422);
        assertThat(api.get("/v1/audit/head", "wayne").json().get("size").asLong()).as("nothing chained").isEqualTo(before);

        JsonNode entry = api.get("/v1/audit/entries/" + (before - 1), "wayne").json();
        assertThat(entry.get("payload").asText()).contains("\"holder\":\"bob@wayne\"", "\"operation\":\"CREATED\"");
        assertThat(admin).isNotBlank();
    }

    private static HttpRequest.Builder call(String method, String path, String tenant, String credential) {
        return HttpRequest.newBuilder(api.base().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("X-Veridict-Tenant-Id", tenant).header("Authorization", "Bearer " + credential)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
    }

    private static JsonNode createKey(String tenant, String body) throws Exception {
        LedgerClient.Answer answer = api.post("/v1/keys", tenant, null, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    private static LedgerClient.Answer record(String key, String tenant) throws Exception {
        HttpRequest.Builder request = request("/v1/decisions/record", tenant)
                .header("Idempotency-Key", "r-" + System.nanoTime());
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request);
    }

    private static HttpRequest.Builder request(String path, String tenant) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.base().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(DECISION));
        if (tenant != null) {
            request.header("X-Veridict-Tenant-Id", tenant);
        }
        return request;
    }

    static HttpRequest.Builder post(String path, String tenant, String credential, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.base().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + credential)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (tenant != null) {
            request.header("X-Veridict-Tenant-Id", tenant);
        }
        return request;
    }

    static HttpRequest.Builder get(String path, String tenant, String credential) {
        return HttpRequest.newBuilder(api.base().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("X-Veridict-Tenant-Id", tenant).header("Authorization", "Bearer " + credential).GET();
    }

    private static LedgerClient.Answer send(HttpRequest.Builder request) throws Exception {
        return api.send(request.build());
    }

    private static JsonNode lastEntry(String tenant) throws Exception {
        return lastEntryAnswer(tenant).json();
    }

    private static LedgerClient.Answer lastEntryAnswer(String tenant) throws Exception {
        long size = api.get("/v1/audit/head", tenant).json().get("size").asLong();
        return api.get("/v1/audit/entries/" + (size - 1), tenant);
    }

    private interface Call {
        LedgerClient.Answer call() throws Exception;
    }

    /** Repeats {@code call} until its answer satisfies {@code done}, for up to 30 s; returns that answer. */
    private static LedgerClient.Answer await(Call call, java.util.function.Predicate<LedgerClient.Answer> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        LedgerClient.Answer answer = call.call();
        while (System.nanoTime() < deadline && !done.test(answer)) {
            Thread.sleep(200);
            answer = call.call();
        }
        assertThat(done.test(answer)).as(answer.body()).isTrue();
        return answer;
    }
}
