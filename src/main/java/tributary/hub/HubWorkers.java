package tributary.hub;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hub's own threads, so callbacks never hold up polling or serving: a small pool for verifications and
 * deliveries (tributary.websub.delivery-threads) with a bounded queue of waiting work (delivery-queue), and one
 * thread that queues changes and hands due deliveries to the pool.
 */
@Singleton
class HubWorkers {

    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService queue;

    HubWorkers(HubConfig config) {
        int threads = Math.max(1, config.deliveryThreads());
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(Math.max(1, config.deliveryQueue())),
                r -> daemon(r, "websub-" + n.incrementAndGet()), new ThreadPoolExecutor.AbortPolicy());
        this.pool.allowCoreThreadTimeOut(true);
        this.queue = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "websub-queue"));
    }

    /** Runs the task on the pool; false when as much work already waits as the setting allows. */
    boolean offer(Runnable task) {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Threads free to take a delivery now, so the queue thread claims no more than can be sent at once. */
    int idle() {
        return Math.max(0, pool.getMaximumPoolSize() - pool.getActiveCount());
    }

    ScheduledExecutorService queueThread() {
        return queue;
    }

    @PreDestroy
    void stop() {
        queue.shutdownNow();
        pool.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
