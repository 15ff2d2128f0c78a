package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.auth.AuthFactory;
import io.veridict.api.auth.TokenFormat;
import io.veridict.api.cli.VeridictProcess;
import io.veridict.dev.registry.BuiltInSchemaRegistry;
import io.veridict.dev.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service instances form one Streams application on one broker: any instance records,
 * and a read landing on the instance that does not own the tenant is redirected (307) to
 * the one that does; after {@code kill -9} of one, the other takes over its tenants.
 */
class MultiInstanceIT {

    private static final Path CONFIG = Path.of("..", "config", "veridict.yml");
    private static final int REVOCATIONS = 25;
    static final String OPERATOR_TOKEN = TokenFormat.newOperatorToken();
    static final String PEPPER = java.util.Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'p');
    /** Every instance holds the same key-encryption key: one seals what another opens. */
    static final String KEKS = io.veridict.streams.crypto.LocalKms.generate("cluster-kek");

    @TempDir
    Path tmp;

    @Test
    void shouldRedirectReadsToTheInstanceOwningTheTenant() throws Exception {
        try (TestKafka kafka = TestKafka.start(tmp.resolve("kafka"));
             BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.start(kafka.bootstrapServers(), "localhost", 0, (short) 1)) {
            VeridictProcess one = VeridictProcess.server(CONFIG, env(kafka, registry, tmp.resolve("state-one")), tmp.resolve("one.log"));
            VeridictProcess two = VeridictProcess.server(CONFIG, env(kafka, registry, tmp.resolve("state-two")), tmp.resolve("two.log"));
            one.withEnv("VERIDICT_ADVERTISED_URL", "http://localhost:" + one.apiPort);
            two.withEnv("VERIDICT_ADVERTISED_URL", "http://localhost:" + two.apiPort);
            try (one; two) {
                one.start(Duration.ofSeconds(120));
                two.start(Duration.ofSeconds(120));
                awaitBothRunning(one, two);

                LedgerClient writer = new LedgerClient(one.apiPort, OPERATOR_TOKEN);
                for (int t = 0; t < 8; t++) {
                    for (int i = 0; i <= t; i++) {
                        assertThat(writer.record("tenant-" + t, "k-" + i, "{\"context\":{\"i\":" + i + "},\"decision\":true}").status())
                                .isIn(200, 201);
                    }
                }

                HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
                Map<Integer, Integer> statuses = new HashMap<>();
                for (int t = 0; t < 8; t++) {
                    for (VeridictProcess instance : new VeridictProcess[] {one, two}) {
                        HttpRequest head = HttpRequest.newBuilder(URI.create("http://localhost:" + instance.apiPort + "/v1/audit/head"))
                                .header("X-Veridict-Tenant-Id", "tenant-" + t)
                                .header("Authorization", "Bearer " + writer.keyOf("tenant-" + t)).build();
                        HttpResponse<String> direct = noRedirects.send(head, HttpResponse.BodyHandlers.ofString());
                        statuses.merge(direct.statusCode(), 1, Integer::sum);
                        if (direct.statusCode() == 307) {
                            String location = direct.headers().firstValue("Location").orElseThrow();
                            assertThat(location).endsWith("/v1/audit/head").doesNotContain(":" + instance.apiPort + "/");
                        }
                        HttpResponse<String> followed = following.send(head, HttpResponse.BodyHandlers.ofString());
                        assertThat(followed.statusCode()).isEqualTo(200);
                        assertThat(LedgerClient.JSON.readTree(followed.body()).get("size").asLong()).isEqualTo(t + 1 + 2);
                    }
                }
                assertThat(statuses).as("each tenant is owned by exactly one instance").containsEntry(200, 8).containsEntry(307, 8);

                evaluatePublishedPoliciesOnTheOwner(writer, one, two, noRedirects, following);
                measureRevocationReachingTheOtherInstance(writer, one, two);
                takeOverAfterAKill(writer, one, two);
            }
        }
    }

    /**
     * Publishes a policy for each tenant through instance one (a request for a tenant instance two
     * owns is sent there), then evaluates it by id on both instances: the owner answers, the other
     * sends the evaluation to the owner (307), and followed, it answers the same.
     */
    private static void evaluatePublishedPoliciesOnTheOwner(LedgerClient writer, VeridictProcess one, VeridictProcess two,
                                                            HttpClient noRedirects, HttpClient following) throws Exception {
        String policy = "{\"document\":{\"policy_id\":\"limit\",\"version\":\"1\",\"outcome\":{\"mode\":\"first_match\","
                + "\"default\":\"APPROVE\"},\"rules\":[{\"id\":\"x-high\",\"severity\":\"HIGH\",\"message\":\"x over 1\","
                + "\"condition\":\"ctx.x > 1\",\"outcome\":\"DENY\"}]}}";
        Map<Integer, Integer> statuses = new HashMap<>();
        for (int t = 0; t < 8; t++) {
            HttpResponse<String> published = following.send(post(one, "/v1/policies", writer, t, policy),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
            for (VeridictProcess instance : new VeridictProcess[] {one, two}) {
                HttpRequest evaluate = post(instance, "/v1/decisions/evaluate", writer, t,
                        "{\"context\":{\"x\":2},\"policy\":{\"id\":\"limit\"}}");
                HttpResponse<String> direct = noRedirects.send(evaluate, HttpResponse.BodyHandlers.ofString());
                statuses.merge(direct.statusCode(), 1, Integer::sum);
                HttpResponse<String> followed = following.send(evaluate, HttpResponse.BodyHandlers.ofString());
                assertThat(followed.statusCode()).as(followed.body()).isEqualTo(200);
                assertThat(LedgerClient.JSON.readTree(followed.body()).get("outcome").asText()).isEqualTo("DENY");
            }
        }
        assertThat(statuses).as("the owner evaluates, the other instance sends it there").containsEntry(200, 8)
                .containsEntry(307, 8);
    }

    private static HttpRequest post(VeridictProcess instance, String path, LedgerClient writer, int tenant, String body)
            throws Exception {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + instance.apiPort + path))
                .header("X-Veridict-Tenant-Id", "tenant-" + tenant)
                .header("Authorization", "Bearer " + writer.keyOf("tenant-" + tenant))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /**
     * Revokes keys through instance one and measures how long instance two keeps accepting them.
     * Instance one refuses a key on the very next request after the revoke call returns.
     */
    private static void measureRevocationReachingTheOtherInstance(LedgerClient writer, VeridictProcess one, VeridictProcess two)
            throws Exception {
        LedgerClient viaOne = writer;
        LedgerClient viaTwo = writer.at(two.apiPort);
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < REVOCATIONS; i++) {
            JsonNode created = viaOne.post("/v1/keys", "tenant-1", null, "{\"scopes\":[\"audit:read\"]}").json();
            String key = created.get("key").asText();
            long visible = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            LedgerClient.Answer first = head(viaTwo, key);
            while (!accepted(first) && System.nanoTime() < visible) {
                Thread.sleep(5);
                first = head(viaTwo, key);
            }
            assertThat(accepted(first)).as("instance two accepts the new key within 10 s: " + first.body()).isTrue();
            assertThat(viaOne.post("/v1/keys/" + created.get("key_id").asText() + "/revoke", "tenant-1", null, "{}").status())
                    .isEqualTo(200);
            long revoked = System.nanoTime();
            assertThat(head(viaOne, key).body()).as("the revoking instance, very next request").contains("KEY_REVOKED");
            LedgerClient.Answer other = head(viaTwo, key);
            while (accepted(other) && System.nanoTime() - revoked < Duration.ofSeconds(10).toNanos()) {
                Thread.sleep(1); // polls leave the two instances the CPU they need
                other = head(viaTwo, key);
            }
            micros.add((System.nanoTime() - revoked) / 1_000);
            assertThat(other.body()).as("the other instance, within 10 s").contains("KEY_REVOKED");
        }
        Collections.sort(micros);
        System.out.printf("Revocation seen by the other instance after: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d revocations)%n",
                micros.get(micros.size() / 2) / 1000.0, micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0, micros.size());
    }

    /**
     * {@code kill -9} of instance one: instance two takes over its partitions and chains a
     * record for every tenant, each once (a retry under its idempotency key while the group moves
     * answers 202, then the receipt); every tenant's head then counts it exactly once.
     */
    private static void takeOverAfterAKill(LedgerClient writer, VeridictProcess one, VeridictProcess two) throws Exception {
        LedgerClient viaTwo = writer.at(two.apiPort);
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        long[] before = new long[8];
        for (int t = 0; t < 8; t++) {
            before[t] = size(following, writer, two, t);
        }
        one.kill();
        long killed = System.nanoTime();
        long deadline = killed + Duration.ofSeconds(120).toNanos();
        long slowest = 0;
        for (int t = 0; t < 8; t++) {
            LedgerClient.Answer answer = viaTwo.record("tenant-" + t, "after-kill", "{\"context\":{\"after\":true},\"decision\":true}");
            while (answer.status() != 200 && answer.status() != 201) {
                assertThat(answer.status()).as(answer.body()).isIn(202, 503);
                assertThat(System.nanoTime()).as("instance two chains tenant-" + t + " after the kill").isLessThan(deadline);
                Thread.sleep(100);
                answer = viaTwo.record("tenant-" + t, "after-kill", "{\"context\":{\"after\":true},\"decision\":true}");
            }
            slowest = System.nanoTime() - killed;
        }
        System.out.printf("After kill -9 of one instance, the other chained every tenant within %.1f s%n", slowest / 1e9);
        for (int t = 0; t < 8; t++) {
            assertThat(size(following, writer, two, t)).as("tenant-" + t).isEqualTo(before[t] + 1);
        }
    }

    private static long size(HttpClient client, LedgerClient writer, VeridictProcess instance, int tenant) throws Exception {
        HttpRequest head = HttpRequest.newBuilder(URI.create("http://localhost:" + instance.apiPort + "/v1/audit/head"))
                .header("X-Veridict-Tenant-Id", "tenant-" + tenant)
                .header("Authorization", "Bearer " + writer.keyOf("tenant-" + tenant)).build();
        HttpResponse<String> answer = client.send(head, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return LedgerClient.JSON.readTree(answer.body()).get("size").asLong();
    }

    /**
     * Whether the instance took the key: it answered the head (200), or sent the request on to
     * the instance owning the tenant (307), which it does only after authentication.
     */
    private static boolean accepted(LedgerClient.Answer answer) {
        return answer.status() == 200 || answer.status() == 307;
    }

    private static LedgerClient.Answer head(LedgerClient client, String key) throws Exception {
        return client.send(java.net.http.HttpRequest.newBuilder(client.base().resolve("/v1/audit/head"))
                .timeout(Duration.ofSeconds(10)).header("X-Veridict-Tenant-Id", "tenant-1")
                .header("Authorization", "Bearer " + key).GET().build());
    }

    private static Map<String, String> env(TestKafka kafka, BuiltInSchemaRegistry registry, Path stateDir) {
        Map<String, String> env = new HashMap<>();
        env.put("VERIDICT_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("VERIDICT_REGISTRY_URL", registry.url().toString());
        env.put("VERIDICT_BIND_HOST", "127.0.0.1");
        env.put("VERIDICT_STATE_DIR", stateDir.toString());
        env.put("VERIDICT_PARTITIONS", "6");
        env.put("VERIDICT_REPLICATION_FACTOR", "1");
        env.put("VERIDICT_MIN_ISR", "1");
        env.put("VERIDICT_STANDBY_REPLICAS", "0");
        env.put("VERIDICT_STREAM_THREADS", "1");
        env.put("VERIDICT_KEY_PEPPER", PEPPER);
        env.put("VERIDICT_KEKS", KEKS);
        env.put("VERIDICT_OPERATOR_TOKEN_SHA256", AuthFactory.hashOperatorToken(OPERATOR_TOKEN));
        env.put("VERIDICT_REQUIRE_HTTPS", "false");
        return env;
    }

    /** Both instances healthy at once: the group has settled with partitions on both. */
    private static void awaitBothRunning(VeridictProcess one, VeridictProcess two) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (one.health().statusCode() == 200 && two.health().statusCode() == 200) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the two instances did not settle:\n" + one.output() + "\n" + two.output());
    }
}
