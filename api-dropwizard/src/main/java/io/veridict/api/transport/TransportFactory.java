package io.veridict.api.transport;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * How the API meets the network (configuration section {@code transport}): whether plain HTTP
 * is refused, which reverse proxies' forwarding headers are believed, and which browser origins
 * may call the API.
 */
public class TransportFactory {

    /** A browser origin: scheme, host and optional port, nothing else. */
    static final String ORIGIN = "https?://(?:[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?";

    /**
     * Whether requests the client did not send over HTTPS are refused (403 {@code HTTPS_REQUIRED}).
     * Needs every application connector to be {@code https}, or {@link #trustedProxies} to name
     * the TLS-terminating proxies. Default: true.
     */
    private boolean requireHttps = true;

    /**
     * Reverse proxies, as CIDR networks or addresses, whose {@code X-Forwarded-For} and
     * {@code X-Forwarded-Proto} are believed. Default: none (those headers are ignored).
     */
    @NotNull
    private List<@NotNull String> trustedProxies = new ArrayList<>();

    /** Browser origins allowed to call the API ({@code https://app.example.com}). Default: none (no CORS headers). */
    @NotNull
    private List<@NotNull @Pattern(regexp = ORIGIN, message = "must be an origin: scheme://host[:port]") String>
            corsAllowedOrigins = new ArrayList<>();

    @JsonProperty
    public boolean isRequireHttps() {
        return requireHttps;
    }

    @JsonProperty
    public void setRequireHttps(boolean requireHttps) {
        this.requireHttps = requireHttps;
    }

    @JsonProperty
    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    @JsonProperty
    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @JsonProperty
    public List<String> getCorsAllowedOrigins() {
        return corsAllowedOrigins;
    }

    @JsonProperty
    public void setCorsAllowedOrigins(List<String> corsAllowedOrigins) {
        this.corsAllowedOrigins = corsAllowedOrigins;
    }

    @JsonIgnore
    @AssertTrue(message = "every trustedProxies entry must be an IP address or a CIDR network")
    public boolean isTrustedProxiesWellFormed() {
        try {
            buildTrustedProxies();
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /**
     * Whether {@code server} can honour {@link #requireHttps}: it can when HTTPS is not required,
     * when every application connector is {@code https}, or when a trusted proxy terminates TLS.
     */
    public boolean isSatisfiedBy(ServerFactory server) {
        if (!requireHttps || !trustedProxies.isEmpty()) {
            return true;
        }
        List<ConnectorFactory> connectors = applicationConnectors(server);
        return !connectors.isEmpty() && connectors.stream().allMatch(HttpsConnectorFactory.class::isInstance);
    }

    public TrustedProxies buildTrustedProxies() {
        return TrustedProxies.of(trustedProxies);
    }

    private static List<ConnectorFactory> applicationConnectors(ServerFactory server) {
        if (server instanceof DefaultServerFactory factory) {
            return factory.getApplicationConnectors();
        }
        if (server instanceof SimpleServerFactory factory) {
            return List.of(factory.getConnector());
        }
        return List.of();
    }
}
