package tributary.push;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import tributary.poll.PushedFeeds;
import tributary.publish.PublicUrlConfig;
import tributary.store.FeedRow;
import tributary.store.SubscriptionRepository;
import tributary.store.UtcTimes;

/** A feed with an active, unexpired subscription is polled every poll-interval-while-subscribed at most. */
@Singleton
class SubscribedPollInterval implements PushedFeeds {

    private final SubscriptionRepository subscriptions;
    private final SubscribeConfig config;
    private final PublicUrlConfig publicUrl;
    private final Clock clock;

    SubscribedPollInterval(SubscriptionRepository subscriptions, SubscribeConfig config, PublicUrlConfig publicUrl,
                           Clock clock) {
        this.clock = clock;
        this.subscriptions = subscriptions;
        this.config = config;
        this.publicUrl = publicUrl;
    }

    @Override
    public Duration intervalWhilePushed(FeedRow feed) {
        // Without subscribing there is nothing to look up: polling costs no extra query then.
        if (feed.id() == null || !config.enabled(publicUrl)) {
            return null;
        }
        // A lease that ended unrenewed (every instance down, say) no longer counts: the feed is polled as before.
        return subscriptions.isPushed(feed.id(), UtcTimes.toColumn(clock.instant()))
                ? config.pollIntervalWhileSubscribed() : null;
    }
}
