package io.veridict.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Settings from Kafka-style configuration maps, defaults and validation. */
class SchemaRegistryConfigTest {

    @Test
    void shouldUseTheDocumentedDefaultsWhenOnlyTheUrlIsGiven() {
        SchemaRegistrySettings settings = SchemaRegistryConfig.settings(
                Map.of(SchemaRegistryConfig.URL_CONFIG, "http://registry:8081"));

        assertThat(settings).isEqualTo(SchemaRegistrySettings.forUrl("http://registry:8081"));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maxRetries()).isEqualTo(3);
        assertThat(settings.basicAuthUserInfo()).isEmpty();
    }

    @Test
    void shouldReadEveryKeyAndIgnoreForeignOnes() {
        SchemaRegistrySettings settings = SchemaRegistryConfig.settings(Map.of(
                "schema.registry.url", "http://a:8081, https://b:8081/ccompat",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "svc:pw",
                "schema.registry.connect.timeout.ms", "250",
                "schema.registry.request.timeout.ms", 750L,
                "schema.registry.max.retries", 1,
                "schema.registry.retry.backoff.ms", "10",
                "schema.registry.retry.backoff.max.ms", "20",
                "bootstrap.servers", "localhost:9092"));

        assertThat(settings.baseUrls()).containsExactly(
                URI.create("http://a:8081"), URI.create("https://b:8081/ccompat"));
        assertThat(settings.basicAuthUserInfo()).contains("svc:pw");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(settings.maxRetries()).isEqualTo(1);
        assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(10));
        assertThat(settings.maxBackoff()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void shouldRequireAUrl() {
        assertThatThrownBy(() -> SchemaRegistryConfig.settings(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SchemaRegistryConfig.URL_CONFIG);
    }

    @Test
    void shouldRefuseCredentialsInTheUrlWithoutEchoingThem() {
        assertThatThrownBy(() -> SchemaRegistrySettings.forUrl("http://u:s3cr3t@registry:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void shouldRefuseUrlsThatAreNotHttp() {
        assertThatThrownBy(() -> SchemaRegistrySettings.forUrl("ftp://registry"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchemaRegistrySettings.forUrls(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseUserInfoWithoutAPasswordSeparatorWithoutEchoingIt() {
        assertThatThrownBy(() -> SchemaRegistrySettings.forUrl("http://r").withBasicAuth("token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("token");
    }
}
