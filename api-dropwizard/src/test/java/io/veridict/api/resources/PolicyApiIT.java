package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.cli.Reevaluation;
import io.veridict.api.cli.VeridictProcess;
import io.veridict.policy.CompiledPolicy;
import io.veridict.policy.Evaluation;
import io.veridict.policy.PolicyCompiler;
import io.veridict.policy.PolicyDocument;
import io.veridict.verifier.ExportReader;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published policies and decisions recorded with their evaluation, over real HTTP against
 * {@code veridict dev} on a real broker (docs/policies.md §13, §14): publication, statuses and
 * their entries; evaluation by id, version and hash; recording with evaluation, refusals that
 * record nothing, overrides; scopes and tenants; and the export re-evaluated by the auditor's
 * code, clean, while the chain verifies.
 */
class PolicyApiIT {

    private static final String TENANT = "policyco";
    private static final String OTHER = "otherco";
    private static final String V1 = """
            {"policy_id":"credit-limit","version":"1","outcome":{"mode":"first_match","default":"APPROVE"},
             "rules":[{"id":"amount-over-limit","severity":"HIGH","message":"amount over 50000 EUR",
                       "condition":"ctx.amount_eur > 50000.0","outcome":"DENY"}]}""";
    private static final String V2 = """
            {"policy_id":"credit-limit","version":"2","outcome":{"mode":"first_match","default":"APPROVE"},
             "rules":[{"id":"amount-over-limit","severity":"HIGH","message":"amount over 20000 EUR",
                       "condition":"ctx.amount_eur > 20000.0","outcome":"DENY"},
                      {"id":"new-customer","severity":"MEDIUM","message":"customer for less than 30 days",
                       "condition":"ctx.customer_days < 30.0","outcome":"REVIEW"}]}""";

    @TempDir
    static Path tmp;
    static VeridictProcess stack;
    static LedgerClient api;
    static String readOnly;
    static String recorder;

    @BeforeAll
    static void startStack() throws Exception {
        stack = VeridictProcess.dev(tmp.resolve("data")).withEnv("VERIDICT_RETENTION_RUN_INTERVAL", "1 hour")
                .withEnv("VERIDICT_CHECKPOINT_INTERVAL", "1h").start(Duration.ofSeconds(120));
        api = new LedgerClient(stack.apiPort, stack.operatorToken());
        readOnly = api.post("/v1/keys", TENANT, null, "{\"scopes\":[\"policies:read\"]}").json().get("key").asText();
        recorder = api.post("/v1/keys", TENANT, null, "{\"scopes\":[\"decisions:record\",\"decisions:read\"]}")
                .json().get("key").asText();
    }

    @AfterAll
    static void stopStack() throws Exception {
        stack.close();
    }

    @Test
    void shouldPublishEvaluateRecordAndReevaluateAgainstPublishedVersions() throws Exception {
        String v1Hash = PolicyDocument.parse(V1.getBytes(StandardCharsets.UTF_8)).hash();
        String v2Hash = PolicyDocument.parse(V2.getBytes(StandardCharsets.UTF_8)).hash();

        // Publishing: an entry each, a version once, a bad rule refused with its id and nothing chained.
        LedgerClient.Answer published = api.post("/v1/policies", TENANT, "pub-v1", "{\"document\":" + V1 + ",\"reason\":\"limits\"}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        assertThat(published.json().get("operation").asText()).isEqualTo("POLICY_PUBLISHED");
        assertThat(published.json().get("policy_hash").asText()).isEqualTo(v1Hash);
        assertThat(published.json().get("status").asText()).isEqualTo("ACTIVE");
        long v1Seq = published.json().get("seq").asLong();
        assertThat(api.get("/v1/audit/entries/" + v1Seq, TENANT).json().get("entry_type").asText()).isEqualTo("POLICY_OPERATION");
        JsonNode head = head();
        LedgerClient.Answer again = api.post("/v1/policies", TENANT, "pub-v1-again", "{\"document\":" + V1 + "}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("POLICY_VERSION_EXISTS");
        LedgerClient.Answer broken = api.post("/v1/policies", TENANT, "pub-broken", "{\"document\":"
                + V2.replace("ctx.customer_days < 30.0", "ctx.customer_days <") + "}");
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.json().get("code").asText()).isEqualTo("RULE_COMPILE_ERROR");
        assertThat(broken.json().get("details").get(0).get("rule_id").asText()).isEqualTo("new-customer");
        assertThat(broken.json().get("details").get(0).get("field").asText()).isEqualTo("document.rules[1].condition");
        assertThat(head()).as("refusals chain nothing").isEqualTo(head);

        LedgerClient.Answer second = api.post("/v1/policies", TENANT, "pub-v2", "{\"document\":" + V2 + ",\"activate\":false}");
        assertThat(second.json().get("status").asText()).as(second.body()).isEqualTo("PUBLISHED");
        JsonNode listed = send("GET", "/v1/policies", TENANT, readOnly, null).json();
        assertThat(listed.get("versions")).hasSize(2);
        assertThat(listed.get("versions").get(0).get("status").asText()).isEqualTo("ACTIVE");
        JsonNode read = send("GET", "/v1/policies/credit-limit/versions/2", TENANT, readOnly, null).json();
        assertThat(PolicyDocument.parse(read.get("document")).hash()).isEqualTo(v2Hash);
        assertThat(send("POST", "/v1/policies", TENANT, readOnly, "{\"document\":" + V2 + "}").status())
                .as("policies:read does not publish").isEqualTo(403);

        // Evaluation by the three names answers what the engine answers.
        String context = "{\"amount_eur\":30000,\"customer_days\":10}";
        CompiledPolicy v1 = PolicyCompiler.compile(V1.getBytes(StandardCharsets.UTF_8));
        CompiledPolicy v2 = PolicyCompiler.compile(V2.getBytes(StandardCharsets.UTF_8));
        Evaluation byV1 = v1.evaluate(context.getBytes(StandardCharsets.UTF_8));
        Evaluation byV2 = v2.evaluate(context.getBytes(StandardCharsets.UTF_8));
        assertThat(evaluate("{\"id\":\"credit-limit\"}", context).get("evaluation_hash").asText()).isEqualTo(byV1.evaluationHash());
        assertThat(evaluate("{\"id\":\"credit-limit\",\"version\":\"2\"}", context).get("outcome").asText()).isEqualTo("DENY");
        assertThat(evaluate("{\"hash\":\"" + v2Hash + "\"}", context).get("evaluation_hash").asText()).isEqualTo(byV2.evaluationHash());

        // Activating v2 supersedes v1; the decision records v2's result.
        JsonNode activated = api.post("/v1/policies/credit-limit/versions/2/activate", TENANT, null, "{}").json();
        assertThat(activated.get("superseded").asText()).as(activated.toString()).isEqualTo("1");
        LedgerClient.Answer recorded = record("rec-1", "{\"decision_id\":\"app-1\",\"context\":" + context
                + ",\"evaluate\":{\"policy\":{\"id\":\"credit-limit\"}}}");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        JsonNode payload = payload("app-1");
        assertThat(payload.get("decision").asText()).isEqualTo("DENY");
        assertThat(payload.get("policy").get("hash").asText()).isEqualTo(v2Hash);
        assertThat(payload.get("evaluation").get("evaluation_hash").asText()).isEqualTo(byV2.evaluationHash());
        assertThat(payload.get("violations").get(0).get("rule_id").asText()).isEqualTo("amount-over-limit");
        assertThat(payload.has("override")).isFalse();

        // A different outcome: refused and nothing recorded, or recorded as an override with its reason.
        head = head();
        LedgerClient.Answer mismatch = record("rec-2", "{\"decision_id\":\"app-2\",\"context\":" + context
                + ",\"decision\":\"APPROVE\",\"evaluate\":{\"policy\":{\"id\":\"credit-limit\"}}}");
        assertThat(mismatch.status()).as(mismatch.body()).isEqualTo(422);
        assertThat(mismatch.json().get("code").asText()).isEqualTo("EVALUATION_MISMATCH");
        assertThat(mismatch.json().get("correlation_id").asText()).isNotBlank();
        assertThat(head()).isEqualTo(head);
        LedgerClient.Answer override = record("rec-3", "{\"decision_id\":\"app-3\",\"context\":" + context
                + ",\"decision\":\"APPROVE\",\"evaluate\":{\"policy\":{\"hash\":\"" + v2Hash + "\"},"
                + "\"override_reason\":\"credit committee 2027-01\"}}");
        assertThat(override.status()).as(override.body()).isEqualTo(201);
        JsonNode overridden = payload("app-3");
        assertThat(overridden.get("decision").asText()).isEqualTo("APPROVE");
        assertThat(overridden.get("evaluation").get("outcome").asText()).isEqualTo("DENY");
        assertThat(overridden.get("override").get("reason").asText()).isEqualTo("credit committee 2027-01");
        LedgerClient.Answer byVersion1 = record("rec-4", "{\"decision_id\":\"app-4\",\"context\":" + context
                + ",\"decision\":\"APPROVE\",\"evaluate\":{\"policy\":{\"id\":\"credit-limit\",\"version\":\"1\"}}}");
        assertThat(byVersion1.status()).as("v1 approves 30000: the decision agrees").isEqualTo(201);

        // Refusals that record nothing.
        head = head();
        assertThat(refusal("rec-5", "{\"context\":{},\"evaluate\":{\"policy\":{\"id\":\"no-such-policy\"}}}"))
                .isEqualTo("404 POLICY_NOT_FOUND");
        assertThat(refusal("rec-6", "{\"context\":{},\"decision\":1,\"evaluate\":{\"policy\":{\"id\":\"credit-limit\"}}}"))
                .isEqualTo("422 INVALID_REQUEST");
        assertThat(refusal("rec-7", "{\"context\":{},\"violations\":[],\"evaluate\":{\"policy\":{\"id\":\"credit-limit\"}}}"))
                .isEqualTo("422 INVALID_REQUEST");
        assertThat(refusal("rec-8", "{\"context\":{\"amount_eur\":1,\"list\":[" + "0,".repeat(1000) + "0]}"
                + ",\"evaluate\":{\"policy\":{\"id\":\"credit-limit\"}}}")).as("an array over the engine's 1,000 elements")
                .isEqualTo("422 CONTEXT_INVALID");
        assertThat(api.post("/v1/policies/credit-limit/versions/2/retire", TENANT, null, "{\"reason\":\"too strict\"}").status())
                .isEqualTo(200);
        head = head();
        assertThat(refusal("rec-9", "{\"context\":" + context + ",\"evaluate\":{\"policy\":{\"id\":\"credit-limit\"}}}"))
                .isEqualTo("422 NO_ACTIVE_POLICY");
        assertThat(refusal("rec-10", "{\"context\":" + context + ",\"evaluate\":{\"policy\":{\"id\":\"credit-limit\",\"version\":\"2\"}}}"))
                .isEqualTo("422 POLICY_RETIRED");
        assertThat(api.post("/v1/policies/credit-limit/versions/2/activate", TENANT, null, "{}").json().get("code").asText())
                .isEqualTo("POLICY_RETIRED");
        assertThat(head()).isEqualTo(head);

        // Another tenant sees none of it.
        assertThat(api.get("/v1/policies", OTHER).json().get("versions")).isEmpty();
        assertThat(api.get("/v1/policies/credit-limit/versions/1", OTHER).status()).isEqualTo(404);
        assertThat(api.post("/v1/decisions/evaluate", OTHER, null, "{\"context\":{},\"policy\":{\"hash\":\"" + v1Hash + "\"}}")
                .json().get("code").asText()).isEqualTo("POLICY_NOT_FOUND");

        // The export verifies and re-evaluates clean: the auditor's view.
        byte[] export = api.get("/v1/audit/export", TENANT).body().getBytes(StandardCharsets.UTF_8);
        Reevaluation.Report report;
        try (ExportReader reader = ExportReader.open(new ByteArrayInputStream(export))) {
            report = new Reevaluation().run(reader);
        }
        assertThat(report.evaluated()).isEqualTo(3);
        assertThat(report.overrides()).isEqualTo(1);
        assertThat(report.clean()).as(report.toString()).isTrue();
        assertThat(api.post("/v1/audit/verify", TENANT, null, "{}").json().get("valid").asBoolean()).isTrue();
    }

    private static JsonNode head() throws Exception {
        return api.get("/v1/audit/head", TENANT).json();
    }

    private static JsonNode evaluate(String policy, String context) throws Exception {
        LedgerClient.Answer answer = api.post("/v1/decisions/evaluate", TENANT, null,
                "{\"context\":" + context + ",\"policy\":" + policy + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static LedgerClient.Answer record(String idempotencyKey, String body) throws Exception {
        return send("POST", "/v1/decisions/record", TENANT, recorder, body, idempotencyKey);
    }

    private static String refusal(String idempotencyKey, String body) throws Exception {
        LedgerClient.Answer answer = record(idempotencyKey, body);
        return answer.status() + " " + answer.json().path("code").asText();
    }

    private static JsonNode payload(String decisionId) throws Exception {
        return LedgerClient.JSON.readTree(api.get("/v1/decisions/" + decisionId, TENANT).json().get("payload").asText());
    }

    private static LedgerClient.Answer send(String method, String path, String tenant, String key, String body) throws Exception {
        return send(method, path, tenant, key, body, null);
    }

    private static LedgerClient.Answer send(String method, String path, String tenant, String key, String body,
                                            String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.base().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("X-Veridict-Tenant-Id", tenant).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return api.send(request.build());
    }
}
