package tributary.poll;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import tributary.normalize.PublisherSchedule;
import tributary.store.FeedRow;

/**
 * Decides when a feed is polled next: after a success, its interval or the publisher's longer floor (ttl,
 * sy:update*, Cache-Control max-age), outside its skipHours/skipDays; after failures, a capped exponential back-off;
 * after a 429/503, never before Retry-After. Every wait is spread by the configured jitter.
 */
@Singleton
public class PollIntervalCalculator {

    static final Duration FLOOR = Duration.ofMinutes(1);
    /** A publisher asking for more than a day (max-age of a year, weekly sy:) is still polled daily. */
    static final Duration MAX_PUBLISHER_FLOOR = Duration.ofDays(1);
    /** A Retry-After further away than this is read as "a long time", not as "never". */
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(7);

    private final PollConfig config;
    private final DoubleSupplier random;
    private final PushedFeeds pushed;

    @Inject
    public PollIntervalCalculator(PollConfig config, PushedFeeds pushed) {
        this(config, () -> ThreadLocalRandom.current().nextDouble(), pushed);
    }

    /** random answers in [0, 1); tests pass a fixed one. */
    PollIntervalCalculator(PollConfig config, DoubleSupplier random) {
        this(config, random, feed -> null);
    }

    PollIntervalCalculator(PollConfig config, DoubleSupplier random, PushedFeeds pushed) {
        this.config = config;
        this.random = random;
        this.pushed = pushed;
    }

    /** The feed's own interval, or the configured default; never under one minute. */
    public Duration interval(FeedRow feed) {
        Duration interval = feed.intervalSeconds() != null
                ? Duration.ofSeconds(feed.intervalSeconds()) : config.defaultInterval();
        return interval.compareTo(FLOOR) < 0 ? FLOOR : interval;
    }

    /** maxAge is the answer's Cache-Control max-age (null when none); a feed a hub pushes waits its longer interval. */
    Instant afterSuccess(FeedRow feed, PublisherSchedule publisher, Duration maxAge, Instant now) {
        Duration interval = longest(interval(feed), pushed.intervalWhilePushed(feed));
        Duration floor = longest(publisher.floor(), maxAge);
        if (floor != null && floor.compareTo(MAX_PUBLISHER_FLOOR) > 0) {
            floor = MAX_PUBLISHER_FLOOR;
        }
        Instant next;
        if (floor != null && floor.compareTo(interval) > 0) {
            // The publisher asked for at least this long: spread upward only.
            next = now.plus(scale(floor, 1 + config.jitter() * random.getAsDouble()));
        } else {
            next = now.plus(jittered(interval));
        }
        return outsideSkipped(next, publisher);
    }

    /** failures counts this one: the first failure waits one interval, then 2, 4, … intervals, at most maxBackoff. */
    Instant afterFailure(FeedRow feed, int failures, Instant now) {
        Duration cap = config.maxBackoff();
        Duration wait = interval(feed);
        for (int i = 1; i < failures && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        wait = jittered(wait.compareTo(cap) > 0 ? cap : wait);
        if (wait.compareTo(cap) > 0) {
            // Spread downward from the cap, so feeds failing for days do not all retry on the same minute.
            wait = scale(cap, 1 - config.jitter() * random.getAsDouble());
        }
        return now.plus(wait);
    }

    /** retryAt is the instant the server's Retry-After names (null when it named none): nothing goes before it. */
    Instant afterRateLimit(FeedRow feed, int failures, Instant retryAt, Instant now) {
        Instant backoff = afterFailure(feed, failures, now);
        if (retryAt == null) {
            return backoff;
        }
        Instant latest = now.plus(MAX_RETRY_AFTER);
        Instant asked = retryAt.isAfter(latest) ? latest : retryAt;
        return asked.isAfter(backoff) ? asked : backoff;
    }

    /** Moves a poll out of the publisher's skipHours and skipDays (GMT) to the start of the next allowed hour. */
    static Instant outsideSkipped(Instant next, PublisherSchedule publisher) {
        if (publisher.skipHours().isEmpty() && publisher.skipDays().isEmpty()) {
            return next;
        }
        ZonedDateTime at = next.atZone(ZoneOffset.UTC);
        for (int i = 0; i < 24 * 8; i++) {
            if (!publisher.skipHours().contains(at.getHour()) && !publisher.skipDays().contains(at.getDayOfWeek())) {
                return i == 0 ? next : at.toInstant();
            }
            at = at.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        }
        return next;
    }

    private Duration jittered(Duration base) {
        return scale(base, 1 + config.jitter() * (2 * random.getAsDouble() - 1));
    }

    private static Duration scale(Duration base, double factor) {
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }

    private static Duration longest(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
