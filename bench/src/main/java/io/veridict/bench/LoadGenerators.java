package io.veridict.bench;

import java.nio.file.Path;

/** Picks the HTTP load generator the options ask for. */
final class LoadGenerators {

    /** wrk threads: one per core of the bench machine, at most. */
    static final int WRK_THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    private LoadGenerators() {
    }

    /**
     * @param choice  what the options ask for
     * @param path    the {@code PATH} to look for wrk in
     * @param scratch where wrk's scripts and outputs go
     * @throws IllegalStateException when wrk is asked for and not found
     */
    static LoadGenerator choose(BenchOptions.Generator choice, String path, Path scratch) {
        if (choice == BenchOptions.Generator.JVM) {
            return new JvmLoadGenerator("asked for with --generator jvm");
        }
        return Wrk.locate(path).<LoadGenerator>map(wrk -> new Wrk(wrk, scratch, WRK_THREADS)).orElseGet(() -> {
            if (choice == BenchOptions.Generator.WRK) {
                throw new IllegalStateException("--generator wrk: no executable wrk on PATH (apt-get install wrk)");
            }
            return new JvmLoadGenerator("wrk not found on PATH (apt-get install wrk), so the HTTP figures may "
                    + "measure this client");
        });
    }
}
