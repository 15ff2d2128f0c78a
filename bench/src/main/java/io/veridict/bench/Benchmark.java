package io.veridict.bench;

import io.veridict.schemas.avro.LedgerCommand;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import io.veridict.streams.LedgerSerdes;
import io.veridict.streams.topics.LedgerTopics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One benchmark: starts {@code veridict dev} from the same jar on free ports with a temporary
 * data folder ({@link DevStack}), runs every {@link Measurements measurement} against it from
 * this JVM, stops it and deletes the folder (also when a measurement fails, after printing the
 * end of the dev stack's log). Everything runs on localhost; every count and wait is bounded.
 */
public final class Benchmark {

    /** Longest the dev stack may take to become healthy. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** Distinct serialized commands the raw producer cycles through (a multiple of the tenant count). */
    static final int COMMAND_POOL = 1000;
    /** The dev stack's topic prefix (its bundled configuration keeps the default). */
    static final String DEV_TOPIC_PREFIX = "veridict.";

    private final BenchOptions options;
    private final DevConfig devConfig;
    private final Duration commitInterval;
    private final PrintStream log;

    /**
     * @param options   what to run
     * @param devConfig the settings {@code veridict dev} runs with ({@link DevConfig#read})
     * @param log       where progress lines go (stderr for the command)
     */
    public Benchmark(BenchOptions options, DevConfig devConfig, PrintStream log) {
        this.options = options;
        this.devConfig = devConfig;
        this.commitInterval = options.commitInterval().orElse(devConfig.commitInterval());
        this.log = log;
    }

    /** Runs the benchmark. @return its report */
    public BenchReport run() throws Exception {
        MachineFacts machine = MachineFacts.capture();
        Path jar = DevStack.locateJar();
        log.println("bench: starting veridict dev from " + jar);
        long starting = System.nanoTime();
        try (DevStack stack = DevStack.start(jar, START_TIMEOUT)) {
            double startSeconds = (System.nanoTime() - starting) / 1e9;
            log.printf(Locale.ROOT, "bench: dev stack healthy after %.1f s (work folder %s, deleted at the end)%n",
                    startSeconds, stack.workDir());
            log.printf(Locale.ROOT, "bench: its API is %s; its metrics, while the benchmark runs: curl %s/prometheus%n",
                    stack.apiUrl(), stack.adminUrl());
            try {
                return measure(stack, machine, startSeconds);
            } catch (Exception | Error e) {
                log.println("bench: failed; end of the dev stack's log:\n" + stack.logTail(4000));
                throw e;
            }
        }
    }

    private BenchReport measure(DevStack stack, MachineFacts machine, double startSeconds) throws Exception {
        SchemaRegistryClient registry = new SchemaRegistryClient(SchemaRegistrySettings.forUrl(stack.registryUrl()));
        List<byte[]> pool = commandPool(LedgerSerdes.confluent(registry).commands().serializer());
        int commandBytes = (int) Math.round(pool.stream().mapToInt(b -> b.length).average().orElse(0));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "veridict-bench-admin"))) {
            LoadGenerator generator = LoadGenerators.choose(options.generator(), System.getenv("PATH"), stack.workDir());
            if (options.only().http()) {
                log.println("bench: HTTP closed-loop load from " + generator.describe());
            }
            Measurements measurements = new Measurements(options.sizes(), options.runs(), log, stack, admin, registry, pool,
                    commandBytes, stack.workDir().resolve("streams"), commitInterval, devConfig.applicationId(), generator);
            List<BenchReport.Section> sections = measurements.run(options.only());
            return new BenchReport(machine.ended(), options.runs(), options.quick(), commandBytes,
                    commitInterval.toMillis(), startSeconds, options.only().http() ? generator.describe() : null, sections);
        }
    }

    /** Distinct commands, serialized as the service publishes them (registering nothing new). */
    private static List<byte[]> commandPool(Serializer<LedgerCommand> serializer) {
        String topic = LedgerTopics.standard(DEV_TOPIC_PREFIX, 1, (short) 1, 1).commands().name();
        List<byte[]> pool = new ArrayList<>(COMMAND_POOL);
        for (int i = 0; i < COMMAND_POOL; i++) {
            String tenant = SampleDecision.tenant(i);
            pool.add(serializer.serialize(topic, SampleDecision.command(tenant, "bench-pool-" + i)));
        }
        return pool;
    }
}
