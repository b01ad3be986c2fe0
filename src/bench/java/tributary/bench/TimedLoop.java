package tributary.bench;

import java.time.Duration;

/** The plain timed loop the in-JVM comparisons share: run a pass until a budget is spent, then MB/s of it. */
final class TimedLoop {

    private TimedLoop() {
    }

    /** One pass over a document. */
    interface Pass {
        void run() throws Exception;
    }

    /** Runs the pass until the budget is spent; answers {runs, elapsed nanoseconds}, the last run included. */
    static long[] run(Pass pass, Duration budget) throws Exception {
        long start = System.nanoTime();
        long end = start + budget.toNanos();
        long runs = 0;
        long now = start;
        while (now < end) {
            pass.run();
            runs++;
            now = System.nanoTime();
        }
        return new long[] {runs, now - start};
    }

    /** Throughput in MB/s (10^6 bytes) of runs over a document of the given size. */
    static double mbPerSecond(int bytes, long[] runsAndNanos) {
        return runsAndNanos[0] * (double) bytes / 1e6 / (runsAndNanos[1] / 1e9);
    }
}
