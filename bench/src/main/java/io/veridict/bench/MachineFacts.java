package io.veridict.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The machine a benchmark ran on: without these, figures cannot be compared.
 *
 * @param date           when the benchmark started (UTC, seconds)
 * @param cores          processors available to the JVM
 * @param jvm            VM name and runtime version
 * @param os             operating system name, version and architecture
 * @param benchMaxHeapMb this JVM's maximum heap
 * @param loadAtStart    the 1-minute system load average when the benchmark started ({@code NaN} if unknown)
 * @param loadAtEnd      the same when it ended ({@code NaN} until known)
 */
public record MachineFacts(Instant date, int cores, String jvm, String os, long benchMaxHeapMb,
                           double loadAtStart, double loadAtEnd) {

    /** The facts of this machine now; the end load is not known yet. */
    public static MachineFacts capture() {
        return new MachineFacts(Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                loadAverage(), Double.NaN);
    }

    /** @return these facts with the load average now as the end load */
    public MachineFacts ended() {
        return new MachineFacts(date, cores, jvm, os, benchMaxHeapMb, loadAtStart, loadAverage());
    }

    private static double loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? Double.NaN : load;
    }
}
