package io.veridict.verifier;

import io.veridict.dev.registry.BuiltInSchemaRegistry;
import io.veridict.dev.testing.TestKafka;
import io.veridict.schemas.avro.Actor;
import io.veridict.schemas.avro.ActorKind;
import io.veridict.schemas.avro.EntryReceipt;
import io.veridict.schemas.avro.EntryRun;
import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.avro.RecordDecision;
import io.veridict.schemas.avro.WrappedDataKey;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import io.veridict.streams.LedgerSerdes;
import io.veridict.streams.LedgerStreamsConfig;
import io.veridict.streams.LedgerTopology;
import io.veridict.streams.TestCrypto;
import io.veridict.streams.chain.ChainStores;
import io.veridict.streams.chain.Receipts;
import io.veridict.streams.crypto.LedgerCrypto;
import io.veridict.streams.crypto.PayloadOpener;
import io.veridict.streams.store.KafkaTopicHistory;
import io.veridict.streams.topics.LedgerTopics;
import io.veridict.streams.topics.TopicProvisioner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A real ledger for replay tests: the embedded broker and built-in registry, the production
 * topology run over commands of several tenants until every command is chained, then stopped.
 * Holds every tenant's receipts (from the entries topic) to compare verified heads with.
 */
final class ChainedLedger implements AutoCloseable {

    static final int PARTITIONS = 3;

    final TestKafka kafka;
    final BuiltInSchemaRegistry registry;
    final SchemaRegistryClient client;
    final LedgerSerdes serdes;
    final Admin admin;
    /** Receipts of each tenant, in seq order. */
    final Map<String, List<EntryReceipt>> receipts = new HashMap<>();
    /** Seals the payloads; its KEK was made for this ledger. */
    final LedgerCrypto crypto = TestCrypto.crypto();
    /** The tenants' wrapped data keys, as the chain's tenant-keys store held them when it stopped. */
    private final Map<String, WrappedDataKey> dataKeys = new HashMap<>();

    private ChainedLedger(Path dir) {
        kafka = TestKafka.start(dir.resolve("kafka"));
        registry = BuiltInSchemaRegistry.start(kafka.bootstrapServers(), "localhost", 0, (short) 1);
        client = new SchemaRegistryClient(SchemaRegistrySettings.forUrl(registry.url().toString()));
        serdes = LedgerSerdes.confluent(client);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    /**
     * Chains {@code counts.get(tenant)} decision commands per tenant under topic prefix
     * {@code prefix}, interleaving the tenants.
     */
    static ChainedLedger chain(Path dir, String prefix, Map<String, Integer> counts) throws Exception {
        ChainedLedger ledger = new ChainedLedger(dir);
        try {
            LedgerTopics topics = ledger.provision(prefix);
            ledger.produceCommands(topics, counts);
            ledger.runUntilChained(topics, dir, counts.values().stream().mapToInt(Integer::intValue).sum());
            return ledger;
        } catch (Exception | Error e) {
            ledger.close();
            throw e;
        }
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    /** Creates the standard topic set under {@code prefix}. */
    LedgerTopics provision(String prefix) {
        LedgerTopics topics = LedgerTopics.standard(prefix, PARTITIONS, (short) 1, 1);
        new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(topics.all());
        awaitLeaders(topics.all().stream().map(io.veridict.streams.topics.TopicSpec::name).toList());
        return topics;
    }

    /** Waits until every partition of {@code names} has a leader: a producer writing sooner can stall. */
    private void awaitLeaders(List<String> names) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                boolean ready = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                        .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (Exception notYet) {
                // a topic created a moment ago may still be unknown
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topics " + names + " have no leaders after 30 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void produceCommands(LedgerTopics topics, Map<String, Integer> counts) throws Exception {
        int most = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        // One request in flight: a partition that has only just become its leader's may refuse the
        // first batch (NOT_LEADER_OR_FOLLOWER) while later batches are taken, and the retried first
        // batch is then refused for good as out of order.
        try (KafkaProducer<String, LedgerCommand> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), serdes.commands().serializer())) {
            for (int i = 0; i < most; i++) {
                for (Map.Entry<String, Integer> tenant : counts.entrySet()) {
                    if (i < tenant.getValue()) {
                        producer.send(new ProducerRecord<>(topics.commands().name(), tenant.getKey(), command(tenant.getKey(), i)));
                    }
                }
            }
            producer.flush();
        }
    }

    private void runUntilChained(LedgerTopics topics, Path dir, int expected) {
        Properties p = LedgerStreamsConfig.required(topics);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "replay-it-" + UUID.randomUUID());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaStreams streams = new KafkaStreams(LedgerTopology.build(topics, serdes,
                new KafkaTopicHistory(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap())), crypto), p);
        try {
            streams.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            List<EntryReceipt> chained = new ArrayList<>();
            while (chained.size() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + chained.size() + " of " + expected + " commands chained in 120 s");
                }
                chained.clear();
                for (TopicRecords.Rec r : TopicRecords.readAll(bootstrap(), topics.entries().name())) {
                    EntryRun run = serdes.entries().deserializer().deserialize(topics.entries().name(), r.value());
                    run.getEntries().forEach(e -> chained.add(Receipts.receipt(e.getHeader(), null)));
                }
            }
            chained.sort((a, b) -> Long.compare(a.getSeq(), b.getSeq()));
            chained.forEach(r -> receipts.computeIfAbsent(r.getTenantId(), t -> new ArrayList<>()).add(r));
            try (var keys = streams.store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(ChainStores.KEYS,
                    org.apache.kafka.streams.state.QueryableStoreTypes.<org.apache.kafka.common.utils.Bytes,
                            WrappedDataKey>keyValueStore())).all()) {
                keys.forEachRemaining(kv -> dataKeys.put(kv.value.getTenantId() + "/" + kv.value.getKeyId(), kv.value));
            }
        } finally {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        }
    }

    /** Opens the payloads this ledger sealed, with the data keys its chain made. */
    PayloadOpener opener() {
        return new PayloadOpener(crypto.kms(), (tenant, keyId) -> dataKeys.get(tenant + "/" + keyId));
    }

    private static LedgerCommand command(String tenant, int i) {
        return LedgerCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setTenantId(tenant)
                .setIdempotencyKey(tenant + "-" + i)
                .setCorrelationId("corr-" + tenant + "-" + i)
                .setActor(Actor.newBuilder().setKind(ActorKind.API_KEY).setKeyId("key-" + tenant).build())
                .setReceivedAt(Instant.now())
                .setBody(RecordDecision.newBuilder()
                        .setContextJson("{\"applicant\":\"Zoë-" + i + "\",\"amount\":" + (100 + i) + "}")
                        .setDecisionJson(i % 2 == 0 ? "\"approve\"" : "\"deny\"")
                        .setViolations(List.of()).setEvidence(List.of()).build())
                .build();
    }

    @Override
    public void close() {
        admin.close();
        registry.close();
        kafka.close();
    }
}
