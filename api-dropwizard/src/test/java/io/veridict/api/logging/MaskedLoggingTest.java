package io.veridict.api.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.veridict.api.VeridictConfiguration;
import io.veridict.api.cli.VeridictSubstitutor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskedLoggingTest {

    private static final String APP_APPENDER = "logging:\n  appenders:\n    - type: console\n      layout:\n        type: masked\n";

    @Test
    void shouldAcceptTheProductionConfiguration() throws Exception {
        VeridictConfiguration config = load(new FileConfigurationSourceProvider(), "../config/veridict.yml");

        assertThat(MaskedLogging.problems(config)).isEmpty();
    }

    @Test
    void shouldAcceptTheDevConfiguration() throws Exception {
        VeridictConfiguration config = load(new ResourceConfigurationSourceProvider(), "veridict-dev.yml");

        assertThat(MaskedLogging.problems(config)).isEmpty();
    }

    @Test
    void shouldRefuseAnAppenderWithoutTheMaskedLayout() throws Exception {
        VeridictConfiguration config = yaml("""
                server:
                  requestLog:
                    appenders: []
                logging:
                  appenders:
                    - type: console
                      layout:
                        type: masked
                    - type: file
                      currentLogFilename: veridict.log
                      archive: false
                    - type: syslog
                """);

        assertThat(MaskedLogging.problems(config)).containsExactly(
                "logging.appenders[1] (file) needs layout.type masked",
                "logging.appenders[2] (syslog) needs layout.type masked");
        assertThatThrownBy(() -> MaskedLogging.require(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("logging.appenders[1] (file)");
    }

    @Test
    void shouldRefuseTheDefaultsBecauseTheyDoNotMask() throws Exception {
        VeridictConfiguration config = yaml("{}");

        assertThat(MaskedLogging.problems(config)).containsExactly(
                "logging.appenders[0] (console) needs layout.type masked",
                "server.requestLog.appenders[0] (console) needs layout.type masked-access");
    }

    @Test
    void shouldRefuseARequestLogThatPrintsBodiesOrCredentials() throws Exception {
        VeridictConfiguration config = yaml(APP_APPENDER + """
                server:
                  requestLog:
                    appenders:
                      - type: console
                        layout:
                          type: masked-access
                        logFormat: '%r %s'
                      - type: console
                        layout:
                          type: masked-access
                        logFormat: '%r %s %i{Authorization}'
                      - type: console
                        layout:
                          type: masked-access
                        logFormat: '%r %fullRequest'
                """);

        assertThat(MaskedLogging.problems(config)).containsExactly(
                "server.requestLog.appenders[1] (console) logFormat prints bodies, cookies or credentials",
                "server.requestLog.appenders[2] (console) logFormat prints bodies, cookies or credentials");
    }

    private static VeridictConfiguration yaml(String text) throws Exception {
        return load(path -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }

    private static VeridictConfiguration load(ConfigurationSourceProvider source, String path) throws Exception {
        // No bean validation: these tests judge the logging section only (the transport section,
        // for one, would ask for TLS connectors).
        return new YamlConfigurationFactory<>(VeridictConfiguration.class, null,
                Jackson.newObjectMapper(), "dw")
                .build(new SubstitutingSourceProvider(source, new VeridictSubstitutor(Map.of())), path);
    }
}
