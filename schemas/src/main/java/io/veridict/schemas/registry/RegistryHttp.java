package io.veridict.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@link SchemaRegistryClient}: sends one JSON request to the registry,
 * retrying with exponential backoff, and turns every failure into a
 * {@link SchemaRegistryException}.
 *
 * <p>This is the one place that decides what is retriable: connection failures, timeouts and 5xx
 * answers are; 4xx answers and unreadable 2xx answers are not. Attempt {@code n} goes to base URL
 * {@code n mod urls}, so a dead registry node is skipped on the next attempt.
 */
final class RegistryHttp {

    /** The media type of the Confluent Schema Registry API, version 1. */
    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);
    private static final int MAX_ERROR_TEXT = 200;

    private final SchemaRegistrySettings settings;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Optional<String> authorization;

    RegistryHttp(SchemaRegistrySettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .build();
        this.authorization = settings.basicAuthUserInfo().map(userInfo -> "Basic "
                + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code GET path}; {@code path} is already percent-encoded and starts with a slash. */
    JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** {@code POST path} with a JSON body. */
    JsonNode post(String path, JsonNode body) {
        try {
            return send("POST", path, json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a JSON request body", e);
        }
    }

    private JsonNode send(String method, String path, byte[] body) {
        List<URI> urls = settings.baseUrls();
        for (int attempt = 0; ; attempt++) {
            URI uri = resolve(urls.get(attempt % urls.size()), path);
            try {
                return exchange(method, uri, body);
            } catch (SchemaRegistryException e) {
                if (!e.isRetriable() || attempt >= settings.maxRetries()) {
                    throw e;
                }
                Duration pause = backoff(settings.initialBackoff(), settings.maxBackoff(), attempt);
                LOG.warn("Retry {} of {} in {} ms: {}", attempt + 1, settings.maxRetries(),
                        pause.toMillis(), e.getMessage());
                sleep(pause, method, uri);
            }
        }
    }

    private JsonNode exchange(String method, URI uri, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", MEDIA_TYPE)
                .method(method, body == null
                        ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", MEDIA_TYPE);
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SchemaRegistryException(method + " " + uri + " failed: " + e,
                    SchemaRegistryException.NO_HTTP_STATUS, SchemaRegistryException.NO_ERROR_CODE,
                    true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(method + " " + uri + " was interrupted",
                    SchemaRegistryException.NO_HTTP_STATUS, SchemaRegistryException.NO_ERROR_CODE,
                    false, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return parse(method, uri, status, response.body());
        }
        throw failure(method, uri, status, response.body());
    }

    private JsonNode parse(String method, URI uri, int status, byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException(method + " " + uri + ": HTTP " + status
                    + " with a body that is not JSON: " + excerpt(body), status,
                    SchemaRegistryException.NO_ERROR_CODE, false, e);
        }
    }

    /** Reads a Confluent error body ({@code error_code}, {@code message}) if there is one. */
    private SchemaRegistryException failure(String method, URI uri, int status, byte[] body) {
        int errorCode = SchemaRegistryException.NO_ERROR_CODE;
        String message = excerpt(body);
        try {
            JsonNode error = json.readTree(body);
            if (error != null && error.path("error_code").canConvertToInt()) {
                errorCode = error.get("error_code").asInt();
                message = error.path("message").asText(message);
            }
        } catch (IOException notJson) {
            // keep the raw excerpt: proxies answer errors in HTML or plain text
        }
        return new SchemaRegistryException(
                method + " " + uri + ": HTTP " + status + ", error_code " + errorCode + ": "
                        + message,
                status, errorCode, status >= 500, null);
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "...";
    }

    private static URI resolve(URI base, String path) {
        String prefix = base.toString();
        return URI.create(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) + path
                : prefix + path);
    }

    /**
     * The pause before retry number {@code retry + 1}: {@code initial * 2^retry}, capped at
     * {@code max}, of which the upper half is random so that many clients do not retry in step.
     */
    static Duration backoff(Duration initial, Duration max, int retry) {
        long cap = max.toMillis();
        long millis = initial.toMillis();
        for (int i = 0; i < retry && millis < cap; i++) {
            millis *= 2;
        }
        millis = Math.min(millis, cap);
        long half = millis / 2;
        return Duration.ofMillis(millis - half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static void sleep(Duration pause, String method, URI uri) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(
                    method + " " + uri + " was interrupted between retries",
                    SchemaRegistryException.NO_HTTP_STATUS, SchemaRegistryException.NO_ERROR_CODE,
                    false, e);
        }
    }
}
