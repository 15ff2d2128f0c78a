package io.veridict.dev.registry;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry for the embedded dev stack, speaking the subset of the Confluent
 * Schema Registry REST API that Kafka clients use (Confluent's serdes,
 * {@code @kafkajs/confluent-schema-registry}, Veridict's own client): register, look up and
 * fetch Avro schemas, test compatibility, read and set compatibility levels.
 *
 * <p>State is kept in the compacted topic {@code _schemas} in Confluent's record layout:
 * every change is written there (acknowledged by all in-sync replicas) before it is
 * answered, and a new instance rebuilds ids, versions and configuration by replaying the
 * topic. Compatibility follows Avro's {@code SchemaCompatibility}; the default level is
 * BACKWARD.
 *
 * <p><b>Limits.</b> Single instance only: writes are serialised inside this process, and the
 * topic is read once at start, so a second registry on the same topic MUST NOT be run (ids
 * would collide). Avro only, no schema references, no deletes, no modes, no contexts, no
 * authentication. Subject names follow {@link SubjectName}'s rule ({@code [A-Za-z0-9._-]},
 * 1 to 512 characters, not {@code .}, {@code ..}, {@code __GLOBAL} or {@code __EMPTY});
 * others are refused with 422 / 42208. It is a development tool; production points at a
 * real registry.
 */
public final class BuiltInSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BuiltInSchemaRegistry.class);

    private final SchemasTopicStore store;
    private final RegistryHttpServer http;

    private BuiltInSchemaRegistry(SchemasTopicStore store, RegistryHttpServer http) {
        this.store = store;
        this.http = http;
    }

    /**
     * Creates {@code _schemas} if missing (compacted, 1 partition, {@code replicationFactor}),
     * reads it to the end, then listens on {@code host}:{@code port}.
     *
     * @param host the host whose address alone is listened on; the dev stack gives
     *             {@code localhost}, as the registry has no authentication
     * @param port {@code 0} picks a free port; see {@link #port()}
     * @throws IllegalArgumentException when {@code host} is null or blank
     * @throws IllegalStateException    when Kafka cannot be reached in time or the port cannot be bound
     */
    public static BuiltInSchemaRegistry start(String bootstrapServers, String host, int port, short replicationFactor) {
        SchemasTopicStore store = SchemasTopicStore.open(bootstrapServers, replicationFactor);
        try {
            RegistryState state = new RegistryState();
            int restored = store.readAll(state::apply);
            RegistryHttpServer http = RegistryHttpServer.start(host, port, new RegistryService(state, store::append));
            LOG.info("Built-in schema registry listening on {} ({} records restored from {})",
                    http.url(), restored, SchemasTopicStore.TOPIC);
            return new BuiltInSchemaRegistry(store, http);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The base URL clients use, for example {@code http://localhost:8081}. */
    public URI url() {
        return http.url();
    }

    /** The port actually bound (useful when started with port 0). */
    public int port() {
        return http.port();
    }

    /** Stops answering HTTP, then closes the Kafka producer. */
    @Override
    public void close() {
        try {
            http.close();
        } finally {
            store.close();
        }
    }
}
