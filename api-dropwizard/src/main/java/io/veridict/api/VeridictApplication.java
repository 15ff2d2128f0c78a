package io.veridict.api;

import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.veridict.api.cli.DevCommand;
import io.veridict.api.cli.VeridictSubstitutor;
import io.veridict.api.core.LedgerStreams;
import io.veridict.api.core.SchemaBootstrap;
import io.veridict.api.core.TopicBootstrap;
import io.veridict.api.health.KafkaHealthCheck;
import io.veridict.api.health.SchemaRegistryHealthCheck;
import io.veridict.api.health.StreamsHealthCheck;
import io.veridict.api.health.TopicsHealthCheck;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.streams.LedgerSerdes;
import io.veridict.streams.LedgerTopology;
import io.veridict.streams.topics.LedgerTopics;
import io.veridict.streams.topics.TopicProvisioner;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** The Veridict service: {@code veridict server config.yml}, {@code veridict dev}. */
public class VeridictApplication extends Application<VeridictConfiguration> {

    public static void main(String[] args) throws Exception {
        new VeridictApplication().run(args);
    }

    @Override
    public String getName() {
        return "veridict";
    }

    @Override
    public void initialize(Bootstrap<VeridictConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new VeridictSubstitutor(Map.of())));
        bootstrap.addCommand(new DevCommand(this));
    }

    @Override
    public void run(VeridictConfiguration config, Environment environment) {
        LedgerTopics topics = config.getKafka().topics();
        Duration adminTimeout = Duration.ofMillis(config.getKafka().getAdminTimeout().toMilliseconds());

        // Kafka admin: topic creation and the Kafka health check.
        Admin admin = config.getKafka().buildAdmin("veridict-admin");
        environment.lifecycle().manage(new io.dropwizard.lifecycle.AutoCloseableManager(admin));
        TopicBootstrap topicBootstrap = new TopicBootstrap(new TopicProvisioner(admin, adminTimeout), topics);
        environment.lifecycle().manage(topicBootstrap);

        // Schema registry and the command serde.
        SchemaRegistryClient registry = config.getSchemaRegistry().build();
        environment.lifecycle().manage(new SchemaBootstrap(registry, topics));

        // The ledger topology, started once the topics exist.
        LedgerStreams streams = new LedgerStreams(
                LedgerTopology.build(topics, LedgerSerdes.confluent(registry)),
                config.getStreams().streamsProperties(config.getKafka(), topics));
        environment.lifecycle().manage(streams);

        environment.healthChecks().register("kafka", new KafkaHealthCheck(admin, adminTimeout));
        environment.healthChecks().register("schema-registry", new SchemaRegistryHealthCheck(registry));
        environment.healthChecks().register("streams", new StreamsHealthCheck(streams));
        environment.healthChecks().register("topics", new TopicsHealthCheck(topicBootstrap));
    }
}
