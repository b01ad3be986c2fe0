package tributary.ingest;

import static tributary.normalize.FeedUrlRedactor.redact;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Singleton;
import java.net.URI;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.fulltext.ArticleQueue;
import tributary.fulltext.FullTextConfig;
import tributary.match.MatchText;
import tributary.match.Query;
import tributary.match.RuleCache;
import tributary.match.RuleList;
import tributary.normalize.FeedNormalizer;
import tributary.normalize.NormalizedFeed;
import tributary.normalize.NormalizedItem;
import tributary.parse.FeedParseException;
import tributary.parse.FeedParser;
import tributary.parse.ParsedFeed;
import tributary.store.Conflicts;
import tributary.store.ContentChangedEvent;
import tributary.store.FeedRepository;
import tributary.store.FeedRow;
import tributary.store.FeedSettings;
import tributary.store.ItemTexts;
import tributary.store.ItemSightings;
import tributary.store.ItemStore;
import tributary.store.LeftOutItems;
import tributary.store.LeftOutItems.LeftOut;
import tributary.store.UpsertResult;
import tributary.store.UtcTimes;

/**
 * The one way in for feed documents, whatever brought them (a poll, a push, a re-import): parse → normalize (items
 * and the feed's own metadata) → one store transaction → change event. The transaction holds the items, their
 * sighting and the feed's row, so a crash leaves all or none of them. What only a fetch knows (status, validators,
 * body hash, next poll time) comes in as {@link FetchFacts}, null for a document that came without a fetch; the next
 * poll time is the caller's rule applied to the publisher schedule this document declares, since only parsing
 * reveals it. Without FetchFacts the row's polling state (validators, health, next poll) is left as it was. New items
 * of a full-text feed are stored with their article pending, held back for tributary.fulltext.wait, in the same
 * transaction; the article queue is then woken to fetch their pages.
 */
@Singleton
public class FeedIngester {

    private static final Logger LOG = LoggerFactory.getLogger(FeedIngester.class);

    /**
     * Read committed: the sighting's UPDATE … JOIN item would otherwise take next-key locks whose gaps cover the
     * insertion points of neighbouring feeds' items, and concurrent polls of adjacent feeds deadlocked on them.
     */
    private static final TransactionDefinition STORE = storeDefinition();

    private final FeedParser parser;
    private final FeedNormalizer normalizer;
    private final ItemStore items;
    private final ItemSightings sightings;
    private final FeedRepository feeds;
    private final TransactionOperations<Connection> tx;
    private final ApplicationEventPublisher<ContentChangedEvent> events;
    private final IngestMetrics metrics;
    private final FullTextConfig fullText;
    private final ArticleQueue articles;
    private final RuleCache rules;
    private final LeftOutItems leftOut;
    private final Conflicts conflicts;

    public FeedIngester(FeedParser parser, FeedNormalizer normalizer, ItemStore items, ItemSightings sightings,
                        FeedRepository feeds, TransactionOperations<Connection> tx,
                        ApplicationEventPublisher<ContentChangedEvent> events, IngestMetrics metrics,
                        FullTextConfig fullText, ArticleQueue articles, RuleCache rules, LeftOutItems leftOut,
                        Conflicts conflicts) {
        this.conflicts = conflicts;
        this.parser = parser;
        this.normalizer = normalizer;
        this.items = items;
        this.sightings = sightings;
        this.feeds = feeds;
        this.tx = tx;
        this.events = events;
        this.metrics = metrics;
        this.fullText = fullText;
        this.articles = articles;
        this.rules = rules;
        this.leftOut = leftOut;
    }

    private static TransactionDefinition storeDefinition() {
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setIsolationLevel(TransactionDefinition.Isolation.READ_COMMITTED);
        definition.setName("ingest");
        return definition;
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
        FilteredItems filtered = filter(feed, document.items());
        // A deadlock, or on Galera a commit that lost certification, undid all of it: run again, nothing is stored twice.
        UpsertResult stored = conflicts.retry("ingest", () -> tx.execute(STORE, status -> {
            Instant holdUntil = feed.fullText() ? receivedAt.plus(fullText.articleWait()) : null;
            UpsertResult upserted = items.upsert(feed.id(), filtered.taken(), receivedAt, holdUntil, filtered.texts());
            leftOut.record(feed.id(), filtered.leftOut(), receivedAt);
            sightings.markSeen(feed.id(), document.identities(), receivedAt);
            boolean changed = upserted.inserted() + upserted.updated() > 0;
            if (fetch == null) {
                feeds.recordDocument(feed.id(), document, changed);
            } else {
                feeds.recordSuccess(feed.id(), document, fetch.etag(), fetch.lastModified(), fetch.bodyHash(),
                        fetch.status(), UtcTimes.toColumn(receivedAt),
                        UtcTimes.toColumn(fetch.nextPoll().apply(document.publisher())), changed);
                if (fetch.stored() != null) {
                    fetch.stored().accept(upserted.inserted());
                }
            }
            return upserted;
        }));
        if (stored.queued() > 0) {
            articles.wake();
        }
        IngestResult result = new IngestResult(document.items().size(), stored.inserted(), stored.updated(),
                parsed.links(), filtered.leftOut().size());
        if (result.changed()) {
            events.publishEvent(new ContentChangedEvent(feed.id()));
            metrics.items(feed.id(), result.inserted(), result.updated());
        }
        LOG.debug("Feed #{} {}: {} items, {} new, {} updated, {} left out by its rules", feed.id(),
                redact(feed.url()), result.seen(), result.inserted(), result.updated(), result.leftOut());
        return result;
    }

    /** The items to store, their search texts (read once for the rules and the index), and those the rules left out. */
    private record FilteredItems(List<NormalizedItem> taken, Map<String, MatchText> texts, List<LeftOut> leftOut) {
    }

    /**
     * A feed's rules decide what is taken from it: an item matching a block rule is left out, and with keep rules
     * an item matching none of them. An item stored before a rule changed stays; it is no longer updated.
     */
    private FilteredItems filter(FeedRow feed, List<NormalizedItem> all) {
        FeedSettings.Filters filters = feed.filters();
        RuleList keep = rules.list(filters.keep());
        RuleList block = rules.list(filters.block());
        if (keep.isEmpty() && block.isEmpty()) {
            // No rules: the store reads the text of the items it writes, and most of a document's items are unchanged.
            return new FilteredItems(all, Map.of(), List.of());
        }
        List<NormalizedItem> taken = new ArrayList<>(all.size());
        Map<String, MatchText> texts = new HashMap<>();
        List<LeftOut> out = new ArrayList<>();
        for (NormalizedItem item : all) {
            MatchText text = ItemTexts.of(item);
            Optional<Query> blocked = block.firstMatch(text);
            if (blocked.isPresent()) {
                out.add(new LeftOut(item.identityHash(), LeftOutItems.Kind.BLOCK, blocked.get().text(),
                        item.title(), item.url()));
            } else if (!keep.isEmpty() && keep.firstMatch(text).isEmpty()) {
                out.add(new LeftOut(item.identityHash(), LeftOutItems.Kind.KEEP, null, item.title(), item.url()));
            } else {
                taken.add(item);
                texts.put(item.identityHash(), text);
            }
        }
        return new FilteredItems(taken, texts, out);
    }
}
