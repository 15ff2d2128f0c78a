package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.auth.GuardAuditTest;
import io.veridict.api.auth.TokenFormat;
import io.veridict.api.cli.VeridictProcess;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant isolation, endpoint by endpoint: tenant A holds a key with every scope and tries tenant
 * B's data by id, by swapping the tenant header, and by listing. Nothing of B's may show up in
 * any answer, errors included, and B's ids must answer exactly like ids that do not exist. The
 * suite fails when the service has an endpoint it does not try.
 */
class IsolationIT {

    private static final String A = "alpha-co";
    private static final String B = "beta-co";
    private static final String B_MARKER = "beta-private-marker-41";
    private static final String B_DECISION = "beta-decision-7";
    private static final String B_IDEMPOTENCY_KEY = "beta-request-7";

    @TempDir
    static Path tmp;
    static VeridictProcess stack;
    static LedgerClient api;
    static String keyA;
    static String keyB;
    static String bKeyId;
    static JsonNode bHead;
    static String bProposal;
    static String bHold;
    static String bPolicyHash;

    private final List<LedgerClient.Answer> answersToA = new ArrayList<>();
    private final Set<String> tried = new TreeSet<>();

    @BeforeAll
    static void startStackWithTwoTenants() throws Exception {
        stack = VeridictProcess.dev(tmp.resolve("data")).start(Duration.ofSeconds(120));
        api = new LedgerClient(stack.apiPort, stack.operatorToken());
        keyA = api.keyOf(A);
        keyB = api.keyOf(B);
        assertThat(api.record(A, "alpha-request-1", "{\"context\":{\"who\":\"alpha\"},\"decision\":1}").status()).isEqualTo(201);
        assertThat(api.record(B, B_IDEMPOTENCY_KEY, "{\"decision_id\":\"" + B_DECISION + "\",\"context\":{\"note\":\""
                + B_MARKER + "\"},\"decision\":\"" + B_MARKER + "\"}").status()).isEqualTo(201);
        bKeyId = api.post("/v1/keys", B, null, "{\"scopes\":[\"audit:read\"]}").json().get("key_id").asText();
        bHold = api.post("/v1/retention/holds", B, null, "{\"whole_tenant\":true}").json().get("hold_id").asText();
        bProposal = api.send(HttpRequest.newBuilder(api.base().resolve("/v1/retention/policy")).timeout(Duration.ofSeconds(30))
                .header("X-Veridict-Tenant-Id", B).header("Authorization", "Bearer " + keyB)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"rules\":[{\"entry_type\":\"DECISION\",\"retain\":\"P30D\"}]}"))
                .build()).json().get("proposal_id").asText();
        bPolicyHash = api.post("/v1/policies", B, null, "{\"document\":" + policy("b-only", "ctx.x > 5") + "}").json()
                .get("policy_hash").asText();
        bHead = api.get("/v1/audit/head", B).json();
    }

    private static String policy(String id, String condition) {
        return "{\"policy_id\":\"" + id + "\",\"version\":\"1\",\"outcome\":{\"mode\":\"first_match\",\"default\":\"APPROVE\"},"
                + "\"rules\":[{\"id\":\"x-high\",\"severity\":\"HIGH\",\"message\":\"x high\",\"condition\":\"" + condition
                + "\",\"outcome\":\"DENY\"}]}";
    }

    @AfterAll
    static void stopStack() throws Exception {
        stack.close();
    }

    @Test
    void shouldShowTenantANothingOfTenantBOnAnyEndpoint() throws Exception {
        String decision = "{\"context\":{\"x\":1},\"decision\":true}";
        String batch = "{\"decisions\":[" + decision + "]}";

        // Writes: the header names B, the key is A's.
        swapped("POST /v1/decisions/record", post("/v1/decisions/record", B, decision).header("Idempotency-Key", "swap-1"));
        swapped("POST /v1/decisions/record:batch", post("/v1/decisions/record:batch", B, batch).header("Idempotency-Key", "swap-2"));
        // A's own decision may reuse B's decision id and idempotency key: ids live per tenant.
        LedgerClient.Answer own = asA("POST /v1/decisions/record", post("/v1/decisions/record", A,
                "{\"decision_id\":\"" + B_DECISION + "-a\",\"context\":{},\"decision\":1}").header("Idempotency-Key", "alpha-2"));
        assertThat(own.status()).isEqualTo(201);

        // Evaluation reads nothing of a tenant: A evaluates for itself, and B's header is refused.
        String evaluation = "{\"context\":{\"x\":2},\"policy\":{\"document\":{\"policy_id\":\"p\",\"version\":\"1\","
                + "\"outcome\":{\"mode\":\"first_match\",\"default\":\"APPROVE\"},\"rules\":[{\"id\":\"x-high\","
                + "\"severity\":\"HIGH\",\"message\":\"x over 1\",\"condition\":\"ctx.x > 1\",\"outcome\":\"DENY\"}]}}}";
        assertThat(asA("POST /v1/decisions/evaluate", post("/v1/decisions/evaluate", A, evaluation)).json().get("outcome").asText())
                .isEqualTo("DENY");
        swapped("POST /v1/decisions/evaluate", post("/v1/decisions/evaluate", B, evaluation));

        // Policies: A publishes and sees its own; B's versions answer like ones never published.
        swapped("POST /v1/policies", post("/v1/policies", B, "{\"document\":" + policy("a-policy", "ctx.x > 1") + "}"));
        assertThat(asA("POST /v1/policies", post("/v1/policies", A, "{\"document\":" + policy("a-policy", "ctx.x > 1") + "}"))
                .status()).isEqualTo(201);
        JsonNode policies = asA("GET /v1/policies", get("/v1/policies", A)).json();
        assertThat(policies.get("versions")).hasSize(1);
        assertThat(policies.get("versions").get(0).get("policy_id").asText()).isEqualTo("a-policy");
        swapped("GET /v1/policies", get("/v1/policies", B));
        sameAsUnknown("GET /v1/policies/{policy_id}/versions/{version}", get("/v1/policies/b-only/versions/1", A),
                get("/v1/policies/no-such-policy/versions/1", A));
        swapped("GET /v1/policies/{policy_id}/versions/{version}", get("/v1/policies/b-only/versions/1", B));
        for (String action : List.of("activate", "retire")) {
            String route = "POST /v1/policies/{policy_id}/versions/{version}/" + action;
            sameAsUnknown(route, post("/v1/policies/b-only/versions/1/" + action, A, "{}"),
                    post("/v1/policies/no-such-policy/versions/1/" + action, A, "{}"));
            swapped(route, post("/v1/policies/b-only/versions/1/" + action, B, "{}"));
        }
        sameAsUnknown("POST /v1/decisions/evaluate", post("/v1/decisions/evaluate", A,
                        "{\"context\":{\"x\":9},\"policy\":{\"hash\":\"" + bPolicyHash + "\"}}"),
                post("/v1/decisions/evaluate", A, "{\"context\":{\"x\":9},\"policy\":{\"hash\":\"" + "0".repeat(64) + "\"}}"));
        sameAsUnknown("POST /v1/decisions/record", post("/v1/decisions/record", A,
                        "{\"context\":{\"x\":9},\"evaluate\":{\"policy\":{\"id\":\"b-only\"}}}").header("Idempotency-Key", "alpha-3"),
                post("/v1/decisions/record", A, "{\"context\":{\"x\":9},\"evaluate\":{\"policy\":{\"id\":\"no-such-policy\"}}}")
                        .header("Idempotency-Key", "alpha-4"));

        // Reads by id: B's ids answer like ids that never existed.
        sameAsUnknown("GET /v1/decisions/{decision_id}", get("/v1/decisions/" + B_DECISION, A), get("/v1/decisions/no-such-decision", A));
        swapped("GET /v1/decisions/{decision_id}", get("/v1/decisions/" + B_DECISION, B));
        sameAsUnknown("GET /v1/receipts/{idempotency_key}", get("/v1/receipts/" + B_IDEMPOTENCY_KEY, A), get("/v1/receipts/no-such-key", A));
        swapped("GET /v1/receipts/{idempotency_key}", get("/v1/receipts/" + B_IDEMPOTENCY_KEY, B));

        // The ledger views: A's own only.
        JsonNode head = asA("GET /v1/audit/head", get("/v1/audit/head", A)).json();
        assertThat(head.get("tenant_id").asText()).isEqualTo(A);
        swapped("GET /v1/audit/head", get("/v1/audit/head", B));
        JsonNode entries = asA("GET /v1/audit/entries", get("/v1/audit/entries?from_seq=0&limit=100", A)).json();
        assertThat(entries.get("entries")).allSatisfy(e -> assertThat(e.get("tenant_id").asText()).isEqualTo(A));
        swapped("GET /v1/audit/entries", get("/v1/audit/entries?from_seq=0&limit=100", B));
        assertThat(asA("GET /v1/audit/entries/{seq}", get("/v1/audit/entries/2", A)).json().get("tenant_id").asText()).isEqualTo(A);
        // Seqs are per tenant: past A's head there is nothing, whatever B holds there.
        LedgerClient.Answer beyond = asA("GET /v1/audit/entries/{seq}", get("/v1/audit/entries/" + (head.get("size").asLong() + 1), A));
        assertThat(beyond.status()).isEqualTo(404);
        swapped("GET /v1/audit/entries/{seq}", get("/v1/audit/entries/0", B));
        String export = asA("GET /v1/audit/export", get("/v1/audit/export", A)).body();
        assertThat(export.lines()).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(B));
        swapped("GET /v1/audit/export", get("/v1/audit/export", B));
        JsonNode verified = asA("POST /v1/audit/verify", post("/v1/audit/verify", A, "{}")).json();
        assertThat(verified.get("valid").asBoolean()).isTrue();
        assertThat(verified.get("head").get("chain_hash")).isEqualTo(head.get("chain_hash"));
        swapped("POST /v1/audit/verify", post("/v1/audit/verify", B, "{}"));

        // Keys: listing shows A's; B's key ids answer like unknown ones and stay untouched.
        JsonNode keys = asA("GET /v1/keys", get("/v1/keys", A)).json();
        assertThat(keys.get("keys")).isNotEmpty().allSatisfy(k -> assertThat(k.get("tenant_id").asText()).isEqualTo(A));
        swapped("GET /v1/keys", get("/v1/keys", B));
        swapped("POST /v1/keys", post("/v1/keys", B, "{\"scopes\":[\"audit:read\"]}"));
        assertThat(asA("POST /v1/keys", post("/v1/keys", A, "{\"scopes\":[\"audit:read\"]}")).json().get("tenant_id").asText())
                .isEqualTo(A);
        String unknownKeyId = TokenFormat.newKeyId();
        sameAsUnknown("POST /v1/keys/{key_id}/rotate", post("/v1/keys/" + bKeyId + "/rotate", A, "{}"),
                post("/v1/keys/" + unknownKeyId + "/rotate", A, "{}"));
        swapped("POST /v1/keys/{key_id}/rotate", post("/v1/keys/" + bKeyId + "/rotate", B, "{}"));
        sameAsUnknown("POST /v1/keys/{key_id}/revoke", post("/v1/keys/" + bKeyId + "/revoke", A, "{}"),
                post("/v1/keys/" + unknownKeyId + "/revoke", A, "{}"));
        swapped("POST /v1/keys/{key_id}/revoke", post("/v1/keys/" + bKeyId + "/revoke", B, "{}"));

        // Tenants: B's record answers like a missing tenant; administration is the operator's.
        sameAsUnknown("GET /v1/tenants/{tenant_id}", get("/v1/tenants/" + B, A), get("/v1/tenants/no-such-tenant", A));
        swapped("GET /v1/tenants/{tenant_id}", get("/v1/tenants/" + B, B));
        refusedAsNotOperator("POST /v1/tenants", post("/v1/tenants", A, "{\"tenant_id\":\"" + B + "\",\"display_name\":\"x\"}"));
        refusedAsNotOperator("POST /v1/tenants/{tenant_id}/suspend", post("/v1/tenants/" + B + "/suspend", A, "{}"));
        refusedAsNotOperator("POST /v1/tenants/{tenant_id}/reactivate", post("/v1/tenants/" + B + "/reactivate", A, "{}"));

        // Retention: A's own state; B's proposals and holds answer like ones that never existed.
        JsonNode retention = asA("GET /v1/retention", get("/v1/retention", A)).json();
        assertThat(retention.get("tenant_id").asText()).isEqualTo(A);
        swapped("GET /v1/retention", get("/v1/retention", B));
        swapped("PUT /v1/retention/policy", put("/v1/retention/policy", B, "{\"rules\":[]}"));
        String unknown = java.util.UUID.randomUUID().toString();
        for (String action : List.of("approve", "reject")) {
            String route = "POST /v1/retention/proposals/{proposal_id}/" + action;
            sameAsUnknown(route, post("/v1/retention/proposals/" + bProposal + "/" + action, A, "{}"),
                    post("/v1/retention/proposals/" + unknown + "/" + action, A, "{}"));
            swapped(route, post("/v1/retention/proposals/" + bProposal + "/" + action, B, "{}"));
        }
        swapped("POST /v1/retention/holds", post("/v1/retention/holds", B, "{\"whole_tenant\":true}"));
        sameAsUnknown("POST /v1/retention/holds/{hold_id}/lift", post("/v1/retention/holds/" + bHold + "/lift", A, "{}"),
                post("/v1/retention/holds/" + unknown + "/lift", A, "{}"));
        swapped("POST /v1/retention/holds/{hold_id}/lift", post("/v1/retention/holds/" + bHold + "/lift", B, "{}"));
        sameAsUnknown("POST /v1/retention/erasures", post("/v1/retention/erasures", A, "{\"decision_id\":\"" + B_DECISION + "\"}"),
                post("/v1/retention/erasures", A, "{\"decision_id\":\"never-recorded-anywhere\"}"));
        swapped("POST /v1/retention/erasures", post("/v1/retention/erasures", B, "{\"decision_id\":\"" + B_DECISION + "\"}"));
        assertThat(asA("POST /v1/retention/runs", post("/v1/retention/runs", A, "{}")).json().get("erased").asInt()).isZero();
        swapped("POST /v1/retention/runs", post("/v1/retention/runs", B, "{}"));
        assertThat(asA("GET /v1/retention/plan", get("/v1/retention/plan", A)).json().get("tenant_id").asText()).isEqualTo(A);
        swapped("GET /v1/retention/plan", get("/v1/retention/plan", B));
        assertThat(asA("GET /v1/audit/checkpoint", get("/v1/audit/checkpoint", A)).body()).startsWith("veridict-dev/" + A + "\n");
        swapped("GET /v1/audit/checkpoint", get("/v1/audit/checkpoint", B));
        assertThat(asA("GET /v1/checkpoint-keys", get("/v1/checkpoint-keys", A)).body()).doesNotContain(A).doesNotContain(B);

        // Proofs: over A's tree only; B's decisions answer like unknown ones, B's larger tree is not A's.
        JsonNode aHead = asA("GET /v1/audit/head", get("/v1/audit/head", A)).json();
        long aSize = aHead.get("size").asLong();
        JsonNode inclusion = asA("GET /v1/audit/proofs/inclusion", get("/v1/audit/proofs/inclusion?seq=0", A)).json();
        assertThat(inclusion.get("tenant_id").asText()).isEqualTo(A);
        assertThat(inclusion.get("root_hash")).isEqualTo(aHead.get("merkle_root"));
        swapped("GET /v1/audit/proofs/inclusion", get("/v1/audit/proofs/inclusion?seq=0", B));
        LedgerClient.Answer bSized = asA("GET /v1/audit/proofs/consistency",
                get("/v1/audit/proofs/consistency?from_size=1&to_size=" + bHead.get("size").asLong(), A));
        assertThat(bSized.status()).as("B's size is beyond A's tree").isEqualTo(aSize < bHead.get("size").asLong() ? 400 : 200);
        assertThat(asA("GET /v1/audit/proofs/consistency", get("/v1/audit/proofs/consistency?from_size=1", A)).json()
                .get("to_root")).isEqualTo(aHead.get("merkle_root"));
        swapped("GET /v1/audit/proofs/consistency", get("/v1/audit/proofs/consistency?from_size=1", B));
        sameAsUnknown("GET /v1/decisions/{decision_id}/proof", get("/v1/decisions/" + B_DECISION + "/proof", A),
                get("/v1/decisions/no-such-decision/proof", A));
        swapped("GET /v1/decisions/{decision_id}/proof", get("/v1/decisions/" + B_DECISION + "/proof", B));

        assertThat(tried).as("every endpoint of the service was tried").containsAll(GuardAuditTest.routes());
        assertThat(answersToA).allSatisfy(answer -> assertThat(answer.body())
                .doesNotContain(B, B_MARKER, B_DECISION + "\"", B_IDEMPOTENCY_KEY, bKeyId, keyB.substring(21),
                        bHead.get("chain_hash").asText(), bProposal, bHold, bPolicyHash, "b-only"));
        // B is untouched: its head, its keys.
        assertThat(api.get("/v1/audit/head", B).json()).isEqualTo(bHead);
        assertThat(api.get("/v1/keys", B).json().get("keys")).allSatisfy(k -> assertThat(k.get("status").asText()).isEqualTo("active"));
    }

    /** A's key with B's tenant header: refused as a mismatch before anything is read. */
    private void swapped(String route, HttpRequest.Builder request) throws Exception {
        LedgerClient.Answer answer = asA(route, request);
        assertThat(answer.status()).as(route).isEqualTo(403);
        assertThat(answer.json().get("code").asText()).as(route).isEqualTo("TENANT_MISMATCH");
    }

    /** B's id and an id that never existed get the same status, code and message. */
    private void sameAsUnknown(String route, HttpRequest.Builder bs, HttpRequest.Builder unknown) throws Exception {
        LedgerClient.Answer forB = asA(route, bs);
        LedgerClient.Answer forNothing = asA(route, unknown);
        assertThat(forB.status()).as(route).isEqualTo(404).isEqualTo(forNothing.status());
        assertThat(forB.json().get("code")).as(route).isEqualTo(forNothing.json().get("code"));
        assertThat(forB.json().get("message")).as(route).isEqualTo(forNothing.json().get("message"));
    }

    private void refusedAsNotOperator(String route, HttpRequest.Builder request) throws Exception {
        LedgerClient.Answer answer = asA(route, request);
        assertThat(answer.status()).as(route).isEqualTo(403);
        assertThat(answer.json().get("code").asText()).as(route).isEqualTo("OPERATOR_REQUIRED");
    }

    private LedgerClient.Answer asA(String route, HttpRequest.Builder request) throws Exception {
        LedgerClient.Answer answer = api.send(request.header("Authorization", "Bearer " + keyA).build());
        tried.add(route);
        answersToA.add(answer);
        return answer;
    }

    private static HttpRequest.Builder get(String path, String tenant) {
        return HttpRequest.newBuilder(api.base().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("X-Veridict-Tenant-Id", tenant).GET();
    }

    private static HttpRequest.Builder put(String path, String tenant, String body) {
        return HttpRequest.newBuilder(api.base().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("X-Veridict-Tenant-Id", tenant).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpRequest.Builder post(String path, String tenant, String body) {
        return HttpRequest.newBuilder(api.base().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("X-Veridict-Tenant-Id", tenant).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
