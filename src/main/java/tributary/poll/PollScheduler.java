package tributary.poll;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.fetch.FetchConfig;
import tributary.fetch.HostLimiter;
import tributary.store.FeedLeases;
import tributary.store.FeedRepository;
import tributary.store.FeedRow;
import tributary.store.UtcTimes;

/**
 * Finds due feeds every tick, claims each one (a lease in its row, so two workers or instances never poll it twice)
 * and polls them on a bounded worker pool; one slow feed holds one worker, never the others. A host that already
 * has its share of polls in flight (tributary.fetch.max-per-host) gets no more this tick, so its feeds wait in the
 * database rather than in a worker blocked on the host limit while other sites' feeds could be polled. While the
 * database is away, ticks back off (up to 30 s) and claims whose poll could record nothing are given back once it
 * returns. Stopping, it claims nothing more and gives polls in flight tributary.poll.shutdown-grace to finish.
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
    /** Set when the last look found more due feeds than it could start; one early look is queued at a time. */
    private volatile boolean backlog;
    private final AtomicBoolean earlyTick = new AtomicBoolean();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> hostsInFlight = new ConcurrentHashMap<>();
    /** When a claim was taken and the lease end it set on the feed row. */
    private record Claim(LocalDateTime at, LocalDateTime until) {
    }

    /** The claim of each poll in flight. */
    private final Map<Long, Claim> claimed = new ConcurrentHashMap<>();
    /** Claims of failed polls whose outcome may not have been written (database away): given back next dispatch. */
    private final Map<Long, Claim> unreleased = new ConcurrentHashMap<>();
    private final FeedLeases leases;
    private final int perHost;
    private volatile Instant lastTick;
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile int tickFailures;
    private volatile String lastTickError;
    private volatile long retryAtNanos = System.nanoTime();

    static final Duration MAX_TICK_BACKOFF = Duration.ofSeconds(30);

    public PollScheduler(PollConfig config, FetchConfig fetchConfig, FeedRepository feeds, FeedPoller poller,
                         Clock clock, FeedLeases leases) {
        this.config = config;
        this.perHost = Math.max(1, fetchConfig.maxPerHost());
        this.feeds = feeds;
        this.poller = poller;
        this.clock = clock;
        this.leases = leases;
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
        started = true;
        LOG.info("Poll scheduler started: {} workers, looking for due feeds every {} s", config.workers(),
                config.tick().toSeconds());
    }

    private void tick() {
        if (stopping || System.nanoTime() - retryAtNanos < 0) {
            return;
        }
        try {
            dispatchDue();
            if (tickFailures > 0) {
                LOG.info("Poll scheduler reaches the database again after {} failed ticks; polling resumes",
                        tickFailures);
            }
            tickFailures = 0;
            lastTickError = null;
        } catch (RuntimeException e) {
            // The database may be down for a while: back off instead of hammering it, but never past 30 s, so
            // polling resumes soon after it returns.
            int failures = ++tickFailures;
            Duration wait = config.tick().multipliedBy(1L << Math.min(10, failures - 1));
            if (wait.compareTo(MAX_TICK_BACKOFF) > 0) {
                wait = MAX_TICK_BACKOFF;
            }
            retryAtNanos = System.nanoTime() + wait.toNanos();
            lastTickError = reason(e);
            LOG.warn("Poll scheduler cannot look for due feeds ({}); trying again in {} s. Check that the database"
                    + " at datasources.default.url is running and reachable.", lastTickError, wait.toSeconds());
        }
    }

    /** Claims every due feed with a free worker slot and a free share of its host, and starts its poll. */
    public List<CompletableFuture<PollOutcome>> dispatchDue() {
        List<CompletableFuture<PollOutcome>> started = new ArrayList<>();
        if (stopping) {
            return started;
        }
        Instant now = clock.instant();
        giveBackUnrecordedClaims(now);
        lastTick = now;
        int room = Math.max(0, config.workers() * 4 - inFlight.size());
        if (room == 0) {
            return started;
        }
        // Read past the room: the first due feeds may all belong to one busy host.
        List<FeedRow> due = feeds.findDue(UtcTimes.toColumn(now), room * 4);
        for (FeedRow feed : due) {
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
            // Whole milliseconds, as DATETIME(3) stores them, so giving the claim back can match it exactly.
            LocalDateTime leaseUntil = UtcTimes.toColumn(now.plus(config.lease()).truncatedTo(ChronoUnit.MILLIS));
            long won;
            try {
                won = feeds.claim(feed.id(), UtcTimes.toColumn(now), leaseUntil);
            } catch (RuntimeException e) {
                if (!isLockConflict(e)) {
                    release(host);
                    throw e;
                }
                // Chosen as a deadlock victim by another writer of the feed table: claim it next time.
                LOG.debug("Feed #{}: claim lost to a lock conflict, retried next tick: {}", feed.id(), e.getMessage());
                won = 0;
            }
            if (won == 1 && inFlight.add(feed.id())) {
                claimed.put(feed.id(), new Claim(UtcTimes.toColumn(now.truncatedTo(ChronoUnit.MILLIS)), leaseUntil));
                started.add(CompletableFuture.supplyAsync(() -> pollClaimed(feed, host), workers));
            } else {
                release(host);
            }
        }
        // Due feeds left for want of room or of a host's share: each finished poll then looks again, instead of
        // leaving workers idle until the next tick.
        backlog = started.size() < due.size();
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

    /** Whether ticking started (false when disabled, or before the server is up). */
    public boolean started() {
        return started;
    }

    /** True once the service is stopping: nothing more is claimed. */
    public boolean stopping() {
        return stopping;
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    /** Successive ticks that could not read due feeds (the database away), and the last one's error. */
    public int tickFailures() {
        return tickFailures;
    }

    public String lastTickError() {
        return lastTickError;
    }

    private static boolean isLockConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransactionRollbackException) {
                return true;
            }
        }
        return false;
    }

    /** The outermost message and the root cause's, which names what actually failed (refused, timed out). */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
    }

    private void giveBackUnrecordedClaims(Instant now) {
        for (Map.Entry<Long, Claim> claim : unreleased.entrySet()) {
            if (leases.release(claim.getKey(), claim.getValue().at(), claim.getValue().until(), now)) {
                LOG.info("Feed #{}: its last poll could record nothing; due again", claim.getKey());
            }
            unreleased.remove(claim.getKey(), claim.getValue());
        }
    }

    private PollOutcome pollClaimed(FeedRow feed, String host) {
        PollOutcome outcome = null;
        try {
            outcome = poller.poll(feed);
            return outcome;
        } finally {
            Claim claim = claimed.remove(feed.id());
            if (claim != null && (outcome == null || outcome.result() == PollOutcome.Result.FAILED)) {
                unreleased.put(feed.id(), claim);
            }
            inFlight.remove(feed.id());
            release(host);
            if (backlog && started && !stopping && earlyTick.compareAndSet(false, true)) {
                ticker.execute(() -> {
                    earlyTick.set(false);
                    tick();
                });
            }
        }
    }

    /**
     * Stops claiming, waits up to tributary.poll.shutdown-grace for polls in flight (each writes its items in one
     * transaction, then its state, so an interrupted one leaves nothing half-written), then abandons the rest and
     * makes their feeds due again.
     */
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        ticker.shutdownNow();
        workers.shutdown();
        int running = inFlight.size();
        if (running > 0) {
            LOG.info("Stopping: waiting up to {} s for {} polls in flight", config.shutdownGrace().toSeconds(),
                    running);
        }
        if (workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
            return;
        }
        Map<Long, Claim> abandoned = Map.copyOf(claimed);
        workers.shutdownNow();
        LOG.warn("Stopping: abandoned {} polls still running after {} s (feeds {}); they are polled again at the"
                + " next start", abandoned.size(), config.shutdownGrace().toSeconds(), abandoned.keySet());
        Instant now = clock.instant();
        for (Map.Entry<Long, Claim> claim : abandoned.entrySet()) {
            try {
                leases.release(claim.getKey(), claim.getValue().at(), claim.getValue().until(), now);
            } catch (RuntimeException e) {
                LOG.warn("Feed #{}: cannot give back its claim ({}); it is due when its lease ends at {}",
                        claim.getKey(), e.getMessage(), claim.getValue().until());
            }
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
