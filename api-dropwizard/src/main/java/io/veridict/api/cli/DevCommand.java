package io.veridict.api.cli;

import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.veridict.api.VeridictApplication;
import io.veridict.api.VeridictConfiguration;
import io.veridict.dev.kafka.EmbeddedKafkaBroker;
import io.veridict.dev.registry.BuiltInSchemaRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.HashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * {@code veridict dev}: one JVM with a real single-node Kafka broker, the built-in schema
 * registry and the service, configured by the bundled {@value #DEV_CONFIG}. Data lives
 * under {@code --data-dir}, so a restart keeps topics, schemas and ids.
 *
 * <p>Every port is a flag, or an environment variable when the flag is absent.
 */
public final class DevCommand extends ServerCommand<VeridictConfiguration> {

    public static final String DEV_CONFIG = "veridict-dev.yml";
    private static final String ADVERTISED_HOST = "localhost";

    private final VeridictApplication application;
    private EmbeddedKafkaBroker broker;
    private DevSecrets secrets;
    private BuiltInSchemaRegistry registry;

    public DevCommand(VeridictApplication application) {
        super(application, "dev", "Runs Kafka, the schema registry and the service in one JVM, for trying Veridict");
        this.application = application;
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        DevOption.addAllTo(subparser);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        Path dataDir = Path.of(DevOption.DATA_DIR.value(namespace)).toAbsolutePath();
        try {
            broker = EmbeddedKafkaBroker.start(dataDir, DevOption.KAFKA_PORT.intValue(namespace),
                    DevOption.CONTROLLER_PORT.intValue(namespace), Map.of());
            registry = BuiltInSchemaRegistry.start(broker.bootstrapServers(), ADVERTISED_HOST,
                    DevOption.REGISTRY_PORT.intValue(namespace), (short) 1);

            Map<String, String> overrides = new HashMap<>();
            overrides.put("VERIDICT_KAFKA_BOOTSTRAP", broker.bootstrapServers());
            overrides.put("VERIDICT_REGISTRY_URL", registry.url().toString());
            overrides.put("VERIDICT_STATE_DIR", dataDir.resolve("streams").toString());
            overrides.put("VERIDICT_API_PORT", Integer.toString(DevOption.API_PORT.intValue(namespace)));
            overrides.put("VERIDICT_ADMIN_PORT", Integer.toString(DevOption.ADMIN_PORT.intValue(namespace)));
            secrets = DevSecrets.in(dataDir);
            if (Boolean.TRUE.equals(namespace.getBoolean(DevOption.BROKER_ONLY))) {
                runBrokerOnly(dataDir);
                return;
            }
            overrides.put("VERIDICT_KEY_PEPPER_FILE", secrets.pepperFile().toString());
            overrides.put("VERIDICT_KEKS_FILE", secrets.keksFile().toString());
            overrides.put("VERIDICT_CHECKPOINT_KEY_FILE", secrets.checkpointKeyFile().toString());
            overrides.put("VERIDICT_OPERATOR_TOKEN_SHA256", secrets.operatorTokenHash());
            bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                    new ResourceConfigurationSourceProvider(), new VeridictSubstitutor(overrides)));

            Map<String, Object> attrs = new HashMap<>(namespace.getAttrs());
            if (attrs.get("file") == null) {
                attrs.put("file", DEV_CONFIG);
            }
            super.run(bootstrap, new Namespace(attrs));
        } catch (Exception | Error e) {
            stopDevStack();
            throw e;
        }
    }

    @Override
    protected void run(Environment environment, Namespace namespace, VeridictConfiguration configuration) throws Exception {
        environment.lifecycle().addServerLifecycleListener(new ServerLifecycleListener() {
            @Override
            public void serverStarted(Server server) {
                printWhereEverythingListens(getLocalPort(server), getAdminPort(server));
                Thread demo = new Thread(() -> new DemoTenant(application, secrets.newOperatorToken()).ensure(), "demo-tenant");
                demo.setDaemon(true);
                demo.start();
            }
        });
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(LifeCycle event) {
                stopDevStack();
            }
        });
        super.run(environment, namespace, configuration);
    }

    @SuppressWarnings("SystemOut")
    private void printWhereEverythingListens(int apiPort, int adminPort) {
        String lines = String.join(System.lineSeparator(),
                "",
                "Veridict dev stack is up:",
                "  Kafka bootstrap   " + broker.bootstrapServers(),
                "  Schema registry   " + registry.url(),
                "  API               http://" + ADVERTISED_HOST + ":" + apiPort,
                "  Admin / health    http://" + ADVERTISED_HOST + ":" + adminPort + "/healthcheck",
                "  Data              " + broker.dataDir(),
                "Stop with Ctrl-C; data is kept for the next start.",
                "");
        System.out.println(lines);
        System.out.flush();
    }

    /**
     * {@code --broker-only}: Kafka and the registry stay up until Ctrl-C; the service runs apart,
     * as {@code veridict server} with the printed environment (the dev stack's secrets), so it
     * can be stopped, killed and restarted on its own.
     */
    @SuppressWarnings("SystemOut")
    private void runBrokerOnly(Path dataDir) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopDevStack();
            stopped.countDown();
        }, "dev-broker-stop"));
        List<String> lines = new ArrayList<>(List.of(
                "",
                "Veridict dev broker is up (Kafka and the schema registry, no service):",
                "  Kafka bootstrap   " + broker.bootstrapServers(),
                "  Schema registry   " + registry.url(),
                "  Data              " + broker.dataDir(),
                "Run the service against it, in another shell (stop, kill and restart it at will):",
                "  export VERIDICT_KAFKA_BOOTSTRAP=" + broker.bootstrapServers(),
                "  export VERIDICT_REGISTRY_URL=" + registry.url(),
                "  export VERIDICT_REPLICATION_FACTOR=1 VERIDICT_MIN_ISR=1 VERIDICT_STANDBY_REPLICAS=0",
                "  export VERIDICT_STATE_DIR=" + dataDir.resolve("service-state"),
                "  export VERIDICT_KEY_PEPPER_FILE=" + secrets.pepperFile(),
                "  export VERIDICT_KEKS_FILE=" + secrets.keksFile(),
                "  export VERIDICT_CHECKPOINT_KEY_FILE=" + secrets.checkpointKeyFile(),
                "  export VERIDICT_OPERATOR_TOKEN_SHA256=" + secrets.operatorTokenHash(),
                "  export VERIDICT_REQUIRE_HTTPS=false VERIDICT_BIND_HOST=127.0.0.1",
                "  ./veridict server config/veridict.yml"));
        secrets.newOperatorToken().ifPresent(token -> {
            lines.add("The operator token (shown only now; the service keeps its hash):");
            lines.add("  export VERIDICT_OPERATOR_TOKEN=" + token);
        });
        lines.add("Stop with Ctrl-C; data is kept for the next start.");
        lines.add("");
        System.out.println(String.join(System.lineSeparator(), lines));
        System.out.flush();
        stopped.await();
    }

    private synchronized void stopDevStack() {
        if (registry != null) {
            registry.close();
            registry = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
