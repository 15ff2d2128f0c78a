package io.veridict.api.transport;

import java.net.URI;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;

/** Jersey request contexts for filter tests: real objects, with properties kept in a map. */
final class Requests {

    private Requests() {
    }

    static ContainerRequest get(String path) {
        return new ContainerRequest(URI.create("http://localhost/"), URI.create("http://localhost" + path), "GET", null,
                new MapPropertiesDelegate(), null);
    }
}
