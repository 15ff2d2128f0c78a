package io.veridict.api.errors;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.veridict.api.transport.RateLimitsFactory;
import io.veridict.api.transport.Transport;
import io.veridict.api.transport.TransportFactory;
import java.util.List;

/**
 * A test-only Dropwizard application: the intake and transport layers, wired as production wires
 * them (plain HTTP allowed, rate limits off), plus the test resource.
 */
public class IntakeTestApplication extends Application<Configuration> {

    @Override
    public void run(Configuration configuration, Environment environment) {
        ErrorHandling.register(environment);
        TransportFactory transport = new TransportFactory();
        transport.setRequireHttps(false);
        RateLimitsFactory rateLimits = new RateLimitsFactory();
        rateLimits.setEnabled(false);
        Transport.register(environment, transport, rateLimits);
        environment.jersey().register(new IntakeTestResource());
    }

    /** Default server settings on random local ports, without a request log. */
    static Configuration configuration() {
        DefaultServerFactory server = new DefaultServerFactory();
        server.setApplicationConnectors(List.of(localConnector()));
        server.setAdminConnectors(List.of(localConnector()));
        LogbackAccessRequestLogFactory requestLog = new LogbackAccessRequestLogFactory();
        requestLog.setAppenders(List.of());
        server.setRequestLogFactory(requestLog);
        Configuration configuration = new Configuration();
        configuration.setServerFactory(server);
        return configuration;
    }

    private static HttpConnectorFactory localConnector() {
        HttpConnectorFactory connector = new HttpConnectorFactory();
        connector.setBindHost("127.0.0.1");
        connector.setPort(0);
        return connector;
    }
}
