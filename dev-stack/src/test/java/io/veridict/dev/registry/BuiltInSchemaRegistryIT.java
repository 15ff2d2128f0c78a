package io.veridict.dev.registry;

import static io.veridict.dev.registry.Fixtures.avro;
import static io.veridict.dev.registry.Fixtures.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.dev.registry.RegistryHttp.Answer;
import io.veridict.dev.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry on a real broker, spoken to over real HTTP. Tests share one broker and one
 * registry, use subjects of their own and leave the global configuration alone (that and
 * restarts are {@link BuiltInSchemaRegistryRestartIT}'s).
 */
class BuiltInSchemaRegistryIT {

    @TempDir
    static Path sharedData;

    private static TestKafka kafka;
    private static BuiltInSchemaRegistry registry;
    private static RegistryHttp http;

    @BeforeAll
    static void startBrokerAndRegistry() {
        kafka = TestKafka.start(sharedData);
        registry = BuiltInSchemaRegistry.start(kafka.bootstrapServers(), "localhost", 0, (short) 1);
        http = new RegistryHttp(registry.url());
    }

    @AfterAll
    static void stopRegistryAndBroker() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldRegisterFetchLookUpAndListASchema() {
        Answer registered = http.post("/subjects/fetch-value/versions", schemaBody("user-v1.avsc"));
        int id = registered.json().path("id").asInt();
        String canonical = avro("user-v1.avsc").toString();

        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.body()).isEqualTo("{\"id\":" + id + "}");
        assertThat(http.get("/schemas/ids/" + id).json().path("schema").asText()).isEqualTo(canonical);
        assertThat(http.get("/subjects").json()).extracting(JsonNode::asText).contains("fetch-value");
        assertThat(http.get("/subjects/fetch-value/versions").body()).isEqualTo("[1]");
        Answer lookup = http.post("/subjects/fetch-value", schemaBody("user-v1-reformatted.avsc"));
        Answer latest = http.get("/subjects/fetch-value/versions/latest");
        for (Answer answer : List.of(lookup, latest, http.get("/subjects/fetch-value/versions/1"))) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json()).isEqualTo(tree(
                    Map.of("subject", "fetch-value", "version", 1, "id", id, "schema", canonical)));
        }
    }

    @Test
    void shouldReturnTheSameIdForAnIdenticalSchemaAndForTheSameSchemaUnderAnotherSubject() {
        int id = http.post("/subjects/same-value/versions", schemaBody("order-v1.avsc")).json().path("id").asInt();

        assertThat(http.post("/subjects/same-value/versions", schemaBody("order-v1.avsc")).body()).isEqualTo("{\"id\":" + id + "}");
        assertThat(http.get("/subjects/same-value/versions").body()).isEqualTo("[1]");
        assertThat(http.post("/subjects/same-copy-value/versions", schemaBody("order-v1.avsc")).body())
                .isEqualTo("{\"id\":" + id + "}");
        assertThat(http.get("/schemas/ids/" + id + "/versions").body())
                .isEqualTo("[{\"subject\":\"same-copy-value\",\"version\":1},{\"subject\":\"same-value\",\"version\":1}]");
    }

    @Test
    void shouldRejectABackwardIncompatibleSchemaWith409AndRegisterAnAllowedEvolution() {
        int v1 = http.post("/subjects/evolve-value/versions", schemaBody("user-v1.avsc")).json().path("id").asInt();

        Answer rejected = http.post("/subjects/evolve-value/versions", schemaBody("user-v2-email-without-default.avsc"));
        Answer evolved = http.post("/subjects/evolve-value/versions", schemaBody("user-v2-email-with-default.avsc"));

        assertThat(rejected.status()).isEqualTo(409);
        assertThat(rejected.errorCode()).isEqualTo(409);
        assertThat(rejected.json().path("message").asText())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"evolve-value\", "
                        + "details: [{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'")
                .contains("{oldSchemaVersion: 1}", "{compatibility: 'BACKWARD'}");
        assertThat(evolved.status()).isEqualTo(200);
        assertThat(evolved.json().path("id").asInt()).isGreaterThan(v1);
        assertThat(http.get("/subjects/evolve-value/versions").body()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects/evolve-value/versions/latest").json().path("version").asInt()).isEqualTo(2);
    }

    @Test
    void shouldAnswerCompatibilityChecksWithoutRegistering() {
        http.post("/subjects/check-value/versions", schemaBody("user-v1.avsc"));

        Answer compatible = http.post("/compatibility/subjects/check-value/versions/latest", schemaBody("user-v2-email-with-default.avsc"));
        Answer incompatible = http.post("/compatibility/subjects/check-value/versions/1?verbose=true",
                schemaBody("user-v2-email-without-default.avsc"));

        assertThat(compatible.body()).isEqualTo("{\"is_compatible\":true}");
        assertThat(incompatible.status()).isEqualTo(200);
        assertThat(incompatible.json().path("is_compatible").asBoolean()).isFalse();
        assertThat(incompatible.json().path("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(http.post("/compatibility/subjects/no-such-value/versions/latest", schemaBody("order-v1.avsc")).body())
                .isEqualTo("{\"is_compatible\":true}");
        assertThat(http.get("/subjects/check-value/versions").body()).isEqualTo("[1]");
    }

    @Test
    void shouldReadAndSetSubjectLevelConfiguration() {
        Answer unset = http.get("/config/config-value");
        assertThat(unset.status()).isEqualTo(404);
        assertThat(unset.body()).isEqualTo("{\"error_code\":40408,\"message\":"
                + "\"Subject 'config-value' does not have subject-level compatibility configured\"}");
        assertThat(http.get("/config/config-value?defaultToGlobal=true").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        Answer set = http.put("/config/config-value", "{\"compatibility\":\"FULL_TRANSITIVE\"}".getBytes(StandardCharsets.UTF_8));
        Answer invalid = http.put("/config/config-value", "{\"compatibility\":\"SIDEWAYS\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(set.body()).isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
        assertThat(http.get("/config/config-value").body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42203);
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void shouldAnswerEveryMissingThingAndEveryBadRequestWithItsOwnCode() {
        http.post("/subjects/codes-value/versions", schemaBody("user-v1.avsc"));

        assertError(http.get("/subjects/no-such-value/versions"), 404, 40401, "Subject 'no-such-value' not found.");
        assertError(http.get("/subjects/no-such-value/versions/1"), 404, 40401, "Subject 'no-such-value' not found.");
        assertError(http.post("/subjects/no-such-value", schemaBody("user-v1.avsc")), 404, 40401,
                "Subject 'no-such-value' not found.");
        assertError(http.get("/subjects/codes-value/versions/9"), 404, 40402, "Version 9 not found.");
        assertError(http.get("/schemas/ids/987654"), 404, 40403, "Schema 987654 not found");
        assertError(http.post("/subjects/codes-value", schemaBody("order-v1.avsc")), 404, 40403, "Schema not found");
        assertThat(http.get("/subjects/codes-value/versions/abc").errorCode()).isEqualTo(42202);
        assertThat(http.get("/subjects/codes-value/versions/0").errorCode()).isEqualTo(42202);
        assertError(http.get("/no/such/path"), 404, 404, "HTTP 404 Not Found");
        assertError(http.send("DELETE", "/subjects/codes-value", null, null), 405, 405, "HTTP 405 Method Not Allowed");
        Answer malformed = http.post("/subjects/codes-value/versions", "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.errorCode()).isEqualTo(422);
        Answer invalidSchema = http.post("/subjects/codes-value/versions", schemaBody("not-avro.avsc"));
        assertThat(invalidSchema.status()).isEqualTo(422);
        assertThat(invalidSchema.errorCode()).isEqualTo(42201);
        assertThat(http.get("/").body()).isEqualTo("{}");
    }

    @Test
    void shouldKeepStateInACompactedSinglePartitionTopicInConfluentsLayout() throws Exception {
        int id = http.post("/subjects/layout-value/versions", schemaBody("user-without-name.avsc")).json().path("id").asInt();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, SchemasTopicStore.TOPIC);
            Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of(SchemasTopicStore.TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(SchemasTopicStore.TOPIC).partitions()).hasSize(1);
        }
        String key = "{\"keytype\":\"SCHEMA\",\"subject\":\"layout-value\",\"version\":1,\"magic\":1}";
        String schema = Fixtures.JSON.valueToTree(avro("user-without-name.avsc").toString()).toString();
        assertThat(readSchemasTopic(kafka.bootstrapServers(), key)).isEqualTo(
                "{\"subject\":\"layout-value\",\"version\":1,\"id\":" + id + ",\"schema\":" + schema + ",\"deleted\":false}");
    }

    private static void assertError(Answer answer, int status, int code, String message) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo(RegistryHttp.CONTENT_TYPE);
        assertThat(answer.json()).isEqualTo(tree(Map.of("error_code", code, "message", message)));
    }

    private static JsonNode tree(Map<String, Object> fields) {
        return Fixtures.JSON.valueToTree(fields);
    }

    /** The value of the last {@code _schemas} record with {@code key}, read within a bound. */
    private static String readSchemasTopic(String bootstrapServers, String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(SchemasTopicStore.TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        values.add(r.value());
                    }
                });
            }
            assertThat(values).as("records with key %s", key).isNotEmpty();
            return values.get(values.size() - 1);
        }
    }
}
