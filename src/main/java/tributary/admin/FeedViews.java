package tributary.admin;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tributary.catalog.FeedSettingsForm;
import tributary.poll.PollIntervalCalculator;
import tributary.store.ArticleCounts;
import tributary.store.ArticleStore;
import tributary.store.CatalogReader;
import tributary.store.FeedRow;
import tributary.store.FeedSettings;
import tributary.store.UtcTimes;

/** Builds the admin views of feeds from their rows, settings and item counts. */
@Singleton
class FeedViews {

    private final CatalogReader catalog;
    private final PollIntervalCalculator intervals;
    private final Clock clock;
    private final ArticleStore articles;

    FeedViews(CatalogReader catalog, PollIntervalCalculator intervals, Clock clock, ArticleStore articles) {
        this.catalog = catalog;
        this.intervals = intervals;
        this.clock = clock;
        this.articles = articles;
    }

    List<FeedView> of(List<FeedRow> rows) {
        Map<Long, FeedSettings> settings = catalog.liveFeedSettings();
        Map<Long, Long> counts = catalog.itemCountsByFeed();
        Map<Long, ArticleCounts> fullText = articles.countsByFeed();
        return rows.stream().filter(r -> r.deletedAt() == null && settings.containsKey(r.id()))
                .map(r -> view(r, settings.get(r.id()), counts.getOrDefault(r.id(), 0L), fullText.get(r.id())))
                .toList();
    }

    FeedView of(FeedRow row) {
        return of(List.of(row)).get(0);
    }

    /** fullText: null for a feed none of whose items had an article to fetch, unless full text is on now. */
    private FeedView view(FeedRow r, FeedSettings settings, long items, ArticleCounts fullText) {
        ArticleCounts articles = fullText == null && settings.fullText().enabled() ? ArticleCounts.NONE : fullText;
        // A lapsed lease is a poll that died with its instance: nobody is polling the feed any more.
        Instant leaseUntil = UtcTimes.fromColumn(r.leaseUntil());
        boolean polling = r.leaseOwner() != null && leaseUntil != null && leaseUntil.isAfter(clock.instant());
        return new FeedView(r.id(), settings.url().toString(), r.displayTitle(), settings.title(), r.siteUrl(),
                settings.categories(), intervals.interval(r).toSeconds(), settings.enabled(), r.origin(),
                r.sourceLine(), items,
                new FeedView.Health(r.state(), UtcTimes.fromColumn(r.lastPolledAt()),
                        UtcTimes.fromColumn(r.lastSuccessAt()), r.lastStatus(), r.lastError(), r.consecutiveFailures(),
                        UtcTimes.fromColumn(r.nextPollAt()), polling ? r.leaseOwner() : null,
                        polling ? leaseUntil : null, articles == null ? null : articles.done(),
                        articles == null ? null : articles.failed(), articles == null ? null : articles.retrying(),
                        articles == null ? null : articles.pending()), settings.zone() == null ? null : settings.zone().getId(),
                FeedSettingsForm.write(settings));
    }
}
