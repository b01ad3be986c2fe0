package tributary.push;

import jakarta.inject.Singleton;
import java.time.Duration;
import tributary.poll.PushedFeeds;
import tributary.publish.PublicUrlConfig;
import tributary.store.FeedRow;
import tributary.store.SubscriptionRepository;
import tributary.store.SubscriptionState;

/** A feed with an active subscription is polled every tributary.websub.poll-interval-while-subscribed at most. */
@Singleton
class SubscribedPollInterval implements PushedFeeds {

    private final SubscriptionRepository subscriptions;
    private final SubscribeConfig config;
    private final PublicUrlConfig publicUrl;

    SubscribedPollInterval(SubscriptionRepository subscriptions, SubscribeConfig config, PublicUrlConfig publicUrl) {
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
        return subscriptions.existsByFeedIdAndState(feed.id(), SubscriptionState.ACTIVE.column())
                ? config.pollIntervalWhileSubscribed() : null;
    }
}
