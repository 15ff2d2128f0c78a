package io.veridict.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * The configuration keys of the schema-registry client, in the style of Kafka's own configs,
 * and their translation into {@link SchemaRegistrySettings}.
 *
 * <p>{@link #URL_CONFIG} and {@link #BASIC_AUTH_USER_INFO_CONFIG} have the names Confluent's
 * clients use, so a producer or Streams configuration written for them works unchanged (keys
 * this class does not know, such as {@code basic.auth.credentials.source}, are ignored). The user
 * info is a {@link Type#PASSWORD}: Kafka prints it as {@code [hidden]}.
 */
public final class SchemaRegistryConfig {

    public static final String URL_CONFIG = "schema.registry.url";
    public static final String URL_DOC = "Comma-separated base URLs of Confluent-compatible schema"
            + " registries. Retriable failures move on to the next URL.";

    public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
    public static final String BASIC_AUTH_USER_INFO_DOC = "Credentials for HTTP basic auth as"
            + " user:password. Empty means no authentication. Never logged.";

    public static final String CONNECT_TIMEOUT_MS_CONFIG = "schema.registry.connect.timeout.ms";
    public static final String CONNECT_TIMEOUT_MS_DOC = "TCP connect timeout in milliseconds.";

    public static final String REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS_DOC = "Timeout of one HTTP request to the"
            + " registry in milliseconds, until the whole response has arrived.";

    public static final String MAX_RETRIES_CONFIG = "schema.registry.max.retries";
    public static final String MAX_RETRIES_DOC = "How often a request is retried after a connection"
            + " failure, a timeout or a 5xx answer. 4xx answers are never retried.";

    public static final String RETRY_BACKOFF_MS_CONFIG = "schema.registry.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MS_DOC = "Pause before the first retry in"
            + " milliseconds; it doubles with every further retry.";

    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "schema.registry.retry.backoff.max.ms";
    public static final String RETRY_BACKOFF_MAX_MS_DOC = "Upper bound of the pause between"
            + " retries in milliseconds.";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(URL_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, URL_DOC)
            .define(BASIC_AUTH_USER_INFO_CONFIG, Type.PASSWORD, "", Importance.MEDIUM,
                    BASIC_AUTH_USER_INFO_DOC)
            .define(CONNECT_TIMEOUT_MS_CONFIG, Type.LONG,
                    SchemaRegistrySettings.DEFAULT_CONNECT_TIMEOUT.toMillis(),
                    ConfigDef.Range.atLeast(1), Importance.LOW, CONNECT_TIMEOUT_MS_DOC)
            .define(REQUEST_TIMEOUT_MS_CONFIG, Type.LONG,
                    SchemaRegistrySettings.DEFAULT_REQUEST_TIMEOUT.toMillis(),
                    ConfigDef.Range.atLeast(1), Importance.LOW, REQUEST_TIMEOUT_MS_DOC)
            .define(MAX_RETRIES_CONFIG, Type.INT, SchemaRegistrySettings.DEFAULT_MAX_RETRIES,
                    ConfigDef.Range.atLeast(0), Importance.LOW, MAX_RETRIES_DOC)
            .define(RETRY_BACKOFF_MS_CONFIG, Type.LONG,
                    SchemaRegistrySettings.DEFAULT_INITIAL_BACKOFF.toMillis(),
                    ConfigDef.Range.atLeast(0), Importance.LOW, RETRY_BACKOFF_MS_DOC)
            .define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG,
                    SchemaRegistrySettings.DEFAULT_MAX_BACKOFF.toMillis(),
                    ConfigDef.Range.atLeast(0), Importance.LOW, RETRY_BACKOFF_MAX_MS_DOC);

    private SchemaRegistryConfig() {
    }

    /** The definition of every key above, e.g. to render documentation. */
    public static ConfigDef configDef() {
        return CONFIG;
    }

    /**
     * Reads the keys above from a configuration map (other keys are ignored).
     *
     * @throws org.apache.kafka.common.config.ConfigException when a value is missing or invalid
     * @throws IllegalArgumentException when the values do not form valid settings
     */
    public static SchemaRegistrySettings settings(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG, configs, false);
        List<URI> urls = config.getList(URL_CONFIG).stream().map(URI::create).toList();
        Password userInfo = config.getPassword(BASIC_AUTH_USER_INFO_CONFIG);
        return new SchemaRegistrySettings(
                urls,
                Duration.ofMillis(config.getLong(CONNECT_TIMEOUT_MS_CONFIG)),
                Duration.ofMillis(config.getLong(REQUEST_TIMEOUT_MS_CONFIG)),
                config.getInt(MAX_RETRIES_CONFIG),
                Duration.ofMillis(config.getLong(RETRY_BACKOFF_MS_CONFIG)),
                Duration.ofMillis(config.getLong(RETRY_BACKOFF_MAX_MS_CONFIG)),
                Optional.of(userInfo.value()).filter(value -> !value.isEmpty()));
    }
}
