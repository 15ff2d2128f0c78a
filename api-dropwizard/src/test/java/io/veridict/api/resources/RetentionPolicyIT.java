package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.cli.VeridictProcess;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention policies through the API on the dev stack: bounds, the two-person rule tried every way
 * around (the proposer's own key, another key of the same holder, a key without the scope, a
 * revoked key, an expired proposal), and every step recorded in the chain, which still verifies.
 */
class RetentionPolicyIT {

    @TempDir
    static Path tmp;
    static VeridictProcess stack;
    static LedgerClient api;

    @BeforeAll
    static void startStack() throws Exception {
        stack = VeridictProcess.dev(tmp.resolve("data"))
                .withEnv("VERIDICT_RETENTION_MINIMUM", "10s")
                .withEnv("VERIDICT_RETENTION_APPROVAL_WINDOW", "20s")
                .withEnv("VERIDICT_RETENTION_RUN_INTERVAL", "1h")
                .start(Duration.ofSeconds(120));
        api = new LedgerClient(stack.apiPort, stack.operatorToken());
    }

    @AfterAll
    static void stopStack() throws Exception {
        stack.close();
    }

    @Test
    void shouldPutALongerPolicyInForceAndMakeAShorterOneWaitForAnotherHolder() throws Exception {
        String tenant = "umbrella";
        api.keyOf(tenant); // the admin key, holder "admin", every scope
        String sameHolder = key(tenant, "{\"scopes\":[\"retention:read\",\"retention:manage\",\"retention:approve\"]}");
        String bob = key(tenant, "{\"scopes\":[\"retention:read\",\"retention:approve\"],\"holder\":\"bob\"}");
        String bobReadOnly = key(tenant, "{\"scopes\":[\"retention:read\"],\"holder\":\"bob\"}");
        JsonNode initial = api.get("/v1/retention", tenant).json();
        assertThat(initial.get("policy_version").asInt()).isZero();
        assertThat(initial.get("rules")).isEmpty();
        assertThat(initial.get("bounds").get("minimum").asText()).isEqualTo("PT10S");

        long before = head(tenant);
        List<String[]> bad = List.of(
                new String[] {"{\"rules\":[{\"entry_type\":\"DECISION\",\"retain\":\"PT5S\"}]}", "RETENTION_OUT_OF_BOUNDS"},
                new String[] {"{\"rules\":[{\"entry_type\":\"KEY_OPERATION\",\"retain\":\"P1D\"}]}", "INVALID_REQUEST"},
                new String[] {"{\"rules\":[{\"entry_type\":\"DECISION\",\"retain\":\"seven years\"}]}", "INVALID_REQUEST"},
                new String[] {"{\"rules\":[{\"entry_type\":\"DECISION\",\"label\":\"Marketing!\",\"retain\":\"P1D\"}]}", "INVALID_REQUEST"},
                new String[] {"{\"rules\":[{\"entry_type\":\"DECISION\",\"retain\":\"P1D\"},"
                        + "{\"entry_type\":\"DECISION\",\"retain\":\"P2D\"}]}", "INVALID_REQUEST"},
                new String[] {"{\"rules\":[{\"entry_type\":\"DECISION\",\"retain\":\"P1D\",\"extra\":1}]}", "INVALID_REQUEST"});
        for (String[] c : bad) {
            LedgerClient.Answer answer = put(tenant, null, c[0]);
            assertThat(answer.status()).as(c[0] + " " + answer.body()).isEqualTo(422);
            assertThat(answer.json().get("code").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(answer.json().get("correlation_id").asText()).isEqualTo(answer.correlationId());
        }
        assertThat(head(tenant)).as("nothing chained for a refused request").isEqualTo(before);

        // From "forever" to 30 days shortens: a proposal.
        LedgerClient.Answer proposed = put(tenant, null,
                "{\"rules\":[{\"entry_type\":\"DECISION\",\"retain\":\"P30D\"},"
                        + "{\"entry_type\":\"DECISION\",\"label\":\"marketing\",\"retain\":\"P1D\"}],\"reason\":\"GDPR review\"}");
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(202);
        assertThat(proposed.json().get("status").asText()).isEqualTo("pending_approval");
        assertThat(proposed.json().get("proposed_by").asText()).isEqualTo("admin");
        String proposal = proposed.json().get("proposal_id").asText();
        assertThat(api.get("/v1/retention", tenant).json().get("pending")).singleElement()
                .satisfies(p -> assertThat(p.get("proposal_id").asText()).isEqualTo(proposal));

        assertThat(approve(tenant, api.keyOf(tenant), proposal)).as("the proposer's own key").isEqualTo("SELF_APPROVAL");
        assertThat(approve(tenant, sameHolder, proposal)).as("another key of the proposer's holder").isEqualTo("SELF_APPROVAL");
        assertThat(approve(tenant, bobReadOnly, proposal)).as("a key without retention:approve").isEqualTo("INSUFFICIENT_SCOPE");
        assertThat(api.get("/v1/retention", tenant).json().get("policy_version").asInt()).isZero();
        assertThat(approve(tenant, bob, proposal)).as("another holder").isEqualTo("in_force");
        JsonNode inForce = api.get("/v1/retention", tenant).json();
        assertThat(inForce.get("policy_version").asInt()).isEqualTo(1);
        assertThat(inForce.get("rules").get(0).get("retain").asText()).isEqualTo("P30D");
        assertThat(inForce.get("pending")).isEmpty();
        assertThat(approve(tenant, bob, proposal)).as("approved once").isEqualTo("NOT_FOUND");

        // Decisions name the rule that applies to them by label; a label no rule names is refused.
        LedgerClient.Answer labelled = api.record(tenant, "d-1", "{\"decision_id\":\"d-1\",\"context\":{},"
                + "\"decision\":\"ok\",\"retention_label\":\"marketing\"}");
        assertThat(labelled.status()).as(labelled.body()).isEqualTo(201);
        assertThat(api.get("/v1/decisions/d-1", tenant).json().get("payload").asText()).contains("\"retention_label\":\"marketing\"");
        long beforeUnknown = head(tenant);
        LedgerClient.Answer unknown = api.record(tenant, "d-2", "{\"context\":{},\"decision\":\"ok\",\"retention_label\":\"billing\"}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(422);
        assertThat(unknown.json().get("code").asText()).isEqualTo("UNKNOWN_RETENTION_LABEL");
        LedgerClient.Answer malformed = api.record(tenant, "d-3", "{\"context\":{},\"decision\":\"ok\",\"retention_label\":\"Billing Dept\"}");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().get("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(head(tenant)).as("nothing chained for either").isEqualTo(beforeUnknown);

        // Longer everywhere: in force at once, no approval; a retry answers as the first attempt.
        String longerPolicy = "{\"rules\":[{\"entry_type\":\"DECISION\",\"retain\":\"P60D\"},"
                + "{\"entry_type\":\"DECISION\",\"label\":\"marketing\",\"retain\":\"P2D\"}]}";
        LedgerClient.Answer longer = put(tenant, "policy-2027", longerPolicy);
        assertThat(longer.status()).as(longer.body()).isEqualTo(200);
        assertThat(longer.json().get("policy_version").asInt()).isEqualTo(2);
        LedgerClient.Answer retried = put(tenant, "policy-2027", longerPolicy);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("seq")).isEqualTo(longer.json().get("seq"));

        // A revoked approver, then an expired proposal.
        String bob2 = key(tenant, "{\"scopes\":[\"retention:approve\"],\"holder\":\"bob\"}");
        String late = put(tenant, null, "{\"rules\":[{\"entry_type\":\"DECISION\",\"retain\":\"P7D\"}]}").json()
                .get("proposal_id").asText();
        String bob2Id = bob2.substring(4, 20);
        assertThat(api.post("/v1/keys/" + bob2Id + "/revoke", tenant, null, "").status()).isEqualTo(200);
        assertThat(approve(tenant, bob2, late)).as("a revoked key").isEqualTo("KEY_REVOKED");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!api.get("/v1/retention", tenant).json().get("pending").isEmpty()) {
            assertThat(System.nanoTime()).as("the proposal to expire").isLessThan(deadline);
            Thread.sleep(500);
        }
        assertThat(approve(tenant, bob, late)).as("expired").isEqualTo("NOT_FOUND");
        assertThat(api.get("/v1/retention", tenant).json().get("policy_version").asInt()).isEqualTo(2);

        // A legal hold is in force at once; lifting it needs another holder too.
        LedgerClient.Answer twoCovers = api.post("/v1/retention/holds", tenant, null,
                "{\"whole_tenant\":true,\"decision_ids\":[\"d-1\"]}");
        assertThat(twoCovers.status()).as(twoCovers.body()).isEqualTo(422);
        LedgerClient.Answer placed = api.post("/v1/retention/holds", tenant, null,
                "{\"decision_ids\":[\"d-1\"],\"reason\":\"case 2026-17\"}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().get("operation").asText()).isEqualTo("HOLD_PLACED");
        String hold = placed.json().get("hold_id").asText();
        JsonNode held = api.get("/v1/retention", tenant).json().get("holds");
        assertThat(held).singleElement().satisfies(h -> assertThat(h.get("decisions").asInt()).isEqualTo(1));
        assertThat(held.toString()).as("decision ids are kept only as digests").doesNotContain("d-1");
        LedgerClient.Answer lift = api.post("/v1/retention/holds/" + hold + "/lift", tenant, null, "");
        assertThat(lift.status()).as(lift.body()).isEqualTo(202);
        String liftProposal = lift.json().get("proposal_id").asText();
        LedgerClient.Answer again = api.post("/v1/retention/holds/" + hold + "/lift", tenant, null, "");
        assertThat(again.json().get("code").asText()).isEqualTo("HOLD_LIFT_PENDING");
        assertThat(approve(tenant, sameHolder, liftProposal)).isEqualTo("SELF_APPROVAL");
        assertThat(api.get("/v1/retention", tenant).json().get("holds")).hasSize(1);
        assertThat(approve(tenant, bob, liftProposal)).isEqualTo("lifted");
        assertThat(api.get("/v1/retention", tenant).json().get("holds")).isEmpty();

        List<String> operations = new ArrayList<>();
        for (JsonNode e : api.get("/v1/audit/entries?from_seq=0&limit=1000", tenant).json().get("entries")) {
            if (e.get("entry_type").asText().equals("RETENTION_OPERATION")) {
                operations.add(LedgerClient.JSON.readTree(e.get("payload").asText()).get("operation").asText());
            }
        }
        assertThat(operations).containsExactly("POLICY_PROPOSED", "PROPOSAL_APPROVED", "POLICY_SET", "POLICY_PROPOSED",
                "PROPOSAL_EXPIRED", "HOLD_PLACED", "HOLD_LIFT_PROPOSED", "HOLD_LIFTED");
        JsonNode verified = api.post("/v1/audit/verify", tenant, null, "").json();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
    }

    @Test
    void shouldEraseThePayloadsPastTheirRetentionAndKeepTheHeldOnes() throws Exception {
        String tenant = "initech";
        api.keyOf(tenant);
        String bob = key(tenant, "{\"scopes\":[\"retention:approve\"],\"holder\":\"bob\"}");
        String proposal = put(tenant, null, "{\"rules\":[{\"entry_type\":\"DECISION\",\"retain\":\"PT10S\"},"
                + "{\"entry_type\":\"DECISION\",\"label\":\"short\",\"retain\":\"PT10S\"}]}").json()
                .get("proposal_id").asText();
        assertThat(approve(tenant, bob, proposal)).isEqualTo("in_force");
        for (String body : List.of("{\"decision_id\":\"r-a\",\"context\":{},\"decision\":1}",
                "{\"decision_id\":\"r-b\",\"context\":{},\"decision\":2,\"retention_label\":\"short\"}",
                "{\"decision_id\":\"r-c\",\"context\":{},\"decision\":3}")) {
            LedgerClient.Answer recorded = api.record(tenant, "k-" + body.hashCode(), body);
            assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        }
        assertThat(api.post("/v1/retention/holds", tenant, null, "{\"decision_ids\":[\"r-c\"]}").status()).isEqualTo(201);
        assertThat(api.get("/v1/retention/plan", tenant).json().get("would_erase").asInt()).as("not due yet").isZero();

        JsonNode plan = awaitPlan(tenant, 2, 1);
        assertThat(plan.get("would_erase").asInt()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.get("held").asInt()).isEqualTo(1);
        assertThat(api.get("/v1/decisions/r-a", tenant).json().get("payload").isNull()).as("a plan erases nothing").isFalse();

        // The same through the command line, with the key in a file (never on the command line).
        Path keyFile = tmp.resolve("initech.key");
        java.nio.file.Files.writeString(keyFile, api.keyOf(tenant));
        VeridictProcess.Outcome cliPlan = VeridictProcess.runOnce(Duration.ofSeconds(60), "retention", "plan",
                "--url", api.base().toString(), "--tenant", tenant, "--key-file", keyFile.toString());
        assertThat(cliPlan.exitCode()).as(cliPlan.stderr()).isZero();
        assertThat(LedgerClient.JSON.readTree(cliPlan.stdout()).get("would_erase").asInt()).isEqualTo(2);
        VeridictProcess.Outcome noKey = VeridictProcess.runOnce(Duration.ofSeconds(60), "retention", "apply",
                "--url", api.base().toString(), "--tenant", tenant);
        assertThat(noKey.exitCode()).as(noKey.stdout() + noKey.stderr()).isEqualTo(2);
        VeridictProcess.Outcome cliApply = VeridictProcess.runOnce(Duration.ofSeconds(60), "retention", "apply",
                "--url", api.base().toString(), "--tenant", tenant, "--key-file", keyFile.toString());
        assertThat(cliApply.exitCode()).as(cliApply.stderr()).isZero();
        JsonNode run = LedgerClient.JSON.readTree(cliApply.stdout());
        assertThat(run.get("erased").asInt()).as(run.toString()).isEqualTo(2);
        assertThat(run.get("held").asInt()).isEqualTo(1);
        assertThat(api.get("/v1/decisions/r-a", tenant).json().get("payload").isNull()).isTrue();
        assertThat(api.get("/v1/decisions/r-b", tenant).json().get("payload").isNull()).isTrue();
        assertThat(api.get("/v1/decisions/r-c", tenant).json().get("payload").asText()).contains("\"decision\":3");
        assertThat(api.post("/v1/retention/runs", tenant, null, "").json().get("erased").asInt()).as("erased once").isZero();
        JsonNode verified = api.post("/v1/audit/verify", tenant, null, "").json();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("erased_payloads").asLong()).isEqualTo(2);
        assertThat(verified.get("unaccounted_payloads").asLong()).isZero();
        assertThat(verified.get("erasures")).singleElement().satisfies(e -> {
            assertThat(e.get("seq").asLong()).isEqualTo(run.get("seq").asLong());
            assertThat(e.get("operation").asText()).isEqualTo("RETENTION_APPLIED");
            assertThat(e.get("erased").asLong()).isEqualTo(2);
        });
        JsonNode applied = api.get("/v1/audit/entries/" + run.get("seq").asLong(), tenant).json();
        assertThat(applied.get("payload").asText()).contains("\"operation\":\"RETENTION_APPLIED\"", "\"erased\":2",
                "\"reason\":null");
        assertThat(api.post("/v1/retention/runs", tenant, null, "{\"reason\":\"monthly\"}").status())
                .as("a run records no reason").isEqualTo(422);
        JsonNode job = api.get("/v1/retention", tenant).json().get("job");
        assertThat(job.get("runs").asLong()).as(job.toString()).isEqualTo(1);
        assertThat(job.get("erased_by_runs").asLong()).isEqualTo(2);
        assertThat(job.get("last_run_seq").asLong()).isEqualTo(run.get("seq").asLong());
        assertThat(job.get("last_run_erased").asLong()).isEqualTo(2);
        assertThat(job.get("held_at_last_run").asLong()).isEqualTo(1);
    }

    @Test
    void shouldEraseOnRequestOnlyWithASecondHolderAndNeverUnderAHold() throws Exception {
        String tenant = "hooli";
        api.keyOf(tenant);
        String sameHolder = key(tenant, "{\"scopes\":[\"retention:approve\"]}");
        String bob = key(tenant, "{\"scopes\":[\"retention:read\",\"retention:approve\"],\"holder\":\"bob\"}");
        for (String[] d : new String[][] {{"e-1", "subject-A"}, {"e-2", "subject-A"}, {"e-3", "subject-B"}, {"e-4", null}}) {
            LedgerClient.Answer recorded = api.record(tenant, "erase-" + d[0], "{\"decision_id\":\"" + d[0]
                    + "\",\"context\":{\"who\":\"" + d[0] + "\"},\"decision\":true"
                    + (d[1] == null ? "" : ",\"subject\":\"" + d[1] + "\"") + "}");
            assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        }
        LedgerClient.Answer hold = api.post("/v1/retention/holds", tenant, null, "{\"decision_ids\":[\"e-3\"]}");
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);

        long before = head(tenant);
        for (String[] c : new String[][] {
                {"{}", "422", "INVALID_REQUEST"},
                {"{\"decision_id\":\"e-1\",\"subject\":\"subject-A\"}", "422", "INVALID_REQUEST"},
                {"{\"decision_id\":\"no such id!\"}", "422", "INVALID_REQUEST"},
                {"{\"decision_id\":\"never-recorded\"}", "404", "NOT_FOUND"},
                {"{\"subject\":\"nobody\"}", "409", "NOTHING_TO_ERASE"},
                {"{\"decision_id\":\"e-3\"}", "409", "ERASURE_UNDER_HOLD"},
                {"{\"subject\":\"subject-B\"}", "409", "ERASURE_UNDER_HOLD"}}) {
            LedgerClient.Answer refused = api.post("/v1/retention/erasures", tenant, null, c[0]);
            assertThat(refused.status()).as(c[0] + " " + refused.body()).isEqualTo(Integer.parseInt(c[1]));
            assertThat(refused.json().get("code").asText()).as(c[0]).isEqualTo(c[2]);
            assertThat(refused.json().get("correlation_id").asText()).isEqualTo(refused.correlationId());
        }
        assertThat(head(tenant)).as("nothing chained for a refused erasure").isEqualTo(before);
        assertThat(api.get("/v1/decisions/e-3", tenant).json().get("payload").asText()).contains("e-3");

        LedgerClient.Answer proposed = api.post("/v1/retention/erasures", tenant, null,
                "{\"decision_id\":\"e-4\",\"reason\":\"data subject request 2026-118\"}");
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(202);
        assertThat(proposed.json().get("operation").asText()).isEqualTo("ERASURE_PROPOSED");
        String proposal = proposed.json().get("proposal_id").asText();
        assertThat(api.get("/v1/retention", tenant).json().get("pending")).anySatisfy(p -> {
            assertThat(p.get("proposal_id").asText()).isEqualTo(proposal);
            assertThat(p.get("kind").asText()).isEqualTo("erasure");
        });
        assertThat(approve(tenant, api.keyOf(tenant), proposal)).as("the proposer's own key").isEqualTo("SELF_APPROVAL");
        assertThat(approve(tenant, sameHolder, proposal)).as("another key of the proposer's holder").isEqualTo("SELF_APPROVAL");
        assertThat(api.get("/v1/decisions/e-4", tenant).json().get("payload").isNull()).as("not erased yet").isFalse();
        assertThat(approve(tenant, bob, proposal)).isEqualTo("erased");
        assertThat(api.get("/v1/decisions/e-4", tenant).json().get("payload").isNull()).isTrue();

        LedgerClient.Answer bySubject = api.post("/v1/retention/erasures", tenant, null, "{\"subject\":\"subject-A\"}");
        assertThat(bySubject.status()).as(bySubject.body()).isEqualTo(202);
        assertThat(approve(tenant, bob, bySubject.json().get("proposal_id").asText())).isEqualTo("erased");
        assertThat(api.get("/v1/decisions/e-1", tenant).json().get("payload").isNull()).isTrue();
        assertThat(api.get("/v1/decisions/e-2", tenant).json().get("payload").isNull()).isTrue();
        assertThat(api.get("/v1/decisions/e-3", tenant).json().get("payload").asText()).as("another subject, held").contains("e-3");

        JsonNode verified = api.post("/v1/audit/verify", tenant, null, "").json();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("erased_payloads").asLong()).isEqualTo(3);
        assertThat(verified.get("unaccounted_payloads").asLong()).isZero();
        assertThat(verified.get("erasures")).extracting(e -> e.get("operation").asText() + " " + e.get("erased").asLong())
                .containsExactly("ERASURE_APPLIED 1", "ERASURE_APPLIED 2");
        JsonNode job = api.get("/v1/retention", tenant).json().get("job");
        assertThat(job.get("erasures").asLong()).as(job.toString()).isEqualTo(2);
        assertThat(job.get("erased_on_request").asLong()).isEqualTo(3);
        assertThat(job.get("runs").asLong()).isZero();
    }

    @Test
    void shouldDeleteATenantOnlyWithASecondHolderAndLeaveItsHeaderChainVerifiable() throws Exception {
        String tenant = "massive-dynamic";
        String admin = api.keyOf(tenant);
        String manager = key(tenant, "{\"scopes\":[\"retention:manage\"],\"holder\":\"carol\"}");
        String bob = key(tenant, "{\"scopes\":[\"retention:approve\"],\"holder\":\"bob\"}");
        for (String d : List.of("m-1", "m-2")) {
            assertThat(api.record(tenant, "delete-" + d, "{\"decision_id\":\"" + d + "\",\"context\":{},\"decision\":true,"
                    + "\"subject\":\"customer-9\"}").status()).isEqualTo(201);
        }
        LedgerClient.Answer noAdmin = postAs(tenant, manager, "/v1/retention/erasures", "{\"whole_tenant\":true}");
        assertThat(noAdmin.status()).as(noAdmin.body()).isEqualTo(403);
        assertThat(noAdmin.json().get("code").asText()).isEqualTo("INSUFFICIENT_SCOPE");
        assertThat(api.post("/v1/retention/erasures", tenant, null, "{\"whole_tenant\":false}").status()).isEqualTo(422);

        LedgerClient.Answer proposed = api.post("/v1/retention/erasures", tenant, null,
                "{\"whole_tenant\":true,\"reason\":\"contract ended\"}");
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(202);
        String proposal = proposed.json().get("proposal_id").asText();
        assertThat(api.get("/v1/retention", tenant).json().get("pending")).anySatisfy(
                p -> assertThat(p.get("kind").asText()).isEqualTo("tenant_deletion"));
        assertThat(approve(tenant, admin, proposal)).isEqualTo("SELF_APPROVAL");
        assertThat(api.get("/v1/decisions/m-1", tenant).json().get("payload").isNull()).as("nothing erased yet").isFalse();
        assertThat(approve(tenant, bob, proposal)).isEqualTo("deleted");

        LedgerClient.Answer after = api.get("/v1/audit/head", tenant);
        assertThat(after.status()).as(after.body()).isEqualTo(403);
        assertThat(after.json().get("code").asText()).isEqualTo("TENANT_DELETED");
        assertThat(approve(tenant, bob, proposal)).as("every key of the tenant").isEqualTo("TENANT_DELETED");

        VeridictProcess.Outcome topics = VeridictProcess.runOnce(Duration.ofSeconds(90), "verify",
                "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl().toString(),
                "--tenant", tenant, "--json", "--no-progress");
        assertThat(topics.exitCode()).as(topics.stdout() + topics.stderr()).isZero();
        JsonNode report = LedgerClient.JSON.readTree(topics.stdout()).get("tenants").get(0);
        assertThat(report.get("unaccounted_payloads").asLong()).as(report.toString()).isZero();
        assertThat(report.get("encrypted_payloads").asLong()).as("no sealed payload left").isZero();
        assertThat(report.get("erasures")).singleElement().satisfies(e -> {
            assertThat(e.get("operation").asText()).isEqualTo("TENANT_DELETED");
            assertThat(e.get("erased").asLong()).isEqualTo(report.get("erased_payloads").asLong());
        });
    }

    private static LedgerClient.Answer postAs(String tenant, String key, String path, String body) throws Exception {
        return api.send(HttpRequest.newBuilder(api.base().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .header("X-Veridict-Tenant-Id", tenant).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The dry run, once it shows {@code due} payloads due and {@code held} held (their 10 s have passed); bounded. */
    static JsonNode awaitPlan(String tenant, int due, int held) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode plan = api.get("/v1/retention/plan", tenant).json();
            if (plan.get("would_erase").asInt() >= due && plan.get("held").asInt() >= held) {
                return plan;
            }
            assertThat(System.nanoTime()).as("payloads to fall due: " + plan).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static long head(String tenant) throws Exception {
        return api.get("/v1/audit/head", tenant).json().get("size").asLong();
    }

    private static String key(String tenant, String body) throws Exception {
        LedgerClient.Answer answer = api.post("/v1/keys", tenant, null, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("key").asText();
    }

    private static LedgerClient.Answer put(String tenant, String idempotencyKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.base().resolve("/v1/retention/policy"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + api.keyOf(tenant)).header("X-Veridict-Tenant-Id", tenant)
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return api.send(request.build());
    }

    /** The approval's status, or the error code of its refusal. */
    private static String approve(String tenant, String key, String proposal) throws Exception {
        LedgerClient.Answer answer = api.send(HttpRequest.newBuilder(api.base().resolve("/v1/retention/proposals/" + proposal
                        + "/approve")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key).header("X-Veridict-Tenant-Id", tenant)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        return answer.status() == 200 ? answer.json().get("status").asText() : answer.json().get("code").asText();
    }
}
