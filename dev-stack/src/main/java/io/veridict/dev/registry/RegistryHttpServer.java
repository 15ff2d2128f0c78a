package io.veridict.dev.registry;

import java.net.URI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

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

    private final Server server;
    private final ServerConnector connector;
    private final String host;

    private RegistryHttpServer(Server server, ServerConnector connector, String host) {
        this.server = server;
        this.connector = connector;
        this.host = host;
    }

    /**
     * Starts listening on {@code host}:{@code port} ({@code 0} picks a free port).
     *
     * @throws IllegalStateException when Jetty cannot start, for example a port in use
     */
    static RegistryHttpServer start(String host, int port, RegistryService service) {
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
        return new RegistryHttpServer(server, connector, host);
    }

    int port() {
        return connector.getLocalPort();
    }

    /** How many client connections are open right now. */
    int openConnections() {
        return connector.getConnectedEndPoints().size();
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
