package io.veridict.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veridict.api.cli.VeridictProcess;
import io.veridict.dev.testing.FilesHolding;
import io.veridict.schemas.avro.EntryKey;
import io.veridict.schemas.avro.PayloadEnvelope;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import io.veridict.streams.LedgerSerdes;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retention lifecycle end to end on the dev stack: a policy of one second (two holders), decisions
 * recorded, a legal hold on some, the retention job run, and the payloads topic compacted (small
 * {@code segment.ms}, low {@code min.cleanable.dirty.ratio}). Payloads are sealed at rest, so the
 * evidence is the sealed bytes read from the payloads topic before the run: afterwards those of the
 * unheld decisions are in no file under the data folder (the broker's log folder, the state folder),
 * those of the held ones are still in the broker's log files and read back in clear, and every
 * verifier (the API, {@code veridict verify} on the topics and on an export) says valid, with the
 * run's erasure record accounting for every erased payload.
 */
class RetentionLifecycleIT {

    private static final String TENANT = "lifecycle";
    private static final String PAYLOADS = "veridict.payloads";
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    /** Compaction as eager as the broker allows; set before anything of the tenant is recorded. */
    private static final Map<String, String> EAGER_COMPACTION = Map.of(
            TopicConfig.SEGMENT_MS_CONFIG, "100",
            TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01",
            TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0",
            TopicConfig.DELETE_RETENTION_MS_CONFIG, "100",
            // A cleaned segment's old files are renamed *.deleted and removed only after this delay (60 s by default).
            TopicConfig.FILE_DELETE_DELAY_MS_CONFIG, "100");

    @TempDir
    Path tmp;

    @Test
    void shouldEraseUnheldPayloadsFromEveryFileKeepHeldOnesAndVerifyWithTheErasuresAccountedFor() throws Exception {
        Path data = tmp.resolve("data");
        Path brokerLogs = data.resolve("kafka-logs");
        Path state = data.resolve("streams");
        try (VeridictProcess stack = VeridictProcess.dev(data).withEnv("VERIDICT_RETENTION_RUN_INTERVAL", "1h")
                .start(Duration.ofSeconds(120))) {
            compactEagerly(stack);
            LedgerClient api = new LedgerClient(stack.apiPort, stack.operatorToken());

            // A policy of one second shortens "forever": a second holder approves it.
            api.keyOf(TENANT);
            LedgerClient.Answer bobKey = api.post("/v1/keys", TENANT, null,
                    "{\"scopes\":[\"retention:approve\"],\"holder\":\"bob\"}");
            assertThat(bobKey.status()).as(bobKey.body()).isEqualTo(201);
            LedgerClient.Answer proposed = api.send(HttpRequest.newBuilder(api.base().resolve("/v1/retention/policy"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + api.keyOf(TENANT)).header("X-Veridict-Tenant-Id", TENANT)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"rules\":[{\"entry_type\":\"DECISION\",\"retain\":\"PT1S\"}]}"))
                    .build());
            assertThat(proposed.status()).as(proposed.body()).isEqualTo(202);
            LedgerClient.Answer approved = api.send(HttpRequest.newBuilder(api.base().resolve("/v1/retention/proposals/"
                            + proposed.json().get("proposal_id").asText() + "/approve")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + bobKey.json().get("key").asText())
                    .header("X-Veridict-Tenant-Id", TENANT).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(approved.json().get("status").asText()).isEqualTo("in_force");

            // Random markers, so that no part of a payload repeats anything else stored.
            Map<String, String> unheld = markers("gone", 4);
            Map<String, String> held = markers("kept", 2);
            Map<String, Long> seqs = new HashMap<>();
            for (Map<String, String> decisions : List.of(unheld, held)) {
                for (Map.Entry<String, String> d : decisions.entrySet()) {
                    LedgerClient.Answer recorded = api.record(TENANT, "k-" + d.getKey(), "{\"decision_id\":\"" + d.getKey()
                            + "\",\"context\":{\"note\":\"" + d.getValue() + "\"},\"decision\":\"approve\"}");
                    assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
                    seqs.put(d.getKey(), recorded.json().get("seq").asLong());
                }
            }
            Map<Long, byte[]> sealed = sealedPayloads(stack, TENANT, seqs.values());
            for (Map.Entry<String, Long> d : seqs.entrySet()) {
                assertThat(FilesHolding.bytes(brokerLogs, sealed.get(d.getValue())))
                        .as("the sealed payload of %s in the broker's log files before the run", d.getKey()).isNotEmpty();
            }
            for (Map<String, String> decisions : List.of(unheld, held)) {
                decisions.forEach((id, marker) -> assertThat(FilesHolding.text(data, marker)).as("%s never in clear", id).isEmpty());
            }

            LedgerClient.Answer hold = api.post("/v1/retention/holds", TENANT, null,
                    "{\"decision_ids\":[" + String.join(",", held.keySet().stream().map(id -> "\"" + id + "\"").toList())
                            + "],\"reason\":\"case 2026-41\"}");
            assertThat(hold.status()).as(hold.body()).isEqualTo(201);

            JsonNode plan = awaitPlan(api, unheld.size());
            assertThat(plan.get("would_erase").asInt()).as(plan.toString()).isEqualTo(unheld.size());
            assertThat(plan.get("held").asInt()).isEqualTo(held.size());
            LedgerClient.Answer ran = api.post("/v1/retention/runs", TENANT, null, "");
            assertThat(ran.status()).as(ran.body()).isEqualTo(200);
            JsonNode run = ran.json();
            assertThat(run.get("erased").asInt()).as(run.toString()).isEqualTo(unheld.size());
            assertThat(run.get("held").asInt()).isEqualTo(held.size());
            long runSeq = run.get("seq").asLong();
            for (String id : unheld.keySet()) {
                assertThat(api.get("/v1/decisions/" + id, TENANT).json().get("payload").isNull()).as(id).isTrue();
            }

            // Compaction never touches the active segment: decisions recorded once segment.ms has passed
            // roll the segment that holds the tombstones, and the log cleaner (every second on the dev
            // broker) rewrites it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long nextFiller = 0;
            int fillers = 0;
            while (anyOnDisk(data, sealed, unheld, seqs)) {
                assertThat(System.nanoTime()).as("compaction to remove the erased payloads from the broker's files; "
                        + "files holding them: " + holding(data, sealed, unheld, seqs)).isLessThan(deadline);
                if (System.nanoTime() >= nextFiller) {
                    Thread.sleep(200); // more than segment.ms since the last append
                    fillers++;
                    LedgerClient.Answer filler = api.record(TENANT, "filler-" + fillers,
                            "{\"context\":{\"filler\":" + fillers + "},\"decision\":\"noop\"}");
                    assertThat(filler.status()).as(filler.body()).isEqualTo(201);
                    nextFiller = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                }
                Thread.sleep(500);
            }

            for (String id : unheld.keySet()) {
                byte[] bytes = sealed.get(seqs.get(id));
                assertThat(FilesHolding.bytes(brokerLogs, bytes)).as("broker log files holding %s", id).isEmpty();
                assertThat(FilesHolding.bytes(state, bytes)).as("state files holding %s", id).isEmpty();
                assertThat(FilesHolding.bytes(data, bytes)).as("any file under the data folder holding %s", id).isEmpty();
            }
            for (Map.Entry<String, String> d : held.entrySet()) {
                assertThat(FilesHolding.bytes(brokerLogs, sealed.get(seqs.get(d.getKey()))))
                        .as("the held %s still in the broker's log files", d.getKey()).isNotEmpty();
                JsonNode decision = api.get("/v1/decisions/" + d.getKey(), TENANT).json();
                assertThat(decision.get("payload").asText()).as(d.getKey()).contains(d.getValue());
            }

            // The API's verifier, on the chain's stores.
            JsonNode verified = api.post("/v1/audit/verify", TENANT, null, "").json();
            assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
            assertThat(verified.get("erased_payloads").asLong()).isEqualTo(unheld.size());
            assertThat(verified.get("unaccounted_payloads").asLong()).isZero();
            assertThat(verified.get("erasures")).singleElement().satisfies(e -> assertErasure(e, runSeq, unheld.size()));

            // veridict verify on the topics, without any key of the tenant.
            VeridictProcess.Outcome topics = VeridictProcess.runOnce(RUN_LIMIT, "verify",
                    "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl().toString(),
                    "--tenant", TENANT, "--json", "--no-progress");
            assertThat(topics.exitCode()).as(topics.stdout() + topics.stderr()).isZero();
            assertVerifiedReport(LedgerClient.JSON.readTree(topics.stdout()), runSeq, unheld.size());

            // veridict verify on the tenant's export.
            LedgerClient.Answer export = api.get("/v1/audit/export", TENANT);
            assertThat(export.status()).as(export.body()).isEqualTo(200);
            assertThat(export.body()).contains(held.values());
            for (String marker : unheld.values()) {
                assertThat(export.body()).doesNotContain(marker);
            }
            Path exportFile = tmp.resolve(TENANT + ".ndjson");
            Files.writeString(exportFile, export.body(), StandardCharsets.UTF_8);
            VeridictProcess.Outcome file = VeridictProcess.runOnce(RUN_LIMIT, "verify", "--file", exportFile.toString(),
                    "--json", "--no-progress");
            assertThat(file.exitCode()).as(file.stdout() + file.stderr()).isZero();
            assertVerifiedReport(LedgerClient.JSON.readTree(file.stdout()), runSeq, unheld.size());
        }
    }

    /** {@code count} decision ids, each with a random marker to put in its payload, in order. */
    private static Map<String, String> markers(String prefix, int count) {
        Map<String, String> markers = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            markers.put(prefix + "-" + i, "Qr" + UUID.randomUUID().toString().replace("-", ""));
        }
        return markers;
    }

    /** Makes the payloads topic compact as soon as it can; the service never alters an existing topic. */
    private static void compactEagerly(VeridictProcess stack) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, PAYLOADS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            List<AlterConfigOp> ops = EAGER_COMPACTION.entrySet().stream()
                    .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET)).toList();
            admin.incrementalAlterConfigs(Map.of(topic, ops)).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
                if (EAGER_COMPACTION.entrySet().stream().allMatch(c -> c.getValue().equals(config.get(c.getKey()).value()))) {
                    assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
                    return;
                }
                assertThat(System.nanoTime()).as("the broker to apply " + EAGER_COMPACTION + ": " + config).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    /** The sealed bytes of the tenant's payloads at {@code seqs}, as the payloads topic holds them. */
    private static Map<Long, byte[]> sealedPayloads(VeridictProcess stack, String tenant, Collection<Long> seqs) {
        LedgerSerdes serdes = LedgerSerdes.confluent(
                new SchemaRegistryClient(SchemaRegistrySettings.forUrl(stack.registryUrl().toString())));
        Set<Long> wanted = Set.copyOf(seqs);
        Map<Long, byte[]> sealed = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(PAYLOADS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (sealed.size() < wanted.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    EntryKey key = serdes.entryKeys().deserializer().deserialize(PAYLOADS, r.key());
                    if (key.getTenantId().equals(tenant) && wanted.contains(key.getSeq()) && r.value() != null) {
                        PayloadEnvelope envelope = serdes.payloads().deserializer().deserialize(PAYLOADS, r.value());
                        assertThat(envelope.getKeyId()).as("sealed").isNotNull();
                        byte[] bytes = new byte[envelope.getCiphertext().remaining()];
                        envelope.getCiphertext().duplicate().get(bytes);
                        sealed.put(key.getSeq(), bytes);
                    }
                }
            }
        }
        assertThat(sealed.keySet()).as("payload records of " + tenant).isEqualTo(wanted);
        return sealed;
    }

    /** The dry run, once it shows {@code due} payloads due; bounded. */
    private static JsonNode awaitPlan(LedgerClient api, int due) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode plan = api.get("/v1/retention/plan", TENANT).json();
            if (plan.get("would_erase").asInt() >= due) {
                return plan;
            }
            assertThat(System.nanoTime()).as("payloads to fall due: " + plan).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static boolean anyOnDisk(Path data, Map<Long, byte[]> sealed, Map<String, String> ids, Map<String, Long> seqs) {
        return ids.keySet().stream().anyMatch(id -> !FilesHolding.bytes(data, sealed.get(seqs.get(id))).isEmpty());
    }

    private static Map<String, List<Path>> holding(Path data, Map<Long, byte[]> sealed, Map<String, String> ids,
                                                   Map<String, Long> seqs) {
        Map<String, List<Path>> holding = new LinkedHashMap<>();
        for (String id : ids.keySet()) {
            List<Path> files = new ArrayList<>(FilesHolding.bytes(data, sealed.get(seqs.get(id))));
            if (!files.isEmpty()) {
                holding.put(id, files);
            }
        }
        return holding;
    }

    /** A {@code veridict verify --json} report of the one tenant: verified, every absent payload named by the run. */
    private static void assertVerifiedReport(JsonNode report, long runSeq, int erased) {
        assertThat(report.get("verified").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("failures")).isEmpty();
        assertThat(report.get("orphan_payloads")).isEmpty();
        assertThat(report.get("tenants")).singleElement().satisfies(t -> {
            assertThat(t.get("tenant_id").asText()).isEqualTo(TENANT);
            assertThat(t.get("verified").asBoolean()).isTrue();
            assertThat(t.get("erased_payloads").asLong()).isEqualTo(erased);
            assertThat(t.get("unaccounted_payloads").asLong()).isZero();
            assertThat(t.get("erasures")).singleElement().satisfies(e -> assertErasure(e, runSeq, erased));
        });
    }

    private static void assertErasure(JsonNode erasure, long runSeq, int erased) {
        assertThat(erasure.get("seq").asLong()).isEqualTo(runSeq);
        assertThat(erasure.get("operation").asText()).isEqualTo("RETENTION_APPLIED");
        assertThat(erasure.get("erased").asLong()).isEqualTo(erased);
    }
}
