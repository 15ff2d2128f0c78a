package io.veridict.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code veridict dev} as a user runs it: start, use, stop, start again on the same data. */
class DevCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DEMO_SCHEMA =
            "{\"type\":\"record\",\"name\":\"Demo\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";

    @TempDir
    Path tmp;

    @Test
    void shouldComeUpHealthyAndKeepTopicsSchemasAndIdsAcrossARestart() throws Exception {
        Path dataDir = tmp.resolve("data");
        int schemaId;
        String demoKey;
        VeridictProcess first = VeridictProcess.dev(dataDir);
        try (first) {
            first.start(Duration.ofSeconds(120));

            JsonNode health = JSON.readTree(first.health().body());
            assertThat(health.fieldNames()).toIterable().contains("kafka", "schema-registry", "streams", "topics");
            assertThat(health.get("streams").get("healthy").asBoolean()).isTrue();
            assertThat(health.get("topics").get("healthy").asBoolean()).isTrue();
            assertThat(first.output()).contains("Veridict dev stack is up", "localhost:" + first.kafkaPort,
                    "http://localhost:" + first.registryPort);

            demoKey = first.exported("VERIDICT_KEY", Duration.ofSeconds(60));
            assertThat(first.output()).contains("export VERIDICT_TENANT=demo", "export VERIDICT_OPERATOR_TOKEN=vdo_");
            assertThat(demoHead(first, demoKey).statusCode()).isEqualTo(200);

            schemaId = register(first.registryUrl(), "demo-value", DEMO_SCHEMA);
            assertThat(topics(first.bootstrapServers())).contains("veridict.commands", "veridict.entries",
                    "veridict.payloads", "veridict.checkpoints", "veridict.dead-letter", "_schemas");
            assertThat(first.stop()).isIn(0, 143);
        }

        VeridictProcess second = VeridictProcess.dev(dataDir);
        try (second) {
            second.start(Duration.ofSeconds(120));

            assertThat(register(second.registryUrl(), "demo-value", DEMO_SCHEMA)).isEqualTo(schemaId);
            JsonNode byId = get(second.registryUrl().resolve("/schemas/ids/" + schemaId));
            assertThat(JSON.readTree(byId.get("schema").asText())).isEqualTo(JSON.readTree(DEMO_SCHEMA));
            assertThat(topics(second.bootstrapServers())).contains("veridict.commands", "veridict.payloads");
            // The demo tenant is made once: its key still works, and nothing new is printed.
            HttpResponse<String> head = demoHead(second, demoKey);
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(head.body()).get("size").asLong()).isEqualTo(2);
            assertThat(second.output().split("Demo tenant created", -1)).hasSize(2);
            assertThat(second.output().split("export VERIDICT_OPERATOR_TOKEN", -1)).hasSize(2);
            assertThat(second.stop()).isIn(0, 143);
        }
    }

    private static HttpResponse<String> demoHead(VeridictProcess stack, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + stack.apiPort + "/v1/audit/head"))
                .header("X-Veridict-Tenant-Id", "demo").header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static int register(URI registry, String subject, String schema) throws Exception {
        String body = JSON.writeValueAsString(Map.of("schema", schema));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(registry.resolve("/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("id").asInt();
    }

    private static JsonNode get(URI uri) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Set<String> topics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }
}
