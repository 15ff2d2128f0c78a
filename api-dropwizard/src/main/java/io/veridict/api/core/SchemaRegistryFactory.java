package io.veridict.api.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.veridict.schemas.registry.SchemaRegistryClient;
import io.veridict.schemas.registry.SchemaRegistrySettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Where the Confluent-compatible schema registry is and how patiently to talk to it.
 * Credentials, if the registry needs them, come from {@code basicAuthUserInfo}, set
 * through {@code ${ENV}} substitution.
 */
public class SchemaRegistryFactory {

    /** Registry base URL. Default: {@code http://localhost:8081}. */
    @NotBlank
    private String url = "http://localhost:8081";

    /** Connect timeout. Default: 5 s. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration connectTimeout = Duration.seconds(5);

    /** Per-request timeout. Default: 10 s. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration requestTimeout = Duration.seconds(10);

    /** Retries on connection errors, timeouts and 5xx. Default: 3. */
    @Min(0)
    @Max(20)
    private int maxRetries = 3;

    /** {@code user:password} for HTTP basic auth, or empty. Default: empty. */
    private String basicAuthUserInfo = "";

    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url;
    }

    @JsonProperty
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @JsonProperty
    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    @JsonProperty
    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    @JsonProperty
    public int getMaxRetries() {
        return maxRetries;
    }

    @JsonProperty
    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    @JsonProperty
    public void setBasicAuthUserInfo(String basicAuthUserInfo) {
        this.basicAuthUserInfo = basicAuthUserInfo;
    }

    public SchemaRegistryClient build() {
        SchemaRegistrySettings defaults = SchemaRegistrySettings.forUrl(url);
        SchemaRegistrySettings settings = defaults
                .withTimeouts(java.time.Duration.ofMillis(connectTimeout.toMilliseconds()),
                        java.time.Duration.ofMillis(requestTimeout.toMilliseconds()))
                .withRetries(maxRetries, defaults.initialBackoff(), defaults.maxBackoff());
        if (basicAuthUserInfo != null && !basicAuthUserInfo.isBlank()) {
            settings = settings.withBasicAuth(basicAuthUserInfo);
        }
        return new SchemaRegistryClient(settings);
    }
}
