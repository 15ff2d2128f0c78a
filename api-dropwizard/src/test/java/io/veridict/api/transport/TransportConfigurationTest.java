package io.veridict.api.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpsConnectorFactory;
import io.veridict.api.VeridictConfiguration;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code transport} and {@code rateLimits} sections: defaults, YAML, and what is refused. */
class TransportConfigurationTest {

    private final Validator validator = Validators.newValidator();

    @Test
    void shouldDefaultToTheDocumentedSettings() {
        RateLimitsFactory limits = new RateLimitsFactory();
        TransportFactory transport = new TransportFactory();

        assertThat(limits.isEnabled()).isTrue();
        assertThat(limits.getPerClientIp().build()).isEqualTo(new Quota(100, 50));
        assertThat(limits.getPerTenant().build()).isEqualTo(new Quota(400, 200));
        assertThat(limits.getTenants()).isEmpty();
        assertThat(limits.getMaxTrackedKeys()).isEqualTo(100_000);
        assertThat(transport.isRequireHttps()).isTrue();
        assertThat(transport.getTrustedProxies()).isEmpty();
        assertThat(transport.getCorsAllowedOrigins()).isEmpty();
        assertThat(validator.validate(limits)).isEmpty();
        assertThat(validator.validate(transport)).isEmpty();
    }

    @Test
    void shouldReadTenantOverridesFromYaml() throws Exception {
        String yaml = """
                perTenant: {requestsPerSecond: 10, burst: 20}
                tenants:
                  acme: {requestsPerSecond: 100, burst: 300}
                """;

        RateLimitsFactory limits = yaml(RateLimitsFactory.class, yaml);
        RateLimiter tenants = limits.buildTenantLimiter(new ManualTime());

        assertThat(tenants.quotaOf("acme")).isEqualTo(new Quota(300, 100));
        assertThat(tenants.quotaOf("globex")).isEqualTo(new Quota(20, 10));
    }

    @Test
    void shouldRefuseMalformedSettings() {
        RateLimitsFactory limits = new RateLimitsFactory();
        limits.setPerClientIp(new QuotaFactory(100, 10));
        limits.setTenants(Map.of("Not_A_Tenant", new QuotaFactory(1, 1)));
        TransportFactory transport = new TransportFactory();
        transport.setTrustedProxies(List.of("proxy.internal"));
        transport.setCorsAllowedOrigins(List.of("https://app.example.com/", "*"));

        assertThat(messages(limits)).containsExactlyInAnyOrder(
                "burst must be at least requestsPerSecond",
                "every key of tenants must be a tenant id (3 to 64 characters of [a-z0-9-], no hyphen at either end)");
        assertThat(messages(transport)).containsExactlyInAnyOrder(
                "every trustedProxies entry must be an IP address or a CIDR network",
                "must be an origin: scheme://host[:port]",
                "must be an origin: scheme://host[:port]");
    }

    @Test
    void shouldRequireHttpsConnectorsOrATrustedProxyWhenHttpsIsRequired() {
        VeridictConfiguration plainHttp = new VeridictConfiguration();
        VeridictConfiguration behindProxy = new VeridictConfiguration();
        behindProxy.getTransport().setTrustedProxies(List.of("10.0.0.0/8"));
        VeridictConfiguration tls = new VeridictConfiguration();
        ((DefaultServerFactory) tls.getServerFactory()).setApplicationConnectors(List.of(new HttpsConnectorFactory()));
        VeridictConfiguration httpAllowed = new VeridictConfiguration();
        httpAllowed.getTransport().setRequireHttps(false);

        assertThat(validator.validateProperty(plainHttp, "httpsRequirementSatisfiable"))
                .extracting(ConstraintViolation::getMessage).singleElement().asString()
                .startsWith("transport.requireHttps needs every server.applicationConnectors entry to be of type https");
        assertThat(validator.validateProperty(behindProxy, "httpsRequirementSatisfiable")).isEmpty();
        assertThat(validator.validateProperty(tls, "httpsRequirementSatisfiable")).isEmpty();
        assertThat(validator.validateProperty(httpAllowed, "httpsRequirementSatisfiable")).isEmpty();
    }

    private <T> List<String> messages(T bean) {
        return validator.validate(bean).stream().map(ConstraintViolation::getMessage).toList();
    }

    private <T> T yaml(Class<T> type, String yaml) throws Exception {
        return new YamlConfigurationFactory<>(type, validator, Jackson.newObjectMapper(), "dw")
                .build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }
}
