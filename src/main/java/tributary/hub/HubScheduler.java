package tributary.hub;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.store.ContentChangedEvent;
import tributary.store.HubDeliveryQueue;
import tributary.store.HubSubscriptionRepository;

/**
 * Runs the hub's queue on its own thread: a content change (heard from this instance's ingest, or from another's
 * through PeerChangeWatcher) queues deliveries to that feed's topics and sends them at once; every
 * tributary.websub.queue-check-interval the shared queue is looked at for retries and deliveries other instances
 * queued, and ended leases are cleaned up. The listener only notes the feed, so ingest never waits on the hub.
 */
@Singleton
class HubScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(HubScheduler.class);
    /** Bounds the feeds noted between two runs of the queue thread; past it a change waits for the next event. */
    static final int MAX_NOTED_FEEDS = 10_000;
    /** Expired subscriptions stay visible in the admin view this long, then go. */
    static final Duration KEEP_EXPIRED = Duration.ofDays(1);
    /** How often ended subscriptions are looked for: a day's grace needs no finer step. */
    static final Duration CLEANUP_EVERY = Duration.ofHours(1);

    private final HubConfig config;
    private final HubWorkers workers;
    private final HubDeliveryQueue queue;
    private final ContentDistributor distributor;
    private final HubSubscriptionRepository subscriptions;
    private final Clock clock;
    private final Set<Long> changedFeeds = ConcurrentHashMap.newKeySet();
    private volatile boolean failing;
    private LocalDateTime lastCleanup;

    HubScheduler(HubConfig config, HubWorkers workers, HubDeliveryQueue queue, ContentDistributor distributor,
                 HubSubscriptionRepository subscriptions, Clock clock) {
        this.config = config;
        this.workers = workers;
        this.queue = queue;
        this.distributor = distributor;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @EventListener
    void start(StartupEvent startup) {
        if (config.hubEnabled()) {
            long every = config.queueCheckInterval().toMillis();
            workers.queueThread().scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @EventListener
    void onContentChanged(ContentChangedEvent event) {
        if (!config.hubEnabled() || event.feedId() == null) {
            return;
        }
        if (changedFeeds.size() < MAX_NOTED_FEEDS && changedFeeds.add(event.feedId())) {
            workers.queueThread().execute(this::queueChangesNow);
        }
    }

    /** Queues the deliveries of the changes heard so far; runs on the queue thread, and tests call it directly. */
    void queueChangesNow() {
        guarded(() -> {
            int queued = 0;
            for (Long feedId : Set.copyOf(changedFeeds)) {
                // Removed before queueing: a change heard meanwhile is noted again and queued by the next run.
                if (changedFeeds.remove(feedId)) {
                    queued += queue.enqueue(feedId, now());
                }
            }
            if (queued > 0) {
                distributor.deliverDueNow();
            }
        });
    }

    private void tick() {
        guarded(() -> {
            distributor.deliverDueNow();
            if (lastCleanup == null || !now().isBefore(lastCleanup.plus(CLEANUP_EVERY))) {
                cleanUpNow();
            }
        });
    }

    /** Removes subscriptions whose lease ended a day ago (and verifications that never finished); tests call it. */
    void cleanUpNow() {
        LocalDateTime now = now();
        subscriptions.deleteExpired(now.minus(KEEP_EXPIRED));
        lastCleanup = now;
    }

    private void guarded(Runnable work) {
        try {
            work.run();
            if (failing) {
                LOG.info("WebSub hub reaches the database again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // The database is away: queued deliveries wait in it; changes heard meanwhile are heard again from
            // PeerChangeWatcher's look back.
            if (!failing) {
                LOG.warn("WebSub hub cannot work its queue ({}); deliveries wait until the database answers",
                        e.getMessage());
                failing = true;
            }
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
