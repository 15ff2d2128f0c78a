package io.veridict.api.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.api.cli.VeridictProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Node consumer (kafkajs, the registry client, and an LZ4 codec from lz4js) reads every topic a
 * running ledger writes, the lz4-compressed commands topic included, and decodes each value
 * through the schema registry. The dead-letter topic is left out: it holds what could not be
 * decoded, as it came.
 */
class NodeTopicsIT {

    private static final Path INTEROP = Path.of("..", "interop").toAbsolutePath().normalize();
    private static final List<String> TOPICS = List.of("veridict.commands", "veridict.entries", "veridict.payloads",
            "veridict.receipts", "veridict.access", "veridict.checkpoints");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void shouldReadEveryTopicWithKafkajs() throws Exception {
        assertThat(INTEROP.resolve("node_modules/lz4js")).as("run `npm ci --prefix interop` before the tests").exists();
        try (VeridictProcess dev = VeridictProcess.dev(tmp.resolve("data"))) {
            dev.start(Duration.ofSeconds(120));
            String key = dev.exported("VERIDICT_KEY", Duration.ofSeconds(60));
            for (int i = 0; i < 3; i++) {
                assertThat(dev.record("demo", key, "node-" + i, decision(i)).statusCode()).isEqualTo(201);
            }
            assertThat(dev.record("demo", key, "node-0", decision(99)).statusCode()).as("a conflict: a receipt record").isEqualTo(409);
            awaitRecords(dev.bootstrapServers(), "veridict.checkpoints");

            JsonNode report = runNode(dev);
            JsonNode topics = report.get("topics");
            for (String topic : TOPICS) {
                assertThat(topics.get(topic).get("records").asInt()).as(topic + " decoded by kafkajs").isPositive();
            }
            assertThat(topics.get("veridict.commands").get("first").get("tenant_id").asText()).isNotEmpty();
            assertThat(topics.get("veridict.receipts").get("first").get("status").asText()).isEqualTo("CONFLICT");
            assertThat(topics.get("veridict.checkpoints").get("first").get("tenant_id").asText()).isNotEmpty();
        }
    }

    private static String decision(int n) {
        return "{\"context\":{\"n\":" + n + "},\"decision\":true}";
    }

    /** Waits until {@code topic} holds a record (the chain signs checkpoints every 10 s in dev). */
    private static void awaitRecords(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
                long total = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                        .mapToLong(info -> info.offset()).sum();
                if (total > 0) {
                    return;
                }
                assertThat(System.nanoTime()).as(topic + " written").isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    private static JsonNode runNode(VeridictProcess dev) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "read-topics.mjs").directory(INTEROP.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("BOOTSTRAP_SERVERS", dev.bootstrapServers(),
                "REGISTRY_URL", dev.registryUrl().toString(), "TOPICS", String.join(",", TOPICS)));
        Process node = builder.start();
        if (!node.waitFor(180, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("reading the topics with kafkajs did not finish within 180 s");
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String lastLine = output.strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(node.exitValue()).as(output).isZero();
        JsonNode report = JSON.readTree(lastLine);
        assertThat(report.get("ok").asBoolean()).as(output).isTrue();
        return report;
    }
}
