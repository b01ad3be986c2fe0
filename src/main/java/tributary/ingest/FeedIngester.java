package tributary.ingest;

import static tributary.normalize.FeedUrlRedactor.redact;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.net.URI;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.normalize.FeedNormalizer;
import tributary.normalize.NormalizedFeed;
import tributary.parse.FeedParseException;
import tributary.parse.FeedParser;
import tributary.parse.ParsedFeed;
import tributary.store.ContentChangedEvent;
import tributary.store.FeedRepository;
import tributary.store.FeedRow;
import tributary.store.ItemSightings;
import tributary.store.ItemStore;
import tributary.store.UpsertResult;
import tributary.store.UtcTimes;

/**
 * The one way in for feed documents, whatever brought them (a poll, a push, a re-import): parse → normalize (items
 * and the feed's own metadata) → one store transaction → change event. The transaction holds the items, their
 * sighting and the feed's row, so a crash leaves all or none of them. What only a fetch knows (status, validators,
 * body hash, next poll time) comes in as {@link FetchFacts}, null for a document that came without a fetch; the next
 * poll time is the caller's rule applied to the publisher schedule this document declares, since only parsing
 * reveals it. Without FetchFacts the row's polling state (validators, health, next poll) is left as it was.
 */
@Singleton
public class FeedIngester {

    private static final Logger LOG = LoggerFactory.getLogger(FeedIngester.class);

    private final FeedParser parser;
    private final FeedNormalizer normalizer;
    private final ItemStore items;
    private final ItemSightings sightings;
    private final FeedRepository feeds;
    private final TransactionOperations<Connection> tx;
    private final ApplicationEventPublisher<ContentChangedEvent> events;
    private final IngestMetrics metrics;

    public FeedIngester(FeedParser parser, FeedNormalizer normalizer, ItemStore items, ItemSightings sightings,
                        FeedRepository feeds, TransactionOperations<Connection> tx,
                        ApplicationEventPublisher<ContentChangedEvent> events, IngestMetrics metrics) {
        this.parser = parser;
        this.normalizer = normalizer;
        this.items = items;
        this.sightings = sightings;
        this.feeds = feeds;
        this.tx = tx;
        this.events = events;
        this.metrics = metrics;
    }

    /**
     * Stores one document of the feed and says what changed.
     *
     * @param contentType the Content-Type it came with (null when unknown): with the XML prolog it decides the charset
     * @param base        what relative links resolve against: where the document came from
     * @param receivedAt  when it arrived: the time of its items' sighting and of the feed's success
     * @param fetch       what the fetch that brought it knows; null for a push or a re-import
     * @throws FeedParseException when the document is not a feed the parser can read; nothing is stored then
     */
    public IngestResult ingest(FeedRow feed, byte[] body, @Nullable String contentType, @Nullable URI base,
                               Instant receivedAt, @Nullable FetchFacts fetch) throws FeedParseException {
        ParsedFeed parsed = parser.parse(body, contentType);
        if (parsed.itemsInDocument() > parsed.items().size()) {
            LOG.warn("Feed #{} {}: {} items in one document, only the first {} are taken (tributary.fetch.max-items)",
                    feed.id(), redact(feed.url()), parsed.itemsInDocument(), parsed.items().size());
        }
        ZoneId zone = feed.zone() == null ? null : ZoneId.of(feed.zone());
        NormalizedFeed document = normalizer.normalize(parsed, feed.id(), base, zone, receivedAt);
        UpsertResult stored = tx.executeWrite(status -> {
            UpsertResult upserted = items.upsert(feed.id(), document.items(), receivedAt);
            sightings.markSeen(feed.id(), document.identities(), receivedAt);
            boolean changed = upserted.inserted() + upserted.updated() > 0;
            if (fetch == null) {
                feeds.recordDocument(feed.id(), document, changed);
            } else {
                feeds.recordSuccess(feed.id(), document, fetch.etag(), fetch.lastModified(), fetch.bodyHash(),
                        fetch.status(), UtcTimes.toColumn(receivedAt),
                        UtcTimes.toColumn(fetch.nextPoll().apply(document.publisher())), changed);
            }
            return upserted;
        });
        IngestResult result = new IngestResult(document.items().size(), stored.inserted(), stored.updated(),
                parsed.links());
        if (result.changed()) {
            events.publishEvent(new ContentChangedEvent(feed.id()));
            metrics.items(feed.id(), result.inserted(), result.updated());
        }
        LOG.debug("Feed #{} {}: {} items, {} new, {} updated", feed.id(), redact(feed.url()), result.seen(),
                result.inserted(), result.updated());
        return result;
    }
}
