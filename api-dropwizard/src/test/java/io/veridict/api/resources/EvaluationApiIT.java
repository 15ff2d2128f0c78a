package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veridict.api.cli.VeridictProcess;
import io.veridict.policy.CompiledPolicy;
import io.veridict.policy.PolicyCompiler;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/decisions/evaluate} over real HTTP against {@code veridict dev} on a real broker:
 * a thousand evaluations of the twenty-rule policy of the test vectors answer what the engine
 * answers in this JVM, and leave every topic's end offsets, the tenant's head and the log exactly
 * as they were: nothing written, nothing kept, no context value logged (the service's own loggers
 * at DEBUG, so that every refusal writes a line).
 */
class EvaluationApiIT {

    private static final String TENANT = "evalco";
    private static final String MARKER = "ctx-eval-marker-3f9a1c";
    private static final int EVALUATIONS = 1000;
    private static final String ALL_API_LOGGERS_AT_DEBUG = "-Ddw.logging.loggers.io\\.veridict\\.api=DEBUG";

    @TempDir
    static Path tmp;
    static VeridictProcess stack;
    static LedgerClient api;
    static String evaluateOnly;
    static String readOnly;

    @BeforeAll
    static void startStack() throws Exception {
        // The periodic jobs that may chain entries on their own (retention runs, checkpoints) are
        // put off, so that any write the test sees is the endpoint's.
        stack = VeridictProcess.dev(tmp.resolve("data")).withEnv("JAVA_TOOL_OPTIONS", ALL_API_LOGGERS_AT_DEBUG)
                .withEnv("VERIDICT_RETENTION_RUN_INTERVAL", "1 hour").withEnv("VERIDICT_CHECKPOINT_INTERVAL", "1h")
                .start(Duration.ofSeconds(120));
        api = new LedgerClient(stack.apiPort, stack.operatorToken());
        evaluateOnly = api.post("/v1/keys", TENANT, null, "{\"scopes\":[\"decisions:evaluate\"]}").json().get("key").asText();
        readOnly = api.post("/v1/keys", TENANT, null, "{\"scopes\":[\"decisions:read\"]}").json().get("key").asText();
    }

    @AfterAll
    static void stopStack() throws Exception {
        stack.close();
    }

    @Test
    void shouldAnswerAThousandEvaluationsAsTheEngineDoesAndWriteKeepAndLogNothing() throws Exception {
        JsonNode vector = twentyRuleCase();
        JsonNode document = vector.get("policy");
        CompiledPolicy engine = PolicyCompiler.compile(LedgerClient.JSON.writeValueAsBytes(document));
        // The read path beside the evaluation route still answers.
        assertThat(api.record(TENANT, "eval-rec-1", "{\"decision_id\":\"evaluate-1\",\"context\":{},\"decision\":1}").status())
                .isEqualTo(201);
        assertThat(api.get("/v1/decisions/evaluate-1", TENANT).status()).isEqualTo(200);
        JsonNode headBefore = api.get("/v1/audit/head", TENANT).json();
        Map<TopicPartition, Long> offsetsBefore = endOffsets();

        Map<String, Integer> outcomes = new TreeMap<>();
        Set<String> evaluationHashes = new HashSet<>();
        long started = System.nanoTime();
        for (int i = 0; i < EVALUATIONS; i++) {
            ObjectNode context = context(vector, i);
            LedgerClient.Answer answer = evaluate(evaluateOnly, "{\"context\":" + context + ",\"policy\":{\"document\":" + document + "}}");

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json()).as("evaluation " + i).isEqualTo(EvaluationResource.view(engine.evaluate(context)));
            outcomes.merge(answer.json().get("outcome").asText(), 1, Integer::sum);
            evaluationHashes.add(answer.json().get("evaluation_hash").asText());
        }
        long micros = (System.nanoTime() - started) / 1000 / EVALUATIONS;
        System.out.printf("%d evaluations over HTTP, %d µs each on average; outcomes %s%n", EVALUATIONS, micros, outcomes);

        assertThat(outcomes.keySet()).containsExactlyInAnyOrder("APPROVE", "REVIEW", "DENY", "ERROR");
        assertThat(evaluationHashes).as("every context is another evaluation").hasSize(EVALUATIONS);
        Map<TopicPartition, Long> offsetsAfter = endOffsets();
        assertThat(offsetsBefore.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet()))
                .contains("veridict.commands", "veridict.entries", "veridict.payloads", "veridict.receipts", "veridict.access",
                        "veridict.checkpoints", "veridict.dead-letter", "_schemas")
                .anyMatch(topic -> topic.endsWith("-changelog"));
        assertThat(offsetsAfter).as("the end offset of every partition of every topic").isEqualTo(offsetsBefore);
        assertThat(api.get("/v1/audit/head", TENANT).json()).isEqualTo(headBefore);
        System.out.printf("end offsets unchanged on %d partitions of %d topics%n", offsetsAfter.size(),
                offsetsAfter.keySet().stream().map(TopicPartition::topic).distinct().count());

        refusals();
        assertThat(stack.output()).as("what the service logged").doesNotContain(MARKER)
                .contains("Answered 422 RULE_COMPILE_ERROR to POST /v1/decisions/evaluate",
                        "Answered 422 CONTEXT_TOO_DEEP to POST /v1/decisions/evaluate");
        assertThat(endOffsets()).isEqualTo(offsetsBefore);
    }

    /** Refusals: another scope, a rule that does not compile, a context too deep. All carry the marker, none logs it. */
    private void refusals() throws Exception {
        String document = twentyRuleCase().get("policy").toString();
        String context = "{\"note\":\"" + MARKER + "\"}";

        LedgerClient.Answer noScope = evaluate(readOnly, "{\"context\":" + context + ",\"policy\":{\"document\":" + document + "}}");
        assertThat(noScope.status()).isEqualTo(403);
        assertThat(noScope.json().get("code").asText()).isEqualTo("INSUFFICIENT_SCOPE");

        String broken = document.replace("ctx.payer.payments_24h > 20.0", "ctx.note == '" + MARKER + "' &&");
        LedgerClient.Answer badPolicy = evaluate(evaluateOnly, "{\"context\":" + context + ",\"policy\":{\"document\":" + broken + "}}");
        assertThat(badPolicy.status()).as(badPolicy.body()).isEqualTo(422);
        assertThat(badPolicy.json().get("code").asText()).isEqualTo("RULE_COMPILE_ERROR");
        assertThat(badPolicy.json().get("details").get(0).get("rule_id").asText()).isEqualTo("velocity");
        assertThat(badPolicy.json().get("details").get(0).get("field").asText()).isEqualTo("policy.document.rules[8].condition");

        String deep = "{\"note\":\"" + MARKER + "\",\"a\":" + "[".repeat(32) + "]".repeat(32) + "}";
        LedgerClient.Answer tooDeep = evaluate(evaluateOnly, "{\"context\":" + deep + ",\"policy\":{\"document\":" + document + "}}");
        assertThat(tooDeep.status()).as(tooDeep.body()).isEqualTo(422);
        assertThat(tooDeep.json().get("code").asText()).isEqualTo("CONTEXT_TOO_DEEP");
        assertThat(tooDeep.json().get("details").get(0).get("field").asText()).isEqualTo("context");

        String deeper = "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
        LedgerClient.Answer wayTooDeep = evaluate(evaluateOnly, "{\"context\":" + deeper + ",\"policy\":{\"document\":" + document + "}}");
        assertThat(wayTooDeep.status()).isEqualTo(400);
        assertThat(wayTooDeep.json().get("code").asText()).isEqualTo("NESTING_TOO_DEEP");
    }

    /**
     * The vectors' context, varied by {@code i}: the amount, the payee's country and age, whether the payer is
     * verified, and every tenth context a time that does not parse (a rule error); each holds the marker.
     */
    private static ObjectNode context(JsonNode vector, int i) throws Exception {
        ObjectNode context = (ObjectNode) LedgerClient.JSON.readTree(vector.get("context_json").asText());
        context.put("amount", 10 + i * 137);
        context.put("reference", "Invoice " + MARKER + "-" + i);
        ((ObjectNode) context.get("payee")).put("country", List.of("DE", "FR", "KP", "GB").get(i % 4)).put("age_days", i % 5 == 0 ? 2 : 30);
        ((ObjectNode) context.get("payer")).put("kyc_verified", i % 3 != 0).put("marker", MARKER + "-" + i);
        if (i % 10 == 9) {
            context.put("at", MARKER + "-" + i + "-not-a-time");
        }
        return context;
    }

    private static LedgerClient.Answer evaluate(String key, String body) throws Exception {
        return api.send(HttpRequest.newBuilder(api.base().resolve("/v1/decisions/evaluate")).timeout(Duration.ofSeconds(30))
                .header("X-Veridict-Tenant-Id", TENANT).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private static JsonNode twentyRuleCase() throws Exception {
        JsonNode vectors = LedgerClient.JSON.readTree(Files.readString(Path.of("..", "docs", "test-vectors", "policies.json")));
        for (JsonNode c : vectors.get("cases")) {
            if (c.get("name").asText().equals("twenty-rules")) {
                return c;
            }
        }
        throw new AssertionError("no twenty-rules case in the policy vectors");
    }

    /** The end offset of every partition of every topic on the broker but Kafka's own ({@code __consumer_offsets}, …). */
    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get().stream()
                    .filter(name -> !name.startsWith("__")).collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
            return offsets;
        }
    }
}
