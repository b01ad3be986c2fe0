package tributary.push;

import static tributary.normalize.FeedUrlRedactor.redact;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.common.RandomTokens;
import tributary.publish.PublicUrlConfig;
import tributary.store.SubscriptionRepository;
import tributary.store.SubscriptionRow;
import tributary.store.SubscriptionState;
import tributary.store.UtcTimes;

/**
 * Starts our subscription to a feed's hub and sends (un)subscription requests (WebSub 5.1): the callback
 * {base}/websub/callback/{token} with a fresh unguessable token and a fresh secret per subscription. A failed request
 * is recorded on the row with when to retry (back-off; none after tributary.websub.subscription-max-attempts).
 */
@Singleton
public class Subscriber {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);
    /** Requests waiting for a sender: at most this many; past it a discovery waits for the feed's next new document. */
    private static final int QUEUE = 1000;

    private final SubscriptionRepository subscriptions;
    private final HubClient hubs;
    private final SubscribeConfig config;
    private final PublicUrlConfig publicUrl;
    private final Clock clock;
    private final ExecutorService senders = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUE), runnable -> {
                Thread thread = new Thread(runnable, "websub-subscriber");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    Subscriber(SubscriptionRepository subscriptions, HubClient hubs, SubscribeConfig config, PublicUrlConfig publicUrl,
               Clock clock) {
        this.subscriptions = subscriptions;
        this.hubs = hubs;
        this.config = config;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** A poll found this hub and topic for the feed: subscribes unless a subscription to them exists already. */
    void discovered(long feedId, String hub, String topic) {
        if (hub.length() > 2048 || topic.length() > 2048) {
            return;
        }
        Optional<SubscriptionRow> existing = subscriptions.findByFeedId(feedId);
        LocalDateTime now = UtcTimes.toColumn(clock.instant());
        LocalDateTime waitUntil = UtcTimes.toColumn(clock.instant().plus(config.subscriptionVerifyTimeout()));
        String token = token();
        boolean won;
        if (existing.isEmpty()) {
            won = subscriptions.create(feedId, hub, topic, token, secret(), waitUntil, now) == 1;
        } else if (existing.get().hub().equals(hub) && existing.get().topic().equals(topic)
                || existing.get().subscriptionState() == SubscriptionState.UNSUBSCRIBING) {
            return;
        } else {
            // The source moved to another hub or topic: the old lease simply runs out.
            won = subscriptions.restart(existing.get().id(), existing.get().token(), hub, topic, token, secret(),
                    waitUntil) == 1;
        }
        if (won) {
            LOG.info("Feed #{}: subscribing to {} at the WebSub hub {}", feedId, redact(topic), redact(hub));
            subscriptions.findByToken(token).ifPresent(row -> senders.execute(() -> send(row, "subscribe", 1)));
        }
    }

    /**
     * Sends hub.mode (subscribe or unsubscribe) for the row, the attempt-th request since its last verification; a
     * failure is written to the row. Unsubscribing gives up by forgetting the row: its lease ends anyway. A subscribe
     * of a subscription the hub verified before is a renewal: it asks for a new callback and secret (WebSub 5.1.1),
     * which replace the old ones once verified; until then pushes keep coming to the old callback.
     */
    void send(SubscriptionRow row, String mode, int attempt) {
        String token = row.token();
        String secret = row.secret();
        if (mode.equals("subscribe") && row.leaseUntil() != null) {
            token = token();
            secret = secret();
            subscriptions.startRenewal(row.id(), token, secret);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("hub.mode", mode);
        form.put("hub.topic", row.topic());
        form.put("hub.callback", callback(token));
        if (mode.equals("subscribe")) {
            form.put("hub.lease_seconds", Long.toString(config.leaseRequest().toSeconds()));
            // Sent over HTTP too (WebSub 5.1 says SHOULD only over HTTPS): the capability URL travels the same way,
            // so leaving the secret out would protect nothing, while a signature still stops forged bodies.
            form.put("hub.secret", secret);
        }
        Optional<String> error = hubs.post(row.hub(), form);
        if (error.isEmpty()) {
            return;
        }
        boolean last = attempt >= config.subscriptionMaxAttempts();
        LOG.warn("Feed #{}: the WebSub {} request for {} failed ({}); {}", row.feedId(), mode, redact(row.topic()),
                error.get(), last ? "no more tries" : "trying again later");
        if (last && mode.equals("unsubscribe")) {
            subscriptions.deleteById(row.id());
            return;
        }
        LocalDateTime retryAt = last ? null
                : UtcTimes.toColumn(clock.instant().plus(config.retryWait(attempt + 1)));
        subscriptions.fail(row.id(), mode.equals("unsubscribe") ? SubscriptionState.UNSUBSCRIBING
                : SubscriptionState.FAILED, error.get(), retryAt);
    }

    String callback(String token) {
        return SubscribeConfig.baseUrl(publicUrl) + "/websub/callback/" + token;
    }

    /** 32 random bytes, URL-safe: the capability part of the callback URL. */
    private static String token() {
        return RandomTokens.urlSafe(32);
    }

    /** 32 random bytes as 64 hex characters: well under the 200 bytes hub.secret may have. */
    private static String secret() {
        return RandomTokens.hex(32);
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }
}
