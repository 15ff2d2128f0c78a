package io.veridict.api.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veridict.streams.CommandValidator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small HTTP client for the ledger API in integration tests: real requests, parsed answers.
 * The first request for a tenant creates it with the operator token and keeps its admin key
 * (every scope), which every later request for that tenant sends.
 */
final class LedgerClient {

    static final ObjectMapper JSON = new ObjectMapper();

    // HTTP/1.1 only: the default first tries an h2c upgrade on every new connection, which the
    // service does not offer.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String operatorToken;
    private final Map<String, String> keys;
    private final boolean asTlsProxy;

    LedgerClient(int apiPort, String operatorToken) {
        this(apiPort, operatorToken, new ConcurrentHashMap<>(), false);
    }

    private LedgerClient(int apiPort, String operatorToken, Map<String, String> keys, boolean asTlsProxy) {
        this.base = URI.create("http://localhost:" + apiPort);
        this.operatorToken = operatorToken;
        this.keys = keys;
        this.asTlsProxy = asTlsProxy;
    }

    /** A client of another instance (or a restarted one) sharing this client's tenants and keys. */
    LedgerClient at(int apiPort) {
        return new LedgerClient(apiPort, operatorToken, keys, asTlsProxy);
    }

    /**
     * This client as the TLS proxy in front of the service would send: every request says it came
     * over HTTPS ({@code X-Forwarded-Proto}), which a service that trusts this address believes.
     */
    LedgerClient asTlsProxy() {
        return new LedgerClient(base.getPort(), operatorToken, keys, true);
    }

    URI base() {
        return base;
    }

    String operatorToken() {
        return operatorToken;
    }

    /** The admin key of {@code tenant}, creating the tenant on first use. */
    String keyOf(String tenant) throws IOException, InterruptedException {
        String key = keys.get(tenant);
        if (key != null) {
            return key;
        }
        synchronized (keys) {
            if (!keys.containsKey(tenant)) {
                Answer created = send(HttpRequest.newBuilder(base.resolve("/v1/tenants")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + operatorToken)
                        .header("Idempotency-Key", "create-" + tenant)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"tenant_id\":\"" + tenant + "\",\"display_name\":\"" + tenant + "\"}"))
                        .build());
                if (created.status() != 201) {
                    throw new IllegalStateException("could not create tenant " + tenant + ": " + created.status() + " " + created.body());
                }
                keys.put(tenant, created.json().get("admin_key").get("key").asText());
            }
            return keys.get(tenant);
        }
    }

    Answer record(String tenant, String idempotencyKey, String body) throws IOException, InterruptedException {
        return post("/v1/decisions/record", tenant, idempotencyKey, body);
    }

    Answer post(String path, String tenant, String idempotencyKey, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        authorize(request, tenant);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    Answer postBytes(String path, String tenant, String idempotencyKey, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        authorize(request, tenant);
        return send(request.build());
    }

    Answer get(String path, String tenant) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        authorize(request, tenant);
        return send(request.build());
    }

    /** Sends a request as it is: no credentials are added. */
    Answer send(HttpRequest request) throws IOException, InterruptedException {
        if (asTlsProxy) {
            request = HttpRequest.newBuilder(request, (name, value) -> true).header("X-Forwarded-Proto", "https").build();
        }
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.body(),
                response.headers().firstValue("x-correlation-id").orElse(null));
    }

    /**
     * Adds the tenant header and the tenant's key. A tenant id that is not well-formed gets the key
     * of any known tenant, so that the request is refused for its header, not its credentials.
     */
    private void authorize(HttpRequest.Builder request, String tenant) throws IOException, InterruptedException {
        if (tenant == null) {
            return;
        }
        request.header("X-Veridict-Tenant-Id", tenant);
        String key = CommandValidator.TENANT_ID.matcher(tenant).matches() ? keyOf(tenant)
                : keys.values().stream().findFirst().orElseThrow(() -> new IllegalStateException("no tenant made yet"));
        request.header("Authorization", "Bearer " + key);
    }

    /** Status, raw body and correlation id header of one answer. */
    record Answer(int status, String body, String correlationId) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
