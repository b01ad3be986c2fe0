package tributary.hub;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The WebSub hub of our outputs (tributary.websub.*): whether it runs and is advertised (hub-enabled); the lease
 * given when a subscriber asks for none (lease-default) and the longest granted (lease-max); the limits a stranger
 * could otherwise grow (max-subscriptions in all, max-per-callback-host); timeouts of the verification GET and the
 * delivery POST; deliveries at once on this instance (delivery-threads) and requests waiting for them
 * (delivery-queue); how often the shared queue is looked at (queue-check-interval); the back-off after a failed
 * delivery (retry-first, doubling up to retry-max) and the attempts after which a delivery is given up.
 */
@ConfigurationProperties("tributary.websub")
public record HubConfig(@Bindable(defaultValue = "true") boolean hubEnabled,
                        @Bindable(defaultValue = "10d") Duration leaseDefault,
                        @Bindable(defaultValue = "30d") Duration leaseMax,
                        @Bindable(defaultValue = "10000") int maxSubscriptions,
                        @Bindable(defaultValue = "100") int maxPerCallbackHost,
                        @Bindable(defaultValue = "10s") Duration verifyTimeout,
                        @Bindable(defaultValue = "10s") Duration deliveryTimeout,
                        @Bindable(defaultValue = "2") int deliveryThreads,
                        @Bindable(defaultValue = "1000") int deliveryQueue,
                        @Bindable(defaultValue = "2s") Duration queueCheckInterval,
                        @Bindable(defaultValue = "1m") Duration retryFirst,
                        @Bindable(defaultValue = "1h") Duration retryMax,
                        @Bindable(defaultValue = "8") int maxAttempts) {

    /** The lease granted for a request: the default when none (or nonsense) is asked, at most lease-max. */
    public long leaseSeconds(Long asked) {
        long seconds = asked == null || asked <= 0 ? leaseDefault.toSeconds() : asked;
        return Math.min(seconds, leaseMax.toSeconds());
    }

    /** The wait before attempt number attempts + 1, after attempts failed ones: doubling from retry-first. */
    public Duration backOff(int attempts) {
        Duration wait = retryFirst.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
