package tributary.fulltext;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLTransactionRollbackException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.common.Causes;
import tributary.config.InstanceIdentity;
import tributary.fetch.HostLimiter;
import tributary.store.ArticleClaims;
import tributary.store.ArticleJob;
import tributary.store.ArticleStore;
import tributary.store.ContentChangedEvent;

/**
 * The article queue of full-text feeds, kept in the item table: every tick (and whenever ingest queues new items) it
 * releases items whose wait passed without their article, then claims due fetches with a lease (SKIP LOCKED, so
 * instances never fetch one page twice) and runs them on its own pool of tributary.fulltext.workers threads, apart
 * from polling, so a slow site never delays a poll. A fetch is claimed only with a free share of its host
 * (HostLimiter.reserve, the share polls take too), so a site's pages and feeds count against one limit and a worker
 * never sits blocked on a busy host. Nothing is queued in memory beyond the jobs running.
 */
@Singleton
public class ArticleQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ArticleQueue.class);

    private final FullTextConfig config;
    private final ArticleWorker worker;
    private final ArticleClaims claims;
    private final ArticleStore articles;
    private final HostLimiter hosts;
    private final InstanceIdentity identity;
    private final Clock clock;
    private final ApplicationEventPublisher<ContentChangedEvent> events;
    private final FullTextMetrics metrics;
    private final ExecutorService workers;
    private final ScheduledExecutorService ticker;
    /** The jobs running, by item id; a job leaves once everything it does is done. */
    private final Map<Long, CompletableFuture<FullTextOutcome>> running = new ConcurrentHashMap<>();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile int tickFailures;

    ArticleQueue(FullTextConfig config, ArticleWorker worker, ArticleClaims claims, ArticleStore articles,
                 HostLimiter hosts, InstanceIdentity identity, Clock clock,
                 ApplicationEventPublisher<ContentChangedEvent> events, FullTextMetrics metrics) {
        this.config = config;
        this.worker = worker;
        this.claims = claims;
        this.articles = articles;
        this.hosts = hosts;
        this.identity = identity;
        this.clock = clock;
        this.events = events;
        this.metrics = metrics;
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.workers()), named("fulltext-worker"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(named("fulltext-queue"));
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        if (config.schedulerEnabled()) {
            ticker.scheduleWithFixedDelay(this::tick, 0, config.tick().toMillis(), TimeUnit.MILLISECONDS);
            started = true;
        }
    }

    /** Looks for due work now rather than at the next tick: ingest calls it after queueing new items. */
    public void wake() {
        if (started && !stopping && wakeQueued.compareAndSet(false, true)) {
            try {
                ticker.execute(() -> {
                    wakeQueued.set(false);
                    tick();
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false);
            }
        }
    }

    private void tick() {
        try {
            dispatchDue();
            if (tickFailures > 0) {
                LOG.info("Article queue reaches the database again after {} failed looks", tickFailures);
            }
            tickFailures = 0;
        } catch (Throwable e) {
            // Any throwable: one escaping would end the fixed-delay schedule for good. Logged once per outage.
            if (tickFailures++ == 0) {
                LOG.warn("Article queue cannot look for due pages ({}); trying again every {} s", e.toString(),
                        config.tick().toSeconds());
            }
        }
    }

    /** Releases expired waits, then claims due fetches up to the free workers and starts them. */
    public synchronized List<CompletableFuture<FullTextOutcome>> dispatchDue() {
        List<CompletableFuture<FullTextOutcome>> started = new ArrayList<>();
        if (stopping) {
            return started;
        }
        Instant now = clock.instant();
        for (Long feed : articles.releaseHolds(now)) {
            events.publishEvent(new ContentChangedEvent(feed));
        }
        int room = Math.max(0, config.workers() - running.size());
        if (room == 0) {
            return started;
        }
        Instant leaseUntil = now.plus(config.lease()).truncatedTo(ChronoUnit.MILLIS);
        List<String> reserved = new ArrayList<>();
        List<ArticleJob> claimed;
        try {
            claimed = claims.claim(identity.id(), now, leaseUntil, room * 4, job -> {
                if (reserved.size() >= room || running.containsKey(job.itemId())
                        || !hosts.reserve(HostLimiter.key(job.url()))) {
                    return false;
                }
                reserved.add(HostLimiter.key(job.url()));
                return true;
            });
        } catch (RuntimeException e) {
            reserved.forEach(hosts::release);
            if (Causes.find(e, SQLTransactionRollbackException.class) == null) {
                throw e;
            }
            LOG.debug("Article claim lost to a lock conflict, retried next look: {}", e.getMessage());
            return started;
        }
        for (ArticleJob job : claimed) {
            CompletableFuture<FullTextOutcome> future = new CompletableFuture<>();
            running.put(job.itemId(), future);
            workers.execute(() -> future.complete(run(job)));
            started.add(future);
        }
        return started;
    }

    /** Runs the queue until nothing is due or running, and answers what the jobs came to: the trigger tests use. */
    public List<FullTextOutcome> runNow() {
        List<FullTextOutcome> outcomes = new ArrayList<>();
        while (true) {
            dispatchDue();
            List<CompletableFuture<FullTextOutcome>> jobs = List.copyOf(running.values());
            if (jobs.isEmpty()) {
                return outcomes;
            }
            for (CompletableFuture<FullTextOutcome> job : jobs) {
                FullTextOutcome outcome = job.join();
                if (outcome != null) {
                    outcomes.add(outcome);
                }
            }
        }
    }

    /** One job; null when it ended in an error nothing could record (its lease then lapses and it is tried again). */
    private FullTextOutcome run(ArticleJob job) {
        FullTextOutcome outcome = null;
        try {
            outcome = worker.work(job);
            metrics.count(outcome);
        } catch (Throwable e) {
            LOG.error("Item #{} {}: article job ended with {}; tried again when its lease ends", job.itemId(),
                    job.url(), e.toString(), e);
        } finally {
            hosts.release(HostLimiter.key(job.url()));
            running.remove(job.itemId());
        }
        wake();
        return outcome;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        ticker.shutdownNow();
        workers.shutdown();
        // Jobs still running then are abandoned: their leases lapse and another start or instance takes them.
        if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
