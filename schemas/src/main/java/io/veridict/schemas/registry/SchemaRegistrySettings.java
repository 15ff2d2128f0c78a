package io.veridict.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
  * Immutable connection settings of a {@link SchemaRegistryClient}.
  *
  * <p>Every setting has a documented default ({@link #forUrls(List)}); {@link SchemaRegistryConfig}
  * builds settings from a Kafka-style configuration map. The compact constructor validates all
  * fields, so an instance is always usable.
  *
  * <p>The basic-auth user info is a secret: {@link #toString()} redacts it, and it MUST NOT
  * appear in logs or exception messages. For the same reason base URLs MUST NOT carry
  * credentials ({@code http://user:pass@host}); put them in {@code basicAuthUserInfo}.
  *
  * @param baseUrls registry base URLs, tried in order (round-robin) on retriable failures; a base
  *     URL may carry a path prefix (e.g. Apicurio's {@code /apis/ccompat/v7})
  * @param connectTimeout TCP connect timeout
  * @param requestTimeout timeout of one HTTP exchange, from sending to the full response
  * @param maxRetries retries after the first attempt, for connection failures, timeouts and 5xx
  * @param initialBackoff pause before the first retry; doubles per retry
  * @param maxBackoff upper bound of the pause between retries
  * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, if the registry needs it
  */
public record SchemaRegistrySettings(
        List<URI> baseUrls,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        Duration initialBackoff,
        Duration maxBackoff,
        Optional<String> basicAuthUserInfo) {

    /** Default {@link #connectTimeout()}: 5 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default {@link #requestTimeout()}: 10 s. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@link #maxRetries()}: 3. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** Default {@link #initialBackoff()}: 100 ms. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    /** Default {@link #maxBackoff()}: 2 s. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);

    /** Validates every field; messages never contain the user info. */
    public SchemaRegistrySettings {
        baseUrls = List.copyOf(Objects.requireNonNull(baseUrls, "baseUrls"));
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry base URL is required");
        }
        baseUrls.forEach(SchemaRegistrySettings::checkBaseUrl);
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initialBackoff"
                    + " <= maxBackoff, was " + initialBackoff + " and " + maxBackoff);
        }
        Objects.requireNonNull(basicAuthUserInfo, "basicAuthUserInfo");
        if (basicAuthUserInfo.isPresent() && basicAuthUserInfo.get().indexOf(':') < 0) {
            throw new IllegalArgumentException(
                    "basic auth user info must have the form user:password");
        }
    }

    /** Settings for one registry URL, every other setting at its default. */
    public static SchemaRegistrySettings forUrl(String baseUrl) {
        return forUrls(List.of(URI.create(baseUrl)));
    }

    /** Settings for these registry URLs, every other setting at its default. */
    public static SchemaRegistrySettings forUrls(List<URI> baseUrls) {
        return new SchemaRegistrySettings(baseUrls, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_RETRIES, DEFAULT_INITIAL_BACKOFF,
                DEFAULT_MAX_BACKOFF, Optional.empty());
    }

    /** A copy with these timeouts. */
    public SchemaRegistrySettings withTimeouts(Duration connect, Duration request) {
        return new SchemaRegistrySettings(baseUrls, connect, request, maxRetries, initialBackoff,
                maxBackoff, basicAuthUserInfo);
    }

    /** A copy with this retry policy. */
    public SchemaRegistrySettings withRetries(int retries, Duration initial, Duration max) {
        return new SchemaRegistrySettings(baseUrls, connectTimeout, requestTimeout, retries,
                initial, max, basicAuthUserInfo);
    }

    /** A copy that authenticates with HTTP basic auth as {@code user:password}. */
    public SchemaRegistrySettings withBasicAuth(String userInfo) {
        return new SchemaRegistrySettings(baseUrls, connectTimeout, requestTimeout, maxRetries,
                initialBackoff, maxBackoff, Optional.of(userInfo));
    }

    /** Like the record's, but the user info is replaced by {@code [hidden]}. */
    @Override
    public String toString() {
        return "SchemaRegistrySettings[baseUrls=" + baseUrls + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", maxRetries=" + maxRetries
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", basicAuthUserInfo="
                + basicAuthUserInfo.map(secret -> "[hidden]").orElse("none") + "]";
    }

    private static void checkBaseUrl(URI url) {
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException(
                    "schema registry URL must be http or https: " + redacted(url));
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("schema registry URL has no host: " + redacted(url));
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("schema registry URL must not carry credentials, "
                    + "use the basic auth user info setting instead: " + redacted(url));
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "schema registry URL must not have a query or fragment: " + redacted(url));
        }
    }

    private static String redacted(URI url) {
        String userInfo = url.getRawUserInfo();
        return userInfo == null ? url.toString() : url.toString().replace(userInfo, "[hidden]");
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
