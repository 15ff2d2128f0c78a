package io.veridict.api.cli.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
     * @param errors            requests that failed: an unexpected status, an I/O error, or no
     *                          answer before the run's timeout
     */
    record Result(double requestsPerSecond, LatencyRecorder.Snapshot latency, long errors) {
    }

    private ClosedLoop() {
    }

    /**
     * Runs the load; returns when every request answered or, after {@code timeout}, abandons the
     * requests still running and counts them as errors.
     */
    static Result run(Call call, Expected expected, int concurrency, int requests, Duration timeout)
            throws InterruptedException {
        LatencyRecorder latencies = new LatencyRecorder(requests);
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        for (int c = 0; c < concurrency; c++) {
            clients.execute(() -> {
                for (int i = next.getAndIncrement(); i < requests && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    long sent = System.nanoTime();
                    try {
                        if (expected.test(call.send(i))) {
                            latencies.record(System.nanoTime() - sent);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        clients.shutdown();
        if (!clients.awaitTermination(timeout.toSeconds() + 35, TimeUnit.SECONDS)) {
            clients.shutdownNow();
            clients.awaitTermination(5, TimeUnit.SECONDS);
        }
        long elapsed = System.nanoTime() - started;
        LatencyRecorder.Snapshot latency = latencies.snapshot();
        long unanswered = Math.max(0, requests - latency.count() - errors.get());
        return new Result(latency.count() * 1e9 / elapsed, latency, errors.get() + unanswered);
    }
}
