package io.veridict.api;

import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.veridict.api.auth.AccessAdmin;
import io.veridict.api.auth.AccessView;
import io.veridict.api.auth.AccessViewSerde;
import io.veridict.api.auth.AuthFactory;
import io.veridict.api.auth.AuthFeature;
import io.veridict.api.auth.Authenticator;
import io.veridict.api.auth.ExpirySweep;
import io.veridict.api.auth.Principal;
import io.veridict.api.auth.SecretHasher;
import io.veridict.api.checkpoint.CheckpointKeysResource;
import io.veridict.api.checkpoint.CheckpointResource;
import io.veridict.streams.chain.CheckpointKeys;
import io.veridict.api.checkpoint.DecisionProofResource;
import io.veridict.api.checkpoint.ProofResource;
import io.veridict.api.cli.CommandProvider;
import io.veridict.api.cli.DevClasspath;
import io.veridict.api.cli.OperatorTokenCommand;
import io.veridict.api.cli.ReevaluateCommand;
import io.veridict.api.cli.RetentionCommand;
import io.veridict.api.cli.SecretsCommand;
import io.veridict.api.cli.VeridictSubstitutor;
import io.veridict.api.cli.VerifyCommand;
import io.veridict.api.core.CommandPublisher;
import io.veridict.api.core.DecisionGrouper;
import io.veridict.api.core.DecisionRecorder;
import io.veridict.api.core.LedgerQueries;
import io.veridict.api.core.EarlyStart;
import io.veridict.api.core.LedgerStreams;
import io.veridict.api.core.OutcomeListener;
import io.veridict.api.core.PolicyEvaluator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.veridict.api.metrics.ChainLag;
import io.veridict.api.metrics.PrometheusServlet;
import io.veridict.api.metrics.RequestMetricsFilter;
import io.veridict.api.metrics.RouteTemplateFilter;
import io.veridict.api.metrics.ServiceMetrics;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import io.veridict.api.core.CommittedTrees;
import io.veridict.api.core.SchemaBootstrap;
import io.veridict.api.core.TopicBootstrap;
import io.veridict.api.errors.ErrorHandling;
import io.veridict.api.health.KafkaHealthCheck;
import io.veridict.api.health.ProbeServlets;
import io.veridict.api.health.SchemaRegistryHealthCheck;
import io.veridict.api.health.StreamsHealthCheck;
import io.veridict.api.health.TopicsHealthCheck;
import io.veridict.api.json.StrictJsonReader;
import io.veridict.api.logging.MaskedLogging;
import io.veridict.api.resources.AuditResource;
import io.veridict.api.resources.DecisionResource;
import io.veridict.api.resources.EvaluationResource;
import io.veridict.api.resources.PolicyResource;
import io.veridict.api.core.ChangeChainer;
import io.veridict.api.core.PolicyLibrary;
import io.veridict.api.resources.KeyResource;
import io.veridict.api.resources.ReceiptResource;
import io.veridict.api.resources.TenantOwnerFilter;
import io.veridict.api.resources.TenantResource;
import io.veridict.api.retention.RetentionResource;
import io.veridict.api.retention.RetentionSchedule;
import io.veridict.api.transport.Transport;
import io.veridict.schemas.note.NoteSigner;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.streams.LedgerSerdes;
import io.veridict.streams.LedgerTopology;
import io.veridict.streams.crypto.CommandSeal;
import io.veridict.streams.crypto.LedgerCrypto;
import io.veridict.streams.store.KafkaTopicHistory;
import io.veridict.streams.topics.LedgerTopics;
import io.veridict.streams.topics.TopicProvisioner;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import org.apache.kafka.clients.admin.Admin;

/** The Veridict service: {@code veridict server config.yml}, {@code veridict dev}. */
public class VeridictApplication extends Application<VeridictConfiguration> {

    private volatile AccessAdmin accessAdmin;

    public static void main(String[] args) throws Exception {
        new VeridictApplication().run(args);
    }

    @Override
    public String getName() {
        return "veridict";
    }

    /** Exit code 2 for a command line that does not parse, 1 for any other fatal error. */
    @Override
    protected void onFatalError(Throwable t) {
        System.exit(t instanceof ArgumentParserException ? 2 : 1);
    }

    @Override
    public void initialize(Bootstrap<VeridictConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new VeridictSubstitutor(Map.of())));
        bootstrap.addCommand(DevClasspath.devCommand(this));
        bootstrap.addCommand(new VerifyCommand());
        bootstrap.addCommand(new OperatorTokenCommand());
        bootstrap.addCommand(new SecretsCommand());
        bootstrap.addCommand(new RetentionCommand());
        bootstrap.addCommand(new ReevaluateCommand());
        for (CommandProvider provider : ServiceLoader.load(CommandProvider.class)) {
            provider.commands().forEach(bootstrap::addCommand);
        }
    }

    /** Tenant and key administration of the running service (set by {@link #run}). */
    public AccessAdmin accessAdmin() {
        return accessAdmin;
    }

    @Override
    public void run(VeridictConfiguration config, Environment environment) {
        MaskedLogging.require(config);
        LedgerTopics topics = config.getKafka().topics();
        Duration adminTimeout = Duration.ofMillis(config.getKafka().getAdminTimeout().toMilliseconds());

        // Kafka admin: topic creation and the Kafka health check.
        Admin admin = config.getKafka().buildAdmin("veridict-admin");
        environment.lifecycle().manage(new io.dropwizard.lifecycle.AutoCloseableManager(admin));
        TopicBootstrap topicBootstrap = new TopicBootstrap(new TopicProvisioner(admin, adminTimeout), topics);

        // Schema registry and the serdes of every topic.
        SchemaRegistryClient registry = config.getSchemaRegistry().build();
        SchemaBootstrap schemaBootstrap = new SchemaBootstrap(registry, topics);
        LedgerSerdes confluent = LedgerSerdes.confluent(registry);
        // The access view's serde lets authentication decode a key or tenant only when its stored bytes change.
        AccessViewSerde accessSerde = new AccessViewSerde(confluent.access());
        LedgerSerdes serdes = new LedgerSerdes(confluent.commands(), confluent.entryKeys(), confluent.entries(),
                confluent.payloads(), confluent.outcomes(), accessSerde, confluent.checkpoints());

        // Encryption at rest: the KEKs, checked before anything starts.
        LedgerCrypto crypto = config.getEncryption().build();

        // What became of published commands, and how much of each tree is committed. Started before
        // the ledger topology, so that every run the chain commits from then on is seen (CommittedTrees).
        OutcomeListener outcomes = new OutcomeListener(config.getKafka(), topics.entries().name(), serdes.entries().deserializer(),
                topics.receipts().name(), serdes.outcomes().deserializer());

        // The ledger topology, started once the topics exist.
        CheckpointKeys checkpointKeys = config.getCheckpoints().build();
        LedgerStreams streams = new LedgerStreams(
                LedgerTopology.build(topics, serdes, new KafkaTopicHistory(config.getKafka().commonClientProperties()), crypto,
                        config.getCheckpoints().schedule(checkpointKeys)),
                config.getStreams().streamsProperties(config.getKafka(), topics));
        // Topics, schemas, the outcome listener and the topology start in this order, on a thread of
        // their own from here on, while the HTTP side is built; the lifecycle waits for them.
        EarlyStart ledgerStart = new EarlyStart(List.of(topicBootstrap, schemaBootstrap, outcomes, streams));
        environment.lifecycle().manage(ledgerStart);
        ledgerStart.begin();
        try {
            // Metrics: every request of the API port timed first of all filters; /prometheus on the admin port.
            PrometheusMeterRegistry metrics = ServiceMetrics.install();
            environment.servlets().addFilter("request-metrics", new RequestMetricsFilter(metrics))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            environment.jersey().register(new RouteTemplateFilter());
            outcomes.bindTo(metrics);
            KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams.kafkaStreams());
            streamsMetrics.bindTo(metrics);
            environment.lifecycle().manage(new io.dropwizard.lifecycle.AutoCloseableManager(streamsMetrics));
            ChainLag chainLag = new ChainLag(streams.kafkaStreams(), topics.commands().name());
            Gauge.builder("veridict.chain.lag", chainLag, ChainLag::commands).strongReference(true)
                    .description("commands published and not yet chained, on the partitions this instance owns").register(metrics);
            environment.admin().addServlet("prometheus", new PrometheusServlet(metrics)).addMapping("/prometheus");

            // Recording and reading decisions.
            ErrorHandling.register(environment);
            Transport.register(environment, config.getTransport(), config.getRateLimits());
            CommandPublisher publisher = new CommandPublisher(config.getKafka(), topics.commands().name(), serdes.commands().serializer(),
                    new CommandSeal(crypto.kms(), Clock.systemUTC()));
            DecisionGrouper grouper = new DecisionGrouper(publisher,
                    Duration.ofMillis(config.getRecordLinger().toMilliseconds()), config.getMaxGroupSize());
            environment.lifecycle().manage(publisher);
            environment.lifecycle().manage(grouper);
            DecisionRecorder recorder = new DecisionRecorder(publisher, grouper, outcomes,
                    Duration.ofMillis(config.getRecordWait().toMilliseconds()));
            LedgerQueries queries = new LedgerQueries(streams.kafkaStreams(), crypto.kms());
            CommittedTrees committedTrees = new CommittedTrees(queries, outcomes);
            StrictJsonReader reader = config.getApiLimits().build();
            Clock clock = Clock.systemUTC();
            environment.jersey().register(new DecisionResource(recorder, queries, reader, config.getApiLimits().buildBatch(),
                    config.getApiLimits().getMaxBatchSize(), clock));
            environment.jersey().register(new ReceiptResource(queries));
            // Policies: published versions are chain entries; evaluating writes and keeps nothing.
            PolicyEvaluator policyEvaluator = new PolicyEvaluator();
            PolicyLibrary policyLibrary = new PolicyLibrary(queries, policyEvaluator);
            Optional<TenantOwnerFilter> ownerFilter = config.getStreams().advertisedHost().map(self -> new TenantOwnerFilter(
                    queries, self, java.net.URI.create(config.getStreams().getAdvertisedUrl()).getScheme()));
            environment.jersey().register(new EvaluationResource(policyEvaluator, policyLibrary,
                    config.getApiLimits().buildEvaluation(),
                    request -> ownerFilter.flatMap(filter -> filter.owner(request))));
            environment.jersey().register(new PolicyResource(new ChangeChainer(recorder, queries, clock), policyLibrary,
                    config.getApiLimits().buildEvaluation()));

            // Tenants and keys: every request is authenticated against this instance's access view.
            AuthFactory auth = config.getAuth();
            SecretHasher hasher = auth.buildHasher();
            AccessView accessView = new AccessView(streams.kafkaStreams(), accessSerde);
            environment.jersey().register(new AuthFeature(new Authenticator(accessView, hasher, auth.operatorTokenHash(), clock), accessView));
            accessAdmin = new AccessAdmin(recorder, accessView, hasher,
                    Duration.ofMillis(config.getRecordWait().toMilliseconds()), clock);
            environment.jersey().register(new TenantResource(accessAdmin, accessView, reader));
            environment.jersey().register(new KeyResource(accessAdmin, accessView, reader,
                    Duration.ofMillis(auth.getDefaultRotationOverlap().toMilliseconds()),
                    Duration.ofMillis(auth.getMaxRotationOverlap().toMilliseconds()), clock));
            environment.lifecycle().manage(new ExpirySweep(accessView::allKeys,
                    keys -> accessAdmin.recordExpiries(keys, Principal.SYSTEM),
                    Duration.ofMillis(auth.getExpirySweepInterval().toMilliseconds()), clock));
            environment.jersey().register(new AuditResource(queries, reader, clock, checkpointKeys, committedTrees));
            environment.jersey().register(new RetentionResource(recorder, queries, reader, config.getRetention(), clock));
            environment.jersey().register(new CheckpointResource(queries, committedTrees, checkpointKeys, clock));
            environment.jersey().register(new CheckpointKeysResource(checkpointKeys, clock));
            environment.jersey().register(new ProofResource(queries));
            environment.jersey().register(new DecisionProofResource(queries, committedTrees, checkpointKeys, clock));
            environment.lifecycle().manage(new RetentionSchedule(
                    () -> accessView.allKeys().stream().map(k -> k.getTenantId()).distinct().sorted().toList(),
                    recorder::record, config.getRetention().runInterval(), clock));
            ownerFilter.ifPresent(environment.jersey()::register);

            environment.healthChecks().register("kafka", new KafkaHealthCheck(admin, adminTimeout));
            environment.healthChecks().register("schema-registry", new SchemaRegistryHealthCheck(registry));
            environment.healthChecks().register("streams", new StreamsHealthCheck(streams));
            environment.healthChecks().register("topics", new TopicsHealthCheck(topicBootstrap));
            environment.admin().addServlet("live", ProbeServlets.live()).addMapping("/live");
            environment.admin().addServlet("ready", ProbeServlets.ready(environment.healthChecks())).addMapping("/ready");
        } catch (RuntimeException | Error e) {
            // The ledger started early; a service that is not built must not leave it running.
            try {
                ledgerStart.stop();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }
}
