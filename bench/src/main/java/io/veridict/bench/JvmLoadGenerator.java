package io.veridict.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The fallback when {@code wrk} is not installed: {@link ClosedLoop} in this JVM, one thread per
 * connection, each blocking on the JDK {@link HttpClient} (HTTP/1.1). Its CPU is this JVM's
 * ({@link CpuClock#ownNanos}), which during an HTTP run does nothing else. It costs far more
 * CPU per request than wrk, so against a fast server it measures itself: compare its
 * {@code /ping} figure with the others of the same run.
 */
final class JvmLoadGenerator implements LoadGenerator {

    /** Most requests one run sends (the latency recorder's capacity). */
    static final int MAX_REQUESTS = 2_000_000;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String why;

    /** @param why why this generator and not wrk, for the report */
    JvmLoadGenerator(String why) {
        this.why = why;
    }

    @Override
    public String describe() {
        return "in-JVM closed loop (JDK HttpClient, a thread per connection): " + why;
    }

    @Override
    public LoadResult closedLoop(LoadRequest request, int concurrency, Duration duration) throws Exception {
        long cpuBefore = CpuClock.ownNanos();
        ClosedLoop.Result result = ClosedLoop.runFor(i -> client.send(build(request, i), HttpResponse.BodyHandlers.discarding())
                .statusCode(), request.expected()::contains, concurrency, duration, MAX_REQUESTS);
        long cpuAfter = CpuClock.ownNanos();
        return new LoadResult(result.latency().count(), result.seconds(), result.latency().percentileMillis(50),
                result.latency().percentileMillis(99), result.latency().maxMillis(), result.errorKinds(),
                cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore, -1);
    }

    /** Request {@code i} of a run: its tenant round robin, its own idempotency key. */
    static HttpRequest build(LoadRequest request, int i) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(LedgerHttp.REQUEST_TIMEOUT)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.body() != null) {
            builder.header("Content-Type", "application/json");
        }
        LoadRequest.TenantAuth tenant = request.tenant(i);
        if (tenant != null) {
            builder.header("X-Veridict-Tenant-Id", tenant.id()).header("Authorization", "Bearer " + tenant.key());
        }
        if (request.keyPrefix() != null) {
            builder.header("Idempotency-Key", request.idempotencyKey(0, i));
        }
        return builder.build();
    }
}
