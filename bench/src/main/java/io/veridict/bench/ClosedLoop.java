package io.veridict.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load: {@code concurrency} clients, each sending its next request as soon as its
 * previous one answered, until {@code requests} were sent. Latency is each request's round
 * trip; throughput is successful requests over the wall time of the whole run. Used for single
 * records and for batches alike.
 */
final class ClosedLoop {

    /** One blocking request; {@code i} numbers the requests of a run from 0. */
    @FunctionalInterface
    interface Call {
        /** @return the HTTP status */
        int send(int i) throws IOException, InterruptedException;
    }

    /** The status every request of a run is expected to answer. */
    @FunctionalInterface
    interface Expected {
        boolean test(int status);
    }

    /**
     * @param requestsPerSecond successful requests per second of wall time
     * @param latency           round trips of successful requests
     * @param errorKinds        requests that failed, by kind: an unexpected status ({@code "HTTP
     *                          503"}), an I/O error ({@code "I/O error (HttpTimeoutException:
     *                          request timed out)"}), or no answer before the run's timeout
     *                          ({@code "no answer"}); in name order
     * @param seconds           the run's wall time
     */
    record Result(double requestsPerSecond, LatencyRecorder.Snapshot latency, Map<String, Long> errorKinds, double seconds) {

        /** @return how many requests failed, whatever the kind */
        long errors() {
            return errorKinds.values().stream().mapToLong(Long::longValue).sum();
        }

        /** @return e.g. {@code "0"} or {@code "2 (HTTP 202: 1, no answer: 1)"} */
        String describeErrors() {
            long errors = errors();
            if (errors == 0) {
                return "0";
            }
            StringJoiner kinds = new StringJoiner(", ", " (", ")");
            errorKinds.forEach((kind, count) -> kinds.add(kind + ": " + count));
            return errors + kinds.toString();
        }
    }

    private ClosedLoop() {
    }

    /**
     * Runs the load; returns when every request answered or, after {@code timeout}, abandons the
     * requests still running and counts them as errors.
     */
    static Result run(Call call, Expected expected, int concurrency, int requests, Duration timeout)
            throws InterruptedException {
        return run(call, expected, concurrency, requests, timeout, true);
    }

    /**
     * Runs the load for {@code duration}: requests are sent until then (at most
     * {@code maxRequests}); the ones running then may answer until {@code duration} plus the
     * client's request timeout, and requests never sent are not errors.
     */
    static Result runFor(Call call, Expected expected, int concurrency, Duration duration, int maxRequests)
            throws InterruptedException {
        return run(call, expected, concurrency, maxRequests, duration, false);
    }

    private static Result run(Call call, Expected expected, int concurrency, int requests, Duration sending,
                              boolean unsentAreErrors) throws InterruptedException {
        LatencyRecorder latencies = new LatencyRecorder(requests);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        long deadline = started + sending.toNanos();
        for (int c = 0; c < concurrency; c++) {
            clients.execute(() -> {
                for (int i = next.getAndIncrement(); i < requests && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    sent.incrementAndGet();
                    long begun = System.nanoTime();
                    try {
                        int status = call.send(i);
                        if (expected.test(status)) {
                            latencies.record(System.nanoTime() - begun);
                        } else {
                            kinds.computeIfAbsent("HTTP " + status, k -> new LongAdder()).increment();
                        }
                    } catch (IOException e) {
                        kinds.computeIfAbsent(ioError(e), k -> new LongAdder()).increment();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        clients.shutdown();
        if (!clients.awaitTermination(sending.toSeconds() + 35, TimeUnit.SECONDS)) {
            clients.shutdownNow();
            clients.awaitTermination(5, TimeUnit.SECONDS);
        }
        long elapsed = System.nanoTime() - started;
        LatencyRecorder.Snapshot latency = latencies.snapshot();
        Map<String, Long> errorKinds = new TreeMap<>();
        kinds.forEach((kind, count) -> errorKinds.put(kind, count.sum()));
        long failed = errorKinds.values().stream().mapToLong(Long::longValue).sum();
        long unanswered = Math.max(0, (unsentAreErrors ? requests : sent.get()) - latency.count() - failed);
        if (unanswered > 0) {
            errorKinds.put("no answer", unanswered);
        }
        return new Result(latency.count() * 1e9 / elapsed, latency, errorKinds, elapsed / 1e9);
    }

    /** The kind of an I/O error: its class and the start of its message. */
    static String ioError(IOException e) {
        String message = String.valueOf(e.getMessage());
        return "I/O error (" + e.getClass().getSimpleName() + ": "
                + (message.length() > 80 ? message.substring(0, 80) + "..." : message) + ")";
    }
}
