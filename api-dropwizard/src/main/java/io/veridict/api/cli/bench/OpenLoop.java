package io.veridict.api.cli.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a fixed rate: request {@code i} is due at
 * {@code start + i / rate}, whether or not earlier requests have answered. Its latency runs
 * from that <em>scheduled</em> time to its answer, so a stall of the service (or of this client)
 * shows in the percentiles instead of silently lowering the rate (no coordinated omission).
 *
 * <p>At most {@value #MAX_OUTSTANDING} requests are in flight; when the cap is reached the
 * dispatcher waits, and the requests it then sends late still count from their schedule. A
 * request sent more than {@link #LATE} after its scheduled time counts as <em>late</em>: the
 * load generator could not keep the schedule (a busy machine, or the cap).
 */
final class OpenLoop {

    /** Most requests in flight at once. */
    static final int MAX_OUTSTANDING = 1000;
    /** A request sent this long after its scheduled time is late. */
    static final Duration LATE = Duration.ofMillis(10);
    /** How long the last scheduled request may take: the HTTP client's request timeout and a margin. */
    static final Duration ANSWER_TIMEOUT = LedgerHttp.REQUEST_TIMEOUT.plusSeconds(5);

    /**
     * @param achievedPerSecond successful requests per second, from the first scheduled time to
     *                          the last answer
     * @param latency           scheduled time to answer, of successful requests
     * @param scheduled         requests in the schedule
     * @param late              requests sent more than {@link #LATE} after their scheduled time
     * @param failed            requests that failed or got no answer before the timeout
     */
    record Result(double achievedPerSecond, LatencyRecorder.Snapshot latency, int scheduled, long late, long failed) {

        /** @return a one-line account for the progress log */
        String describe() {
            return Table.number(achievedPerSecond) + " requests/s, p99 " + Table.number(latency.percentileMillis(99))
                    + " ms, late " + late + ", failed " + failed;
        }
    }

    /** One request sent without blocking; {@code i} numbers the requests of a run from 0. */
    @FunctionalInterface
    interface AsyncCall {
        /** @return the future HTTP status */
        CompletableFuture<Integer> send(int i);
    }

    private final AsyncCall call;
    private final ClosedLoop.Expected expected;

    OpenLoop(AsyncCall call, ClosedLoop.Expected expected) {
        this.call = call;
        this.expected = expected;
    }

    /** Runs {@code rate * duration} requests on schedule; waits at most {@code timeout} in all. */
    Result run(int rate, Duration duration, Duration timeout) throws InterruptedException {
        int total = (int) (rate * duration.toMillis() / 1000);
        long interval = 1_000_000_000L / rate;
        LatencyRecorder latencies = new LatencyRecorder(total);
        Semaphore slots = new Semaphore(MAX_OUTSTANDING);
        CountDownLatch answered = new CountDownLatch(total);
        AtomicLong failed = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        long late = 0;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long deadline = start + timeout.toNanos();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break; // out of time: what was not sent is counted as failed below
            }
            if (System.nanoTime() - scheduled > LATE.toNanos()) {
                late++;
            }
            send(i, scheduled, latencies, failed, lastAnswer, slots, answered);
        }
        answered.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        LatencyRecorder.Snapshot latency = latencies.snapshot();
        long unanswered = Math.max(0, total - latency.count() - failed.get());
        long span = Math.max(1, lastAnswer.get() - start);
        return new Result(latency.count() * 1e9 / span, latency, total, late, failed.get() + unanswered);
    }

    private void send(int i, long scheduled, LatencyRecorder latencies, AtomicLong failed, AtomicLong lastAnswer,
                      Semaphore slots, CountDownLatch answered) {
        try {
            call.send(i).whenComplete((status, error) -> {
                long now = System.nanoTime();
                if (error == null && expected.test(status)) {
                    latencies.record(now - scheduled);
                } else {
                    failed.incrementAndGet();
                }
                lastAnswer.accumulateAndGet(now, Math::max);
                slots.release();
                answered.countDown();
            });
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            slots.release();
            answered.countDown();
        }
    }
}
