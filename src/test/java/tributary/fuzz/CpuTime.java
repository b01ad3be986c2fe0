package tributary.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/** CPU time of the current thread: a per-document bound that other builds on a shared 2-core machine do not move. */
final class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTime() {
    }

    static long ofThisThread() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    static void assertWithin(Duration bound, long started, String what) {
        long used = ofThisThread() - started;
        assertTrue(used <= bound.toNanos(), what + " took " + used / 1_000_000 + " ms of CPU, more than the bound of "
                + bound.toSeconds() + " s");
    }
}
