package io.veridict.api.cli;

import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** The options of {@code veridict dev}: each a flag, else an environment variable, else a default. */
enum DevOption {
    DATA_DIR("--data-dir", "VERIDICT_DATA_DIR", ".veridict", "folder for Kafka data and state stores"),
    KAFKA_PORT("--kafka-port", "VERIDICT_KAFKA_PORT", "9092", "Kafka client port (0 picks a free one)"),
    CONTROLLER_PORT("--controller-port", "VERIDICT_CONTROLLER_PORT", "9093", "Kafka controller port (0 picks a free one)"),
    REGISTRY_PORT("--registry-port", "VERIDICT_REGISTRY_PORT", "8081", "schema registry port (0 picks a free one)"),
    API_PORT("--api-port", "VERIDICT_API_PORT", "8080", "API port (0 picks a free one)"),
    ADMIN_PORT("--admin-port", "VERIDICT_ADMIN_PORT", "8090", "Dropwizard admin port (0 picks a free one)");

    /** Where {@code --broker-only} is parsed to. */
    static final String BROKER_ONLY = "dev_broker_only";

    private final String flag;
    private final String env;
    private final String fallback;
    private final String help;

    DevOption(String flag, String env, String fallback, String help) {
        this.flag = flag;
        this.env = env;
        this.fallback = fallback;
        this.help = help;
    }

    /** Adds every option of {@code veridict dev}, and {@code --broker-only}, to its subparser. */
    static void addAllTo(Subparser subparser) {
        for (DevOption option : values()) {
            option.addTo(subparser);
        }
        subparser.addArgument("--broker-only").dest(BROKER_ONLY).action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
                .help("run only Kafka and the schema registry, and print how to start the service against them");
    }

    private void addTo(Subparser subparser) {
        subparser.addArgument(flag)
                .dest(dest())
                .help(help + "; env " + env + ", default " + fallback);
    }

    String value(Namespace namespace) {
        String given = namespace.getString(dest());
        if (given != null) {
            return given;
        }
        String fromEnv = System.getenv(env);
        return fromEnv == null || fromEnv.isBlank() ? fallback : fromEnv;
    }

    int intValue(Namespace namespace) {
        String text = value(namespace);
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " (or " + env + ") must be a port number 0-65535, got '" + text + "'");
        }
    }

    private String dest() {
        return "veridict_" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
