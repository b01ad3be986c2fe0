package tributary.push;

import static tributary.normalize.FeedUrlRedactor.redact;

import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.common.HubSignature;
import tributary.fetch.FetchConfig;
import tributary.ingest.FeedIngester;
import tributary.ingest.IngestResult;
import tributary.parse.FeedParseException;
import tributary.store.FeedRepository;
import tributary.store.FeedRow;
import tributary.store.SubscriptionRepository;
import tributary.store.SubscriptionRow;

/**
 * Takes a hub's content distribution (WebSub 7) for the subscription a callback token names: capped like a fetched
 * body, signature checked with the subscription's secret (8: a missing or wrong one is received and ignored), then
 * ingested at once through the one ingester, relative links read against the topic URL, as a document that came
 * without a fetch (the feed's polling state is left alone).
 */
@Singleton
class PushReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(PushReceiver.class);

    /** What became of a push, and whether the callback is still ours (else the hub is told 404/410). */
    enum Result { INGESTED, IGNORED, UNKNOWN, GONE, TOO_LARGE }

    private final SubscriptionRepository subscriptions;
    private final FeedRepository feeds;
    private final FeedIngester ingester;
    private final FetchConfig fetch;
    private final PushMetrics metrics;
    private final Clock clock;

    PushReceiver(SubscriptionRepository subscriptions, FeedRepository feeds, FeedIngester ingester, FetchConfig fetch,
                 PushMetrics metrics, Clock clock) {
        this.subscriptions = subscriptions;
        this.feeds = feeds;
        this.ingester = ingester;
        this.fetch = fetch;
        this.metrics = metrics;
        this.clock = clock;
    }

    Result receive(String token, byte[] body, String contentType, String signature) {
        Optional<SubscriptionRow> subscription = subscriptions.findByToken(token);
        if (subscription.isEmpty()) {
            metrics.received(PushMetrics.Outcome.UNKNOWN);
            return Result.UNKNOWN;
        }
        SubscriptionRow row = subscription.get();
        if (body.length > fetch.maxBodyBytes()) {
            metrics.received(PushMetrics.Outcome.TOO_LARGE);
            LOG.warn("Feed #{}: a WebSub push of {} bytes refused (tributary.fetch.max-body-bytes is {})",
                    row.feedId(), body.length, fetch.maxBodyBytes());
            return Result.TOO_LARGE;
        }
        if (!HubSignature.valid(signature, body, row.secret())) {
            metrics.received(PushMetrics.Outcome.BAD_SIGNATURE);
            LOG.warn("Feed #{}: a WebSub push {} signature ignored", row.feedId(),
                    signature == null ? "without a" : "with a wrong");
            return Result.IGNORED;
        }
        Optional<FeedRow> feed = feeds.findById(row.feedId());
        if (feed.isEmpty() || feed.get().deletedAt() != null || !feed.get().enabled()) {
            metrics.received(PushMetrics.Outcome.UNKNOWN);
            return Result.GONE;
        }
        try {
            IngestResult result = ingester.ingest(feed.get(), body, contentType, URI.create(row.topic()),
                    clock.instant(), null);
            metrics.received(PushMetrics.Outcome.INGESTED);
            LOG.debug("Feed #{} {}: pushed by its hub, {} new and {} updated items", row.feedId(),
                    redact(feed.get().url()), result.inserted(), result.updated());
            return Result.INGESTED;
        } catch (FeedParseException e) {
            metrics.received(PushMetrics.Outcome.PARSE_ERROR);
            LOG.warn("Feed #{} {}: a WebSub push is not a feed we can read: {}", row.feedId(),
                    redact(feed.get().url()), e.getMessage());
            return Result.IGNORED;
        }
    }
}
