package tributary.poll;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How feeds are polled (tributary.poll.*): the default interval of a feed that names none, the worker pool size,
 * how often the scheduler looks for due feeds, how long a claimed feed stays reserved for its poll (longer than a
 * poll can take: fetch deadline plus storing; a crashed instance's feeds wait at most this long), the longest
 * back-off, the jitter (a fraction: 0.1 spreads each next poll over ±10 %) that keeps feeds out of lock-step, and how
 * long a stopping service waits for polls in flight before abandoning them.
 */
@ConfigurationProperties("tributary.poll")
public record PollConfig(
        @Bindable(defaultValue = "15m") Duration defaultInterval,
        @Bindable(defaultValue = "8") int workers,
        @Bindable(defaultValue = "5s") Duration tick,
        @Bindable(defaultValue = "2m") Duration lease,
        @Bindable(defaultValue = "true") boolean schedulerEnabled,
        @Bindable(defaultValue = "24h") Duration maxBackoff,
        @Bindable(defaultValue = "0.1") double jitter,
        @Bindable(defaultValue = "20s") Duration shutdownGrace) {
}
