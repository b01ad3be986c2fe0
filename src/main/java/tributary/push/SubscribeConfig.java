package tributary.push;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import tributary.publish.PublicUrlConfig;

/**
 * Our subscriptions to the WebSub hubs sources name (tributary.websub.*, the subscriber's keys; the hub of our own
 * outputs has its own record): whether to subscribe (unset: when tributary.public-base-url is set, since a hub can
 * only call back a public URL), the lease to ask for, when to renew (a fraction of the granted lease), how often a
 * feed a hub pushes is still polled, how long to wait for a hub's verification, how requests are retried (the delay
 * doubles per attempt up to subscription-max-retry-delay, subscription-max-attempts in all), and how often
 * subscriptions are looked at. Their keys start with subscription- where the hub's record has the same word.
 */
@ConfigurationProperties("tributary.websub")
public record SubscribeConfig(
        @Nullable Boolean subscribe,
        @Bindable(defaultValue = "7d") Duration leaseRequest,
        @Bindable(defaultValue = "0.8") double renewAt,
        @Bindable(defaultValue = "1h") Duration pollIntervalWhileSubscribed,
        @Bindable(defaultValue = "10m") Duration subscriptionVerifyTimeout,
        @Bindable(defaultValue = "5m") Duration subscriptionRetryDelay,
        @Bindable(defaultValue = "6h") Duration subscriptionMaxRetryDelay,
        @Bindable(defaultValue = "8") int subscriptionMaxAttempts,
        @Bindable(defaultValue = "1m") Duration checkEvery) {

    /** Whether to subscribe: the setting when given, else whether a public base URL is set. */
    public boolean enabled(PublicUrlConfig publicUrl) {
        return baseUrl(publicUrl) != null && (subscribe == null || subscribe);
    }

    /** The public base URL without a trailing slash, null when unset. */
    static String baseUrl(PublicUrlConfig publicUrl) {
        String base = publicUrl.publicBaseUrl();
        if (base == null || base.isBlank()) {
            return null;
        }
        base = base.strip();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The wait before the given attempt (2 = the first retry): the retry delay doubled per retry, at most its maximum. */
    Duration retryWait(int attempt) {
        Duration wait = subscriptionRetryDelay;
        for (int i = 2; i < attempt && wait.compareTo(subscriptionMaxRetryDelay) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(subscriptionMaxRetryDelay) > 0 ? subscriptionMaxRetryDelay : wait;
    }
}
