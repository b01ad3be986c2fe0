package tributary.poll;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import tributary.store.FeedRow;

/** Decides when a feed is polled next: its interval after a success, a capped exponential back-off after failures. */
@Singleton
public class PollIntervalCalculator {

    static final Duration FLOOR = Duration.ofMinutes(1);
    static final Duration MAX_BACKOFF = Duration.ofHours(24);

    private final PollConfig config;

    public PollIntervalCalculator(PollConfig config) {
        this.config = config;
    }

    /** The feed's own interval, or the configured default; never under one minute. */
    public Duration interval(FeedRow feed) {
        Duration interval = feed.intervalSeconds() != null
                ? Duration.ofSeconds(feed.intervalSeconds()) : config.defaultInterval();
        return interval.compareTo(FLOOR) < 0 ? FLOOR : interval;
    }

    public Instant afterSuccess(FeedRow feed, Instant now) {
        return now.plus(interval(feed));
    }

    /** failures counts this one: the first failure waits one interval, then 2, 4, … intervals, at most 24 h. */
    public Instant afterFailure(FeedRow feed, int failures, Instant now) {
        Duration wait = interval(feed);
        for (int i = 1; i < failures && wait.compareTo(MAX_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return now.plus(wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait);
    }

    /** A publisher's Retry-After wins over our back-off when it is longer. */
    public Instant afterRateLimit(FeedRow feed, int failures, Duration retryAfter, Instant now) {
        Instant backoff = afterFailure(feed, failures, now);
        if (retryAfter == null) {
            return backoff;
        }
        Instant asked = now.plus(retryAfter.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : retryAfter);
        return asked.isAfter(backoff) ? asked : backoff;
    }
}
