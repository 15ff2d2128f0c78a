package io.veridict.bench;

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

    /**
     * Waits until the dev stack's JVM, given no load, uses less than {@code share} of one core
     * over {@code window}: its JIT compilers have caught up with the code the warm-up ran. On two
     * cores one C2 thread takes minutes to compile a broker, a registry and the service, and every
     * figure measured before that pays for the compiling.
     *
     * @return the seconds waited, or {@code -1} if it was still busy after {@code timeout} (or the platform does not tell)
     */
    double awaitChildIdle(double share, Duration window, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (true) {
            long before = childNanos();
            long from = System.nanoTime();
            Thread.sleep(window.toMillis());
            long after = childNanos();
            if (before < 0 || after < 0) {
                return -1;
            }
            if ((after - before) / (double) (System.nanoTime() - from) < share) {
                return (System.nanoTime() - started) / 1e9;
            }
            if (System.nanoTime() > deadline) {
                return -1;
            }
        }
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
