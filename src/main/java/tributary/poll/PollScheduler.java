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
import tributary.common.Causes;
import tributary.config.InstanceIdentity;
import tributary.fetch.HostLimiter;
import tributary.store.Conflicts;
import tributary.store.FeedClaims;
import tributary.store.FeedRow;
import tributary.store.UtcTimes;

/**
 * Finds due feeds every tick, claims them (a lease in each row, taken with SELECT … FOR UPDATE SKIP LOCKED, so two
 * workers or two instances never poll a feed twice, and a crashed instance's feeds are free once its leases end)
 * and polls them on a bounded worker pool; one slow feed holds one worker, never the others. A host that already
 * has its share of polls in flight (HostLimiter.reserve, tributary.fetch.max-per-host) gets no more this tick, so
 * its feeds wait in the database rather than in a worker blocked on the host limit while other sites' feeds could
 * be polled. While the database is away, ticks back off (up to 30 s) and claims whose poll could record nothing
 * are given back once it returns. Stopping, it claims nothing more and gives polls in flight
 * tributary.poll.shutdown-grace to finish.
 */
@Singleton
public class PollScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);

    private final PollConfig config;
    private final FeedPoller poller;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService ticker;
    /** Set when the last look found more due feeds than it could start; one early look is queued at a time. */
    private volatile boolean backlog;
    private final AtomicBoolean earlyTick = new AtomicBoolean();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    /** The lease end of each poll in flight (this instance's leases). */
    private final Map<Long, LocalDateTime> claimed = new ConcurrentHashMap<>();
    /** Leases of failed polls whose outcome may not have been written (database away): given back next dispatch. */
    private final Map<Long, LocalDateTime> unreleased = new ConcurrentHashMap<>();
    private final FeedClaims claims;
    private final InstanceIdentity identity;
    private final HostLimiter hosts;
    private final Conflicts conflicts;
    private volatile Instant lastTick;
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile int tickFailures;
    private volatile String lastTickError;
    private volatile long retryAtNanos = System.nanoTime();

    static final Duration MAX_TICK_BACKOFF = Duration.ofSeconds(30);

    public PollScheduler(PollConfig config, HostLimiter hosts, FeedPoller poller, Clock clock, FeedClaims claims,
                         InstanceIdentity identity, Conflicts conflicts) {
        this.conflicts = conflicts;
        this.config = config;
        this.hosts = hosts;
        this.poller = poller;
        this.clock = clock;
        this.claims = claims;
        this.identity = identity;
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
        LOG.info("Poll scheduler started as instance {}: {} workers, looking for due feeds every {} s, leases of {} s",
                identity.id(), config.workers(), config.tick().toSeconds(), config.lease().toSeconds());
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
        } catch (Throwable e) {
            // Any throwable, not only the database's exceptions: one escaping here would end the fixed-delay
            // schedule for good, and no feed would be polled again.
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
        giveBackUnrecordedClaims();
        lastTick = now;
        int room = Math.max(0, config.workers() * 4 - inFlight.size());
        if (room == 0) {
            return started;
        }
        // Whole milliseconds, as DATETIME(3) stores them, so giving the claim back can match it exactly.
        LocalDateTime leaseUntil = UtcTimes.toColumn(now.plus(config.lease()).truncatedTo(ChronoUnit.MILLIS));
        // Read past the room: the first due feeds may all belong to one busy host. Hosts are reserved as feeds are
        // taken, inside the claim; if the claim fails they are given back below.
        List<String> reserved = new ArrayList<>();
        int[] looked = {0};
        List<FeedRow> claimedNow;
        try {
            claimedNow = claims.claim(identity.id(), UtcTimes.toColumn(now), leaseUntil, room * 4, feed -> {
                looked[0]++;
                if (reserved.size() >= room || inFlight.contains(feed.id())) {
                    return false;
                }
                String host = HostLimiter.key(feed.url());
                if (!hosts.reserve(host)) {
                    return false;
                }
                reserved.add(host);
                return true;
            });
        } catch (RuntimeException e) {
            reserved.forEach(hosts::release);
            if (!Conflicts.isConflict(e)) {
                throw e;
            }
            // Chosen as a deadlock victim, or on Galera another node claimed one of these feeds first (SKIP LOCKED
            // sees only this node's locks, so both took it; the later commit failed certification). Nothing was
            // leased or fetched: a lost claim, counted, not a failure; what is still due is taken next tick.
            conflicts.count("claim", "lost");
            LOG.debug("Claim lost to a conflict, tried again next tick: {}", Causes.rootMessage(e));
            backlog = true;
            return started;
        }
        for (FeedRow feed : claimedNow) {
            String host = HostLimiter.key(feed.url());
            if (inFlight.add(feed.id())) {
                claimed.put(feed.id(), leaseUntil);
                started.add(CompletableFuture.supplyAsync(() -> pollClaimed(feed, host), workers));
            } else {
                hosts.release(host);
            }
        }
        // Due feeds left for want of room or of a host's share: each finished poll then looks again, instead of
        // leaving workers idle until the next tick.
        backlog = claimedNow.size() < looked[0];
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

    /** The outermost message and the root cause's, which names what actually failed (refused, timed out). */
    private static String reason(Throwable e) {
        Throwable root = Causes.root(e);
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
    }

    private void giveBackUnrecordedClaims() {
        for (Map.Entry<Long, LocalDateTime> claim : unreleased.entrySet()) {
            if (claims.release(claim.getKey(), identity.id(), claim.getValue())) {
                LOG.info("Feed #{}: its last poll could record nothing; due again", claim.getKey());
            }
            unreleased.remove(claim.getKey(), claim.getValue());
        }
    }

    private PollOutcome pollClaimed(FeedRow feed, String host) {
        PollOutcome outcome = null;
        boolean escaped = false;
        try {
            outcome = poller.poll(feed);
            return outcome;
        } catch (Throwable e) {
            // FeedPoller records every failure it can; what still escapes is kept on the lease, which ends after
            // tributary.poll.lease: giving the claim back now would poll the feed again on the very next tick.
            escaped = true;
            LOG.error("Feed #{} {}: poll ended with {}; polled again when its lease ends", feed.id(), feed.url(),
                    e.toString(), e);
            return new PollOutcome(feed.id(), feed.url(), PollOutcome.Result.FAILED, 0, 0, "internal error: " + e);
        } finally {
            LocalDateTime claim = claimed.remove(feed.id());
            if (claim != null && !escaped && (outcome == null || outcome.result() == PollOutcome.Result.FAILED)) {
                unreleased.put(feed.id(), claim);
            }
            inFlight.remove(feed.id());
            hosts.release(host);
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
        Map<Long, LocalDateTime> abandoned = Map.copyOf(claimed);
        workers.shutdownNow();
        LOG.warn("Stopping: abandoned {} polls still running after {} s (feeds {}); they are polled again at the"
                + " next start", abandoned.size(), config.shutdownGrace().toSeconds(), abandoned.keySet());
        for (Map.Entry<Long, LocalDateTime> claim : abandoned.entrySet()) {
            try {
                claims.release(claim.getKey(), identity.id(), claim.getValue());
            } catch (RuntimeException e) {
                LOG.warn("Feed #{}: cannot give back its claim ({}); it is due when its lease ends at {}",
                        claim.getKey(), e.getMessage(), claim.getValue());
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
