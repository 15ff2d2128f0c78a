package io.veridict.streams.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.veridict.dev.testing.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicProvisionerIT {

    @TempDir
    static Path dataDir;
    static TestKafka kafka;
    static Admin admin;

    @BeforeAll
    static void startKafka() {
        kafka = TestKafka.start(dataDir);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void stopKafka() {
        admin.close();
        kafka.close();
    }

    @Test
    void shouldCreateEveryTopicWithItsConfigsAndBeIdempotent() throws Exception {
        LedgerTopics topics = LedgerTopics.standard("created.", 3, (short) 1, 1);
        TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));

        assertThat(provisioner.ensure(topics.all())).isEmpty();
        assertThat(provisioner.ensure(topics.all())).isEmpty();

        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(
                "created.commands", "created.entries", "created.payloads", "created.checkpoints", "created.receipts", "created.dead-letter");
        assertThat(admin.describeTopics(List.of("created.payloads")).allTopicNames().get(30, TimeUnit.SECONDS)
                .get("created.payloads").partitions()).hasSize(3);
    }

    @Test
    void shouldReportButNotAlterATopicThatDiffersFromItsSpec() throws Exception {
        admin.createTopics(List.of(new NewTopic("drifted.payloads", 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")))).all().get(30, TimeUnit.SECONDS);
        LedgerTopics topics = LedgerTopics.standard("drifted.", 3, (short) 1, 1);

        List<TopicMismatch> mismatches = new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(topics.all());

        assertThat(mismatches).containsExactlyInAnyOrder(
                new TopicMismatch("drifted.payloads", "partitions", "3", "1"),
                new TopicMismatch("drifted.payloads", TopicConfig.CLEANUP_POLICY_CONFIG, "compact", "delete"));
    }
}
