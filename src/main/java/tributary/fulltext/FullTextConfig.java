package tributary.fulltext;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How full-text feeds' article pages are fetched (tributary.fulltext.*): pages fetched at once by this instance, how
 * long a new item waits for its article before it is published with the feed's summary, how many fetches a failing
 * page gets, the wait before the first retry (doubling after each further failure), how long a claimed fetch stays
 * reserved (longer than a fetch can take, tributary.fetch.deadline), how often the queue looks for due fetches and
 * expired waits, and whether it does so by itself (false: only when asked, as tests do).
 */
@ConfigurationProperties("tributary.fulltext")
public record FullTextConfig(
        @Bindable(defaultValue = "2") int workers,
        // A record component may not be called wait (Object.wait): the key keeps its documented name through @Value.
        @Value("${tributary.fulltext.wait:60s}") Duration articleWait,
        @Bindable(defaultValue = "3") int maxAttempts,
        @Bindable(defaultValue = "10m") Duration retryDelay,
        @Bindable(defaultValue = "2m") Duration lease,
        @Bindable(defaultValue = "5s") Duration tick,
        @Bindable(defaultValue = "true") boolean schedulerEnabled) {

    /** When a page that failed for the attempts-th time is tried again; null once attempts reach max-attempts. */
    Duration retryAfter(int attempts) {
        if (attempts >= maxAttempts) {
            return null;
        }
        return retryDelay.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
    }
}
