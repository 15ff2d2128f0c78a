package io.veridict.api.cli.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time used so far by this JVM and the dev stack's JVM together. A measurement's CPU time
 * per record says what the work costs the machine, and changes far less than its wall time when
 * other processes compete for the cores.
 */
final class CpuClock {

    private final ProcessHandle child;

    /** @param child the dev stack's process */
    CpuClock(ProcessHandle child) {
        this.child = child;
    }

    /** @return CPU nanoseconds of both processes so far, or {@code -1} where the platform does not tell */
    long nanos() {
        long own = ownNanos();
        long theirs = childNanos();
        return own < 0 || theirs < 0 ? -1 : own + theirs;
    }

    /** @return CPU nanoseconds of the dev stack's process so far (broker, registry, service), or {@code -1} */
    long childNanos() {
        return child.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** @return CPU nanoseconds per item between two readings, or {@code NaN} if either is unknown */
    static double perItem(long before, long after, long items) {
        return before < 0 || after < 0 || items <= 0 ? Double.NaN : (after - before) / (double) items;
    }

    /** @return CPU nanoseconds of this JVM so far, or {@code -1} */
    static long ownNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
