package tributary.push;

import static tributary.normalize.FeedUrlRedactor.redact;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.publish.PublicUrlConfig;
import tributary.store.SubscriptionRepository;
import tributary.store.SubscriptionRow;
import tributary.store.SubscriptionState;
import tributary.store.UtcTimes;

/**
 * Looks at our subscriptions every tributary.websub.check-every: ends those of feeds removed from the list
 * (hub.mode=unsubscribe, or forgotten when never verified), renews leases at renew-at of their length, asks again
 * where a verification never came or a request failed, and gives up after subscription-max-attempts. Each due row is taken by one
 * instance only (SubscriptionRepository.take). checkNow() is the trigger tests use instead of waiting.
 */
@Singleton
public class SubscriptionCheck {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionCheck.class);
    /** Rows looked at per check; more wait for the next one. */
    static final int BATCH = 200;

    private final SubscriptionRepository subscriptions;
    private final Subscriber subscriber;
    private final SubscribeConfig config;
    private final PublicUrlConfig publicUrl;
    private final Clock clock;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "websub-check");
        thread.setDaemon(true);
        return thread;
    });

    SubscriptionCheck(SubscriptionRepository subscriptions, Subscriber subscriber, SubscribeConfig config,
                      PublicUrlConfig publicUrl, Clock clock) {
        this.subscriptions = subscriptions;
        this.subscriber = subscriber;
        this.config = config;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        if (config.enabled(publicUrl)) {
            ticker.scheduleWithFixedDelay(this::tick, config.checkEvery().toMillis(), config.checkEvery().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            // One escaping exception would end the fixed-delay schedule for good.
            LOG.warn("WebSub subscription check failed ({}); trying again in {} s", e.toString(),
                    config.checkEvery().toSeconds());
        }
    }

    /** One look at every subscription that needs something now; requests are sent before it returns. */
    public void checkNow() {
        LocalDateTime now = UtcTimes.toColumn(clock.instant());
        LocalDateTime waitUntil = UtcTimes.toColumn(clock.instant().plus(config.subscriptionVerifyTimeout()));
        for (SubscriptionRow row : subscriptions.findOfRemovedFeeds(BATCH)) {
            if (row.leaseUntil() == null) {
                // Never verified: forgotten, so a verification still on its way finds no token and gets a 404.
                subscriptions.deleteById(row.id());
            } else if (subscriptions.startUnsubscribing(row.id(), row.state(), waitUntil) == 1) {
                LOG.info("Feed #{} was removed: unsubscribing from its WebSub hub {}", row.feedId(),
                        redact(row.hub()));
                subscriber.send(row, "unsubscribe", 1);
            }
        }
        for (SubscriptionRow row : subscriptions.findDue(now, BATCH)) {
            if (subscriptions.take(row.id(), row.nextActionAt(), waitUntil) != 1) {
                continue;
            }
            int attempt = row.attempts() + 1;
            boolean unsubscribing = row.subscriptionState() == SubscriptionState.UNSUBSCRIBING;
            if (attempt > config.subscriptionMaxAttempts()) {
                if (unsubscribing) {
                    subscriptions.deleteById(row.id());
                } else {
                    subscriptions.fail(row.id(), SubscriptionState.FAILED, "no verification from the hub after "
                            + config.subscriptionMaxAttempts() + " requests (tributary.websub.subscription-max-attempts)", null);
                }
                continue;
            }
            subscriber.send(row, unsubscribing ? "unsubscribe" : "subscribe", attempt);
        }
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }
}
