package io.veridict.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Repeats a measurement {@code runs} times (after an optional warm-up), telling the log how each run went. */
final class Runs {

    /** One run of a measurement; {@code run} counts from 1. */
    @FunctionalInterface
    interface Run<R> {
        R run(int run) throws Exception;
    }

    private final int runs;
    private final PrintStream log;

    Runs(int runs, PrintStream log) {
        this.runs = runs;
        this.log = log;
    }

    /** Runs {@code run} {@code runs} times; logs each result as {@code describe} puts it. @return the results, in order */
    <R> List<R> repeat(String what, Run<R> run, Function<R, String> describe) throws Exception {
        List<R> results = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            long started = System.nanoTime();
            R result = run.run(r);
            log.printf(Locale.ROOT, "bench: %s, run %d/%d (%.1f s): %s%n", what, r, runs, (System.nanoTime() - started) / 1e9,
                    describe.apply(result));
            results.add(result);
        }
        return results;
    }

    /** Runs a warm-up whose result is dropped. */
    void warmUp(String what, Callable<?> warmUp) throws Exception {
        long started = System.nanoTime();
        warmUp.call();
        log.printf(Locale.ROOT, "bench: %s, warm-up done in %.1f s%n", what, (System.nanoTime() - started) / 1e9);
    }

    /** The dev stack's JVM counts as settled below this share of one core, idle, over {@link #SETTLE_WINDOW}. */
    static final double SETTLED_SHARE = 0.2;
    static final Duration SETTLE_WINDOW = Duration.ofSeconds(3);
    static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(4);

    /**
     * After a warm-up: waits until the dev stack's JVM is idle ({@link CpuClock#awaitChildIdle}),
     * so that the figures that follow do not pay for its JIT compiling what the warm-up ran.
     */
    void settle(String what, CpuClock cpu) throws InterruptedException {
        double waited = cpu.awaitChildIdle(SETTLED_SHARE, SETTLE_WINDOW, SETTLE_TIMEOUT);
        if (waited < 0) {
            log.printf(Locale.ROOT, "bench: %s: the dev stack was still busy after %d s without load; measuring anyway%n",
                    what, SETTLE_TIMEOUT.toSeconds());
            return;
        }
        log.printf(Locale.ROOT, "bench: %s: the dev stack settled (below %.0f %% of a core) after %.1f s%n", what,
                100 * SETTLED_SHARE, waited);
    }

    /** Prints one progress line. */
    void note(String format, Object... args) {
        log.printf(Locale.ROOT, "bench: " + format + "%n", args);
    }

    /** @return the errors of every result, summed */
    static <R> long errors(List<R> results, ToLongFunction<R> errors) {
        return results.stream().mapToLong(errors).sum();
    }
}
