package io.veridict.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both load generators against a small local server that checks what the ledger would: each
 * request's tenant and key, the body, and that no idempotency key comes twice. The wrk test
 * runs only where wrk is installed.
 */
class LoadGeneratorTest {

    private static final byte[] BODY = "{\"decision\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);
    private static final List<LoadRequest.TenantAuth> TENANTS = List.of(new LoadRequest.TenantAuth("t-a", "key-a"),
            new LoadRequest.TenantAuth("t-b", "key-b"));

    private HttpServer server;
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> byTenant = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/record", this::record);
        server.createContext("/ping", exchange -> answer(exchange, 200));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void wrkShouldSendEveryRequestWithItsOwnKeyAndItsTenantsCredentials(@TempDir Path scratch) throws Exception {
        Path wrk = Wrk.locate(System.getenv("PATH")).orElse(null);
        assumeTrue(wrk != null, "wrk is not installed");

        LoadGenerator generator = new Wrk(wrk, scratch, 2);
        LoadResult result = generator.closedLoop(record("wrk-run"), 4, Duration.ofSeconds(1));
        LoadResult ping = generator.closedLoop(new LoadRequest("GET", uri("/ping"), List.of(), null, null, Set.of(200)), 2,
                Duration.ofSeconds(1));

        assertThat(generator.describe()).contains("wrk");
        assertAllAnsweredOnce(result, 4);
        assertThat(result.generatorCpuNanos()).as("known (in clock ticks: 0 for a light run)").isNotNegative();
        assertThat(ping.answered()).isPositive();
        assertThat(ping.errors()).isZero();
    }

    @Test
    void theInJvmGeneratorShouldDoTheSame() throws Exception {
        LoadGenerator generator = new JvmLoadGenerator("for the test");
        LoadResult result = generator.closedLoop(record("jvm-run"), 4, Duration.ofMillis(500));

        assertThat(generator.describe()).contains("for the test");
        assertAllAnsweredOnce(result, 0);
        assertThat(result.generatorCpuNanos()).isPositive();
    }

    @Test
    void theOpenLoopShouldSendOnScheduleWithUniqueKeysAndCountOtherStatusesAsFailed() throws Exception {
        OpenLoop.Result result = new OpenLoop(record("open-run")).run(200, Duration.ofMillis(500), Duration.ofSeconds(20));
        OpenLoop.Result refusedAll = new OpenLoop(new LoadRequest("POST", uri("/record"), TENANTS, BODY, null, Set.of(201)))
                .run(100, Duration.ofMillis(200), Duration.ofSeconds(20));

        assertThat(result.scheduled()).isEqualTo(100);
        assertThat(result.latency().count()).isEqualTo(100);
        assertThat(result.failed()).isZero();
        assertThat(keys).hasSize(100);
        assertThat(byTenant.get("t-a").get()).isEqualTo(50);
        assertThat(result.achievedPerSecond()).isPositive();
        assertThat(refusedAll.latency().count()).isZero();
        assertThat(refusedAll.failed()).isEqualTo(20);
    }

    @Test
    void anUnexpectedStatusShouldBeAnErrorOfThatStatus() throws Exception {
        LoadResult result = new JvmLoadGenerator("for the test").closedLoop(
                new LoadRequest("POST", uri("/record"), TENANTS, BODY, null, Set.of(201)), 2, Duration.ofMillis(300));

        assertThat(result.answered()).isZero();
        assertThat(result.errorKinds()).containsOnlyKeys("HTTP 400");
        assertThat(refused.get()).isEqualTo(result.errors());
    }

    /** @param inFlight requests that may have been answered after the generator stopped counting (wrk's last ones) */
    private void assertAllAnsweredOnce(LoadResult result, int inFlight) {
        assertThat(result.answered()).isPositive();
        assertThat(result.errors()).as(result.describeErrors()).isZero();
        assertThat(keys.size()).isBetween((int) result.answered(), (int) result.answered() + inFlight);
        assertThat(byTenant).containsOnlyKeys("t-a", "t-b");
        assertThat(refused.get()).isZero();
        assertThat(result.p50Ms()).isPositive();
        assertThat(result.p99Ms()).isGreaterThanOrEqualTo(result.p50Ms());
    }

    private LoadRequest record(String prefix) {
        return new LoadRequest("POST", uri("/record"), TENANTS, BODY, null, Set.of(201)).withKeyPrefix(prefix);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** 201 for a request as the ledger wants it, once per key; 400 otherwise. */
    private void record(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String tenant = exchange.getRequestHeaders().getFirst("X-Veridict-Tenant-Id");
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        boolean credentials = TENANTS.stream().anyMatch(t -> t.id().equals(tenant) && ("Bearer " + t.key()).equals(auth));
        boolean ok = exchange.getRequestMethod().equals("POST") && java.util.Arrays.equals(body, BODY) && credentials
                && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
                && key != null && keys.add(key);
        if (ok) {
            byTenant.computeIfAbsent(tenant, t -> new AtomicLong()).incrementAndGet();
        } else {
            refused.incrementAndGet();
        }
        answer(exchange, ok ? 201 : 400);
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }
}
