package tributary.poll;

import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.fetch.FeedFetcher;
import tributary.fetch.FetchOutcome;
import tributary.fetch.FetchRequest;
import tributary.normalize.ItemNormalizer;
import tributary.normalize.NormalizedItem;
import tributary.normalize.TextCleaner;
import tributary.normalize.UrlCanonicalizer;
import tributary.parse.FeedParseException;
import tributary.parse.FeedParser;
import tributary.parse.ParsedFeed;
import tributary.parse.ParsedItem;
import tributary.store.Columns;
import tributary.store.FeedRepository;
import tributary.store.FeedRow;
import tributary.store.ItemStore;
import tributary.store.UpsertResult;
import tributary.store.UtcTimes;

/** Polls one feed through fetch → parse → normalize → store, and records the outcome on the feed's row. */
@Singleton
public class FeedPoller {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);

    private final FeedFetcher fetcher;
    private final FeedParser parser;
    private final ItemNormalizer normalizer;
    private final ItemStore items;
    private final FeedRepository feeds;
    private final PollIntervalCalculator intervals;
    private final Clock clock;

    public FeedPoller(FeedFetcher fetcher, FeedParser parser, ItemNormalizer normalizer, ItemStore items,
                      FeedRepository feeds, PollIntervalCalculator intervals, Clock clock) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.normalizer = normalizer;
        this.items = items;
        this.feeds = feeds;
        this.intervals = intervals;
        this.clock = clock;
    }

    /** Never throws: whatever goes wrong becomes the feed's recorded error and a FAILED outcome. */
    public PollOutcome poll(FeedRow feed) {
        Instant now = clock.instant();
        try {
            FetchOutcome fetched = fetcher.fetch(new FetchRequest(URI.create(feed.url()), feed.etag(), feed.lastModified()));
            if (fetched instanceof FetchOutcome.Fetched document) {
                return store(feed, document, now);
            }
            if (fetched instanceof FetchOutcome.NotModified) {
                feeds.recordNotModified(feed.id(), UtcTimes.toColumn(now),
                        UtcTimes.toColumn(intervals.afterSuccess(feed, now)));
                LOG.debug("Feed #{} {} not modified", feed.id(), feed.url());
                return new PollOutcome(feed.id(), feed.url(), PollOutcome.Result.NOT_MODIFIED, 0, 0, null);
            }
            if (fetched instanceof FetchOutcome.RateLimited limited) {
                int failures = feed.consecutiveFailures() + 1;
                String message = "the server answered HTTP " + limited.status() + " (slow down)"
                        + (limited.retryAfter() == null ? "" : ", Retry-After " + limited.retryAfter().toSeconds() + " s");
                return fail(feed, limited.status(), message, intervals.afterRateLimit(feed, failures,
                        limited.retryAfter(), now), PollOutcome.Result.RATE_LIMITED, now);
            }
            if (fetched instanceof FetchOutcome.Gone gone) {
                return fail(feed, 410, gone.reason(), intervals.afterFailure(feed, feed.consecutiveFailures() + 1, now),
                        PollOutcome.Result.GONE, now);
            }
            FetchOutcome.Failed failed = (FetchOutcome.Failed) fetched;
            return fail(feed, failed.status(), failed.reason(),
                    intervals.afterFailure(feed, feed.consecutiveFailures() + 1, now), PollOutcome.Result.FAILED, now);
        } catch (RuntimeException e) {
            // A bug or a database hiccup for this feed must not stop the others: record it and go on.
            LOG.error("Feed #{} {}: poll failed unexpectedly", feed.id(), feed.url(), e);
            return fail(feed, null, "internal error: " + e, intervals.afterFailure(feed,
                    feed.consecutiveFailures() + 1, now), PollOutcome.Result.FAILED, now);
        }
    }

    private PollOutcome store(FeedRow feed, FetchOutcome.Fetched document, Instant now) {
        ParsedFeed parsed;
        try {
            parsed = parser.parse(document.body(), document.contentType());
        } catch (FeedParseException e) {
            return fail(feed, document.status(), e.getMessage(),
                    intervals.afterFailure(feed, feed.consecutiveFailures() + 1, now), PollOutcome.Result.FAILED, now);
        }
        List<NormalizedItem> normalized = new ArrayList<>(parsed.items().size());
        for (ParsedItem item : parsed.items()) {
            normalized.add(normalizer.normalize(item, feed.id(), document.finalUrl(), parsed.language(), now));
        }
        UpsertResult result = items.upsert(feed.id(), normalized, now);
        feeds.recordSuccess(feed.id(),
                Columns.fit(TextCleaner.plainLine(parsed.title()), 500),
                Columns.fit(UrlCanonicalizer.resolve(parsed.siteUrl(), document.finalUrl()), 2048),
                Columns.fit(TextCleaner.plainLine(parsed.description()), 2000),
                Columns.fit(TextCleaner.plainLine(parsed.language()), 35),
                Columns.fit(document.etag(), 500), Columns.fit(document.lastModified(), 100), document.status(),
                UtcTimes.toColumn(now), UtcTimes.toColumn(intervals.afterSuccess(feed, now)));
        LOG.debug("Feed #{} {}: {} items, {} new, {} updated", feed.id(), feed.url(), normalized.size(),
                result.inserted(), result.updated());
        return new PollOutcome(feed.id(), feed.url(), PollOutcome.Result.UPDATED, result.inserted(), result.updated(),
                null);
    }

    private PollOutcome fail(FeedRow feed, Integer status, String message, Instant next, PollOutcome.Result result,
                             Instant now) {
        LOG.warn("Feed #{} {}: {} (next try {})", feed.id(), feed.url(), message, next);
        try {
            feeds.recordFailure(feed.id(), status, Columns.fit(message, 2000), UtcTimes.toColumn(now),
                    UtcTimes.toColumn(next));
        } catch (RuntimeException e) {
            LOG.error("Feed #{} {}: cannot record its failure: {}", feed.id(), feed.url(), e.getMessage());
        }
        return new PollOutcome(feed.id(), feed.url(), result, 0, 0, message);
    }
}
