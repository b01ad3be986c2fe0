package tributary.fetch;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** The JVM's peak heap use between start and stop, as the memory pools record it. */
final class HeapPeak {

    private final long baseline;

    private HeapPeak(long baseline) {
        this.baseline = baseline;
    }

    /** Heap in use after the collection at start: what the test had live before the work measured. */
    long baseline() {
        return baseline;
    }

    static HeapPeak start() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        return new HeapPeak(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** Sum of the heap pools' peaks, in bytes: an upper bound of what was live at once. */
    long stop() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
