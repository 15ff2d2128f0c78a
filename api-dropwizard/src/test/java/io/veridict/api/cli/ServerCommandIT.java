package io.veridict.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.dev.registry.BuiltInSchemaRegistry;
import io.veridict.dev.testing.TestKafka;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code veridict server config/veridict.yml} against an external Kafka and registry,
 * configured only through the environment.
 */
class ServerCommandIT {

    private static final Path CONFIG = Path.of("..", "config", "veridict.yml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void shouldRunAgainstExternalKafkaAndRegistryAndReportTopicDrift() throws Exception {
        try (TestKafka kafka = TestKafka.start(tmp.resolve("kafka"));
             BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.start(kafka.bootstrapServers(), "localhost", 0, (short) 1);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<String, String> env = Map.ofEntries(
                    Map.entry("VERIDICT_KAFKA_BOOTSTRAP", kafka.bootstrapServers()),
                    Map.entry("VERIDICT_REGISTRY_URL", registry.url().toString()),
                    Map.entry("VERIDICT_BIND_HOST", "127.0.0.1"),
                    Map.entry("VERIDICT_STATE_DIR", tmp.resolve("state").toString()),
                    Map.entry("VERIDICT_TOPIC_PREFIX", "prod."),
                    Map.entry("VERIDICT_PARTITIONS", "2"),
                    Map.entry("VERIDICT_REPLICATION_FACTOR", "1"),
                    Map.entry("VERIDICT_MIN_ISR", "1"),
                    Map.entry("VERIDICT_STANDBY_REPLICAS", "0"),
                    Map.entry("VERIDICT_KEY_PEPPER", "c2VydmVyLWNvbW1hbmQtaXQtcGVwcGVyLTMyLWJ5dGVzLWxvbmc="),
                    Map.entry("VERIDICT_KEKS", io.veridict.streams.crypto.LocalKms.generate("server-kek")),
                    Map.entry("VERIDICT_REQUIRE_HTTPS", "false"));

            try (VeridictProcess server = VeridictProcess.server(CONFIG, env, tmp.resolve("server-1.log")).start(Duration.ofSeconds(120))) {
                assertThat(admin.describeTopics(List.of("prod.commands")).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get("prod.commands").partitions()).hasSize(2);
                SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistrySettings.forUrl(registry.url().toString()));
                assertThat(client.subjects()).contains("prod.commands-value", "prod.entries-key", "prod.entries-value",
                        "prod.payloads-key", "prod.payloads-value");
                assertThat(server.output()).doesNotContain("Veridict dev stack is up");
                server.stop();
            }

            // An operator turns compaction off on the payloads topic: the service must say so.
            ConfigResource payloads = new ConfigResource(ConfigResource.Type.TOPIC, "prod.payloads");
            admin.incrementalAlterConfigs(Map.of(payloads, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);

            try (VeridictProcess server = VeridictProcess.server(CONFIG, env, tmp.resolve("server-2.log"))
                    .start(Duration.ofSeconds(120), response -> response.statusCode() == 500 && response.body().contains("\"topics\""))) {
                JsonNode topics = JSON.readTree(server.health().body()).get("topics");
                assertThat(topics.get("healthy").asBoolean()).isFalse();
                assertThat(topics.get("mismatches").toString()).contains("prod.payloads: cleanup.policy is delete, expected compact");
                assertThat(server.output()).contains("Topic configuration mismatch: prod.payloads: cleanup.policy is delete, expected compact");
                server.stop();
            }
        }
    }
}
