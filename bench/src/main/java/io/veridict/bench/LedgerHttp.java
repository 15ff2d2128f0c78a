package io.veridict.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The ledger API as the benchmark calls it: the two write calls, blocking, on the JDK
 * {@link HttpClient} (HTTP/1.1, no h2c upgrade attempt, a fresh idempotency key per request, the
 * response body read and dropped), and the {@link LoadRequest}s the load generators send. A
 * write succeeds when it answers 201 (chained) or 200 (a duplicate, which the benchmark never
 * sends); 202 (not chained within the service's wait), 4xx and 5xx are errors.
 *
 * <p>Every tenant is created once, up front, with the operator token; its admin key is sent with
 * each of its requests. The <em>floor</em> ({@link #floorLoad}) is the same single-record
 * request without its idempotency key: Jetty, Jersey, the filters, authentication and the error
 * mapper answer 400 before the body is parsed or Kafka is touched, so it measures what the HTTP
 * stack costs on its own. Bare Jetty ({@link #pingLoad}) is Dropwizard's {@code /ping} on the
 * admin port: no Jersey, no authentication. {@link #chainedEntries} sums the tenants' chain sizes.
 */
final class LedgerHttp {

    static final String RECORD = "/v1/decisions/record";
    static final String RECORD_BATCH = "/v1/decisions/record:batch";
    static final String HEAD = "/v1/audit/head";
    static final String EVALUATE = "/v1/decisions/evaluate";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI record;
    private final URI recordBatch;
    private final URI evaluate;
    private final byte[] body = SampleDecision.body();
    private final byte[] evaluation = SamplePolicy.body();
    private final byte[] publishedEvaluation = SamplePolicy.publishedBody();
    private final URI policies;
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final URI tenants;
    private final URI head;
    private final URI ping;
    private final String operatorToken;

    /**
     * @param apiBase       the API's base URL
     * @param adminBase     the admin port's base URL (Dropwizard's {@code /ping})
     * @param operatorToken the dev stack's operator token
     */
    LedgerHttp(URI apiBase, URI adminBase, String operatorToken) {
        this.record = apiBase.resolve(RECORD);
        this.recordBatch = apiBase.resolve(RECORD_BATCH);
        this.evaluate = apiBase.resolve(EVALUATE);
        this.policies = apiBase.resolve("/v1/policies");
        this.tenants = apiBase.resolve("/v1/tenants");
        this.head = apiBase.resolve(HEAD);
        this.ping = adminBase.resolve("/ping");
        this.operatorToken = operatorToken;
    }

    /** Bare Jetty: {@code GET /ping} on the admin port, no authentication. */
    LoadRequest pingLoad() {
        return new LoadRequest("GET", ping, List.of(), null, null, Set.of(200));
    }

    /** The single-record write for {@code tenantIds} in turn; give it a key prefix per run ({@link LoadRequest#withKeyPrefix}). */
    LoadRequest recordLoad(List<String> tenantIds) {
        return new LoadRequest("POST", record, tenantIds.stream().map(t -> new LoadRequest.TenantAuth(t, keyOf(t))).toList(),
                body.clone(), null, Set.of(201, 200));
    }

    /** The floor: the single-record write, authenticated, without its idempotency key: 400 before Kafka. */
    LoadRequest floorLoad() {
        return new LoadRequest("POST", record, SampleDecision.TENANTS.stream()
                .map(t -> new LoadRequest.TenantAuth(t, keyOf(t))).toList(), body.clone(), null, Set.of(400));
    }

    /**
     * The evaluation of the sample policy's context ({@link SamplePolicy}) for the 20 tenants in
     * turn: 200, writes nothing.
     *
     * @param published against each tenant's published version (named by id), or the document given inline
     */
    LoadRequest evaluateLoad(boolean published) {
        return new LoadRequest("POST", evaluate, SampleDecision.TENANTS.stream()
                .map(t -> new LoadRequest.TenantAuth(t, keyOf(t))).toList(),
                (published ? publishedEvaluation : evaluation).clone(), null, Set.of(200));
    }

    /**
     * Publishes the sample policy for every tenant, active (an entry each); a tenant that has it
     * already (409 {@code POLICY_VERSION_EXISTS}) keeps it.
     */
    void publishSamplePolicy() throws IOException, InterruptedException {
        byte[] publication = SamplePolicy.publication();
        for (String tenant : SampleDecision.TENANTS) {
            HttpResponse<String> answer = client.send(request(policies, tenant, "bench-sample-policy", publication),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (answer.statusCode() != 201 && answer.statusCode() != 409) {
                throw new IllegalStateException("publishing the sample policy answered " + answer.statusCode() + ": "
                        + answer.body());
            }
        }
    }

    /**
     * Evaluates the sample policy once for {@code tenant} and checks the answer: 200 and the
     * outcome {@link SamplePolicy#OUTCOME}, so that the load measures evaluations, not refusals.
     *
     * @throws IllegalStateException if the answer is another
     */
    void checkEvaluation(String tenant, boolean published) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(request(evaluate, tenant, null, published ? publishedEvaluation : evaluation),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String outcome = answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("outcome").asText() : null;
        if (!SamplePolicy.OUTCOME.equals(outcome)) {
            throw new IllegalStateException("the sample policy's evaluation answered " + answer.statusCode() + ": "
                    + answer.body());
        }
    }

    /**
     * Entries chained so far: the sum of every provisioned tenant's chain size, as
     * {@code GET /v1/audit/head} answers it.
     */
    long chainedEntries() throws IOException, InterruptedException {
        Map<String, CompletableFuture<HttpResponse<String>>> answers = new TreeMap<>();
        keys.forEach((tenant, key) -> answers.put(tenant, client.sendAsync(HttpRequest.newBuilder(head)
                .timeout(REQUEST_TIMEOUT)
                .header("X-Veridict-Tenant-Id", tenant)
                .header("Authorization", "Bearer " + key)
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))));
        long entries = 0;
        for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> answer : answers.entrySet()) {
            HttpResponse<String> response;
            try {
                response = answer.getValue().get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
            if (response.statusCode() != 200) {
                throw new IOException("the head of tenant " + answer.getKey() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            entries += JSON.readTree(response.body()).get("size").asLong();
        }
        return entries;
    }

    /** Creates {@code tenantIds} (once) and keeps each one's admin key. */
    void provision(List<String> tenantIds) throws IOException, InterruptedException {
        for (String tenant : tenantIds) {
            if (keys.containsKey(tenant)) {
                continue;
            }
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(tenants).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + operatorToken)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"tenant_id\":\"" + tenant + "\",\"display_name\":\"" + tenant + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (created.statusCode() != 201) {
                throw new IOException("creating tenant " + tenant + " answered " + created.statusCode() + ": " + created.body());
            }
            keys.put(tenant, JSON.readTree(created.body()).get("admin_key").get("key").asText());
        }
    }

    /** @return whether {@code status} means the write was chained */
    static boolean succeeded(int status) {
        return status == 201 || status == 200;
    }

    /** Records the sample decision; blocks until the answer. @return the HTTP status */
    int record(String tenant, String idempotencyKey) throws IOException, InterruptedException {
        return client.send(request(record, tenant, idempotencyKey, body), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Records a batch body ({@link SampleDecision#batchBody}); blocks until the answer. @return the HTTP status */
    int recordBatch(String tenant, String idempotencyKey, byte[] batchBody) throws IOException, InterruptedException {
        return client.send(request(recordBatch, tenant, idempotencyKey, batchBody), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private String keyOf(String tenant) {
        String key = keys.get(tenant);
        if (key == null) {
            throw new IllegalStateException("tenant " + tenant + " was not provisioned");
        }
        return key;
    }

    /** A POST of {@code json} as {@code tenant}, with {@code idempotencyKey} unless it is null. */
    private HttpRequest request(URI uri, String tenant, String idempotencyKey, byte[] json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Veridict-Tenant-Id", tenant)
                .header("Authorization", "Bearer " + keyOf(tenant))
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }
}
