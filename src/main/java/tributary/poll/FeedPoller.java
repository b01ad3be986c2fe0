package tributary.poll;

import static tributary.normalize.FeedUrlRedactor.redact;
import static tributary.normalize.FeedUrlRedactor.redactIn;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.common.Causes;
import tributary.fetch.FeedFetcher;
import tributary.fetch.FetchOutcome;
import tributary.fetch.FetchRequest;
import tributary.ingest.FeedIngester;
import tributary.ingest.FetchFacts;
import tributary.ingest.IngestResult;
import tributary.normalize.PublisherSchedule;
import tributary.parse.FeedParseException;
import tributary.store.FeedRepository;
import tributary.store.FeedRow;
import tributary.store.PollHistory;
import tributary.store.UtcTimes;

/** Polls one feed: fetch → ingest (a new document) → schedule, recording every other outcome on the feed's row. */
@Singleton
public class FeedPoller {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);

    private final FeedFetcher fetcher;
    private final FeedIngester ingester;
    private final FeedRepository feeds;
    private final PollIntervalCalculator intervals;
    private final Clock clock;
    private final PollMetrics metrics;
    private final ApplicationEventPublisher<FeedLinksFound> links;
    private final PollHistory history;

    public FeedPoller(FeedFetcher fetcher, FeedIngester ingester, FeedRepository feeds,
                      PollIntervalCalculator intervals, Clock clock, PollMetrics metrics,
                      ApplicationEventPublisher<FeedLinksFound> links, PollHistory history) {
        this.links = links;
        this.history = history;
        this.fetcher = fetcher;
        this.ingester = ingester;
        this.feeds = feeds;
        this.intervals = intervals;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Never throws: whatever goes wrong becomes the feed's recorded error and a FAILED outcome. */
    public PollOutcome poll(FeedRow feed) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        try {
            URI url;
            try {
                url = URI.create(feed.url());
            } catch (IllegalArgumentException e) {
                return fail(feed, null, "the feed URL is not a valid URL: " + e.getMessage(), "invalid-url", now, started);
            }
            FetchOutcome fetched = fetcher.fetch(new FetchRequest(url, feed.etag(), feed.lastModified()));
            metrics.fetched(Duration.ofNanos(System.nanoTime() - started),
                    fetched instanceof FetchOutcome.Fetched document ? document.body().length : 0);
            if (fetched instanceof FetchOutcome.Fetched document) {
                trackRedirect(feed, document.permanentRedirect(), now);
                return ingested(feed, document, now, started);
            }
            if (fetched instanceof FetchOutcome.NotModified notModified) {
                trackRedirect(feed, notModified.permanentRedirect(), now);
                return notModified(feed, 304, notModified.maxAge(), now, started);
            }
            if (fetched instanceof FetchOutcome.RateLimited limited) {
                Instant retryAt = RetryAfter.until(limited.retryAfter(), now);
                String message = "the server answered HTTP " + limited.status() + " (slow down)"
                        + (retryAt == null ? "" : "; it asked for no request before " + retryAt);
                return fail(feed, limited.status(), message, intervals.afterRateLimit(feed,
                        feed.consecutiveFailures() + 1, retryAt, now), PollOutcome.Result.RATE_LIMITED,
                        "http-" + limited.status(), now, started);
            }
            if (fetched instanceof FetchOutcome.Gone gone) {
                LOG.warn("Feed #{} {}: {}; it is no longer polled until re-enabled", feed.id(), redact(feed.url()),
                        redactIn(gone.reason()));
                feeds.recordGone(feed.id(), gone.reason(), UtcTimes.toColumn(now));
                metrics.polled(PollOutcome.Result.GONE, "none");
                remember(feed, now, started, PollOutcome.Result.GONE, 410, 0, gone.reason());
                return new PollOutcome(feed.id(), feed.url(), PollOutcome.Result.GONE, 0, 0, gone.reason());
            }
            FetchOutcome.Failed failed = (FetchOutcome.Failed) fetched;
            return fail(feed, failed.status(), failed.reason(), fetchErrorClass(failed.status()), now, started);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // Thrown by this feed's document (a library recursing on its nesting, one huge allocation) and gone with
            // it: the feed's failure with back-off, not a re-fetch every tick. The JVM's -XX:+ExitOnOutOfMemoryError,
            // where set, ends the process before this; bounded parsing (ParseConfig) is what keeps memory in check.
            LOG.error("Feed #{} {}: poll failed with {}", feed.id(), redact(feed.url()), e.toString());
            return fail(feed, null, "internal error: " + e, "internal", now, started);
        } catch (Exception e) {
            // A bug or a database hiccup for this feed must not stop the others: record it and go on. Exception, not
            // RuntimeException: transaction callbacks rethrow a driver's checked SQLException as it is.
            if (isDatabase(e)) {
                LOG.warn("Feed #{} {}: the database is unreachable ({}); the feed is polled again once it is back",
                        feed.id(), redact(feed.url()), redactIn(e.getMessage()));
                return fail(feed, null, "database unavailable: " + e.getMessage(), "database", now, started);
            }
            LOG.error("Feed #{} {}: poll failed unexpectedly", feed.id(), redact(feed.url()), redactIn(e));
            return fail(feed, null, "internal error: " + e, "internal", now, started);
        }
    }

    private PollOutcome ingested(FeedRow feed, FetchOutcome.Fetched document, Instant now, long started) {
        if (document.bodyHash().equals(feed.bodyHash())) {
            // A server without validators sent the very bytes we stored last time: nothing to parse or write.
            feeds.recordValidators(feed.id(), document.etag(), document.lastModified());
            return notModified(feed, document.status(), document.maxAge(), now, started);
        }
        FetchFacts fetch = new FetchFacts(document.status(), document.etag(), document.lastModified(),
                document.bodyHash(), publisher -> intervals.afterSuccess(feed, publisher, document.maxAge(), now),
                inserted -> history.record(feed.id(), now, PollOutcome.Result.UPDATED.label(), document.status(),
                        millisSince(started), inserted, null));
        IngestResult result;
        try {
            result = ingester.ingest(feed, document.body(), document.contentType(), document.base(), now, fetch);
        } catch (FeedParseException e) {
            return fail(feed, document.status(), e.getMessage(), "parse", now, started);
        }
        if (!document.links().isEmpty() || !result.links().hubs().isEmpty()) {
            links.publishEvent(new FeedLinksFound(feed, document.base(), document.links(), result.links()));
        }
        metrics.polled(PollOutcome.Result.UPDATED, "none");
        return new PollOutcome(feed.id(), feed.url(), PollOutcome.Result.UPDATED, result.inserted(), result.updated(),
                null);
    }

    private PollOutcome notModified(FeedRow feed, int status, Duration maxAge, Instant now, long started) {
        // The schedule the last stored document declared: a 304 still obeys it.
        PublisherSchedule publisher = PublisherSchedule.fromColumns(feed.publisherIntervalSeconds(), feed.skipHours(),
                feed.skipDays());
        Instant next = intervals.afterSuccess(feed, publisher, maxAge, now);
        feeds.recordNotModified(feed.id(), status, UtcTimes.toColumn(now), UtcTimes.toColumn(next));
        LOG.debug("Feed #{} {} not modified", feed.id(), redact(feed.url()));
        metrics.polled(PollOutcome.Result.NOT_MODIFIED, "none");
        remember(feed, now, started, PollOutcome.Result.NOT_MODIFIED, status, 0, null);
        return new PollOutcome(feed.id(), feed.url(), PollOutcome.Result.NOT_MODIFIED, 0, 0, null);
    }

    /** Rewrites the feed's URL once the same permanent redirect answered on successive polls. */
    private void trackRedirect(FeedRow feed, URI permanentRedirect, Instant now) {
        RedirectTracker.Decision decision = RedirectTracker.next(feed.redirectUrl(), feed.redirectCount(),
                permanentRedirect);
        if (decision.rewriteTo() != null) {
            if (decision.rewriteTo().length() > 2048) {
                LOG.warn("Feed #{} {}: permanent redirect to an overlong URL ignored", feed.id(), redact(feed.url()));
                feeds.recordRedirect(feed.id(), null, 0);
                return;
            }
            LOG.info("Feed #{} {}: moved permanently to {} (confirmed on {} polls); polling the new URL from now on",
                    feed.id(), redact(feed.url()), redact(decision.rewriteTo()), RedirectTracker.CONFIRMATIONS);
            feeds.rewriteUrl(feed.id(), decision.rewriteTo(), UtcTimes.toColumn(now));
        } else if (decision.redirectCount() != feed.redirectCount()
                || !Objects.equals(decision.redirectUrl(), feed.redirectUrl())) {
            feeds.recordRedirect(feed.id(), decision.redirectUrl(), decision.redirectCount());
        }
    }

    private PollOutcome fail(FeedRow feed, Integer status, String message, String errorClass, Instant now,
                             long started) {
        return fail(feed, status, message, intervals.afterFailure(feed, feed.consecutiveFailures() + 1, now),
                PollOutcome.Result.FAILED, errorClass, now, started);
    }

    private PollOutcome fail(FeedRow feed, Integer status, String message, Instant next, PollOutcome.Result result,
                             String errorClass, Instant now, long started) {
        metrics.polled(result, errorClass);
        LOG.warn("Feed #{} {}: {} (next try {})", feed.id(), redact(feed.url()), redactIn(message), next);
        try {
            feeds.recordFailure(feed.id(), status, message, UtcTimes.toColumn(now),
                    UtcTimes.toColumn(next));
            remember(feed, now, started, result, status, 0, message);
        } catch (RuntimeException e) {
            // The scheduler gives this claim back once the database answers again, so the feed is not lost.
            LOG.warn("Feed #{} {}: cannot record its failure ({}); it is polled again once the database is back",
                    feed.id(), redact(feed.url()), redactIn(e.getMessage()));
        }
        return new PollOutcome(feed.id(), feed.url(), result, 0, 0, message);
    }

    /**
     * The poll's history row, on its own after the row's update (a single INSERT); a poll that stored a document
     * writes it inside its ingest transaction instead. The history is for people: losing a row never fails a poll.
     */
    private void remember(FeedRow feed, Instant now, long started, PollOutcome.Result result, Integer status,
                          int inserted, String error) {
        try {
            history.record(feed.id(), now, result.label(), status, millisSince(started), inserted, error);
        } catch (RuntimeException e) {
            LOG.warn("Feed #{} {}: cannot record its poll in the history ({})", feed.id(), redact(feed.url()),
                    redactIn(e.getMessage()));
        }
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    /** network when no answer came, else the status family (http-4xx, http-5xx), bounded for metric labels. */
    private static String fetchErrorClass(Integer status) {
        if (status == null) {
            return "network";
        }
        return status >= 400 && status < 600 ? "http-" + status / 100 + "xx" : "http-other";
    }

    private static boolean isDatabase(Throwable e) {
        return Causes.any(e, t -> t instanceof SQLException || t instanceof DataAccessException
                || t.getClass().getName().startsWith("io.micronaut.transaction.exceptions"));
    }
}
