package io.veridict.api.cli.bench;

import java.io.PrintStream;
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

    /** Prints one progress line. */
    void note(String format, Object... args) {
        log.printf(Locale.ROOT, "bench: " + format + "%n", args);
    }

    /** @return the errors of every result, summed */
    static <R> long errors(List<R> results, ToLongFunction<R> errors) {
        return results.stream().mapToLong(errors).sum();
    }
}
