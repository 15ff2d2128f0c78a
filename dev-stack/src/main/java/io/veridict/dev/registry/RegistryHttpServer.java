package io.veridict.dev.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's HTTP listener: one Jetty connector serving {@link RegistryHandler}, with
 * Jetty's own error pages ({@link JsonErrorHandler}) in the same JSON shape.
 *
 * <p>Percent-encoded {@code /} and {@code %} are let through to the registry (Jetty rejects
 * them as ambiguous by default) because Confluent clients URL-encode subject names: a name
 * holding them is then refused by {@link SubjectName}'s rule with a 42208 that says why,
 * instead of Jetty's bare 400.
 */
final class RegistryHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final String host;

    private RegistryHttpServer(Server server, ServerConnector connector, String host) {
        this.server = server;
        this.connector = connector;
        this.host = host;
    }

    /**
     * Starts listening on {@code host}:{@code port} ({@code 0} picks a free port), on that
     * host's address only. The registry has no authentication, so the dev stack gives
     * {@code localhost}; any address that is not a loopback one is logged as a warning.
     *
     * @throws IllegalArgumentException when {@code host} is null or blank (Jetty would then
     *                                  listen on every interface)
     * @throws IllegalStateException    when Jetty cannot start, for example a port in use
     */
    static RegistryHttpServer start(String host, int port, RegistryService service) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the schema registry needs a host to listen on, such as localhost;"
                    + " without one it would listen on every interface");
        }
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("schema-registry-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setUriCompliance(UriCompliance.DEFAULT.with("veridict-registry",
                UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new RegistryHandler(new RegistryRoutes(service)));
        server.setErrorHandler(new JsonErrorHandler());
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new IllegalStateException("cannot start the schema registry on " + host + ":" + port, e);
        }
        RegistryHttpServer started = new RegistryHttpServer(server, connector, host);
        InetAddress bound = started.boundAddress();
        if (!bound.isLoopbackAddress()) {
            LOG.warn("The schema registry listens on {}, which is not a loopback address; it has no authentication,"
                    + " so anyone who can reach that address can register schemas and change compatibility", bound);
        }
        return started;
    }

    int port() {
        return connector.getLocalPort();
    }

    /** How many client connections are open right now. */
    int openConnections() {
        return connector.getConnectedEndPoints().size();
    }

    /** The address actually listened on ({@code host} resolved). */
    InetAddress boundAddress() {
        if (connector.getTransport() instanceof ServerSocketChannel channel) {
            try {
                return ((InetSocketAddress) channel.getLocalAddress()).getAddress();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the schema registry's listening address", e);
            }
        }
        throw new IllegalStateException("the schema registry is not listening");
    }

    URI url() {
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the schema registry's HTTP server", e);
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // already failing to start; the start failure is the one worth reporting
        }
    }
}
