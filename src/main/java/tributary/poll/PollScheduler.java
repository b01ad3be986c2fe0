package tributary.poll;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.fetch.FetchConfig;
import tributary.fetch.HostLimiter;
import tributary.store.FeedRepository;
import tributary.store.FeedRow;
import tributary.store.UtcTimes;

/**
 * Finds due feeds every tick, claims each one (a lease in its row, so two workers or instances never poll it twice)
 * and polls them on a bounded worker pool; one slow feed holds one worker, never the others. A host that already
 * has its share of polls in flight (tributary.fetch.max-per-host) gets no more this tick, so its feeds wait in the
 * database rather than in a worker blocked on the host limit while other sites' feeds could be polled.
 */
@Singleton
public class PollScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);

    private final PollConfig config;
    private final FeedRepository feeds;
    private final FeedPoller poller;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService ticker;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> hostsInFlight = new ConcurrentHashMap<>();
    private final int perHost;
    private volatile Instant lastTick;

    public PollScheduler(PollConfig config, FetchConfig fetchConfig, FeedRepository feeds, FeedPoller poller,
                         Clock clock) {
        this.config = config;
        this.perHost = Math.max(1, fetchConfig.maxPerHost());
        this.feeds = feeds;
        this.poller = poller;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.workers()), named("poll-worker"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(named("poll-scheduler"));
    }

    /** Starts ticking once the server is up, which is after feeds.yml was loaded on the context's StartupEvent. */
    @EventListener
    void onStartup(ServerStartupEvent event) {
        if (!config.schedulerEnabled()) {
            LOG.info("Poll scheduler disabled (tributary.poll.scheduler-enabled=false)");
            return;
        }
        ticker.scheduleWithFixedDelay(this::tick, 0, config.tick().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Poll scheduler started: {} workers, looking for due feeds every {} s", config.workers(),
                config.tick().toSeconds());
    }

    private void tick() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            // The database may be down for a moment: try again next tick.
            LOG.warn("Poll scheduler tick failed: {}", e.getMessage());
        }
    }

    /** Claims every due feed with a free worker slot and a free share of its host, and starts its poll. */
    public List<CompletableFuture<PollOutcome>> dispatchDue() {
        Instant now = clock.instant();
        lastTick = now;
        int room = Math.max(0, config.workers() * 4 - inFlight.size());
        List<CompletableFuture<PollOutcome>> started = new ArrayList<>();
        if (room == 0) {
            return started;
        }
        // Read past the room: the first due feeds may all belong to one busy host.
        for (FeedRow feed : feeds.findDue(UtcTimes.toColumn(now), room * 4)) {
            if (started.size() >= room) {
                break;
            }
            if (inFlight.contains(feed.id())) {
                continue;
            }
            String host = HostLimiter.key(feed.url());
            if (!reserve(host)) {
                continue;
            }
            long won = feeds.claim(feed.id(), UtcTimes.toColumn(now), UtcTimes.toColumn(now.plus(config.lease())));
            if (won == 1 && inFlight.add(feed.id())) {
                started.add(CompletableFuture.supplyAsync(() -> pollClaimed(feed, host), workers));
            } else {
                release(host);
            }
        }
        return started;
    }

    /**
     * Polls every due feed and waits for all of them: the trigger tests and the admin use instead of waiting a tick.
     * Feeds held back by their host's limit are dispatched as earlier polls of that host finish.
     */
    public List<PollOutcome> pollDueNow() {
        List<CompletableFuture<PollOutcome>> pending = new ArrayList<>(dispatchDue());
        List<PollOutcome> outcomes = new ArrayList<>();
        while (!pending.isEmpty()) {
            CompletableFuture.anyOf(pending.toArray(CompletableFuture[]::new)).join();
            for (Iterator<CompletableFuture<PollOutcome>> it = pending.iterator(); it.hasNext(); ) {
                CompletableFuture<PollOutcome> poll = it.next();
                if (poll.isDone()) {
                    outcomes.add(poll.join());
                    it.remove();
                }
            }
            pending.addAll(dispatchDue());
        }
        return outcomes;
    }

    /** Takes one of the host's shares; false when all are in use. */
    private boolean reserve(String host) {
        boolean[] taken = {false};
        hostsInFlight.compute(host, (h, count) -> {
            int current = count == null ? 0 : count;
            if (current >= perHost) {
                return current;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    private void release(String host) {
        hostsInFlight.computeIfPresent(host, (h, count) -> count <= 1 ? null : count - 1);
    }

    /** When the scheduler last looked for due feeds; null before the first look. */
    public Instant lastTick() {
        return lastTick;
    }

    private PollOutcome pollClaimed(FeedRow feed, String host) {
        try {
            return poller.poll(feed);
        } finally {
            inFlight.remove(feed.id());
            release(host);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        ticker.shutdownNow();
        workers.shutdown();
        if (!workers.awaitTermination(20, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
