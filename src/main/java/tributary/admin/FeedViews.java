package tributary.admin;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import tributary.poll.PollIntervalCalculator;
import tributary.store.CatalogReader;
import tributary.store.FeedRow;
import tributary.store.UtcTimes;

/** Builds the admin views of feeds from their rows, memberships and item counts. */
@Singleton
class FeedViews {

    private final CatalogReader catalog;
    private final PollIntervalCalculator intervals;

    FeedViews(CatalogReader catalog, PollIntervalCalculator intervals) {
        this.catalog = catalog;
        this.intervals = intervals;
    }

    List<FeedView> of(List<FeedRow> rows) {
        Map<Long, List<String>> slugs = catalog.slugsByFeed();
        Map<Long, Long> counts = catalog.itemCountsByFeed();
        return rows.stream().filter(r -> r.deletedAt() == null)
                .map(r -> view(r, slugs.getOrDefault(r.id(), List.of()), counts.getOrDefault(r.id(), 0L))).toList();
    }

    FeedView of(FeedRow row) {
        return of(List.of(row)).get(0);
    }

    private FeedView view(FeedRow r, List<String> slugs, long items) {
        return new FeedView(r.id(), r.url(), r.displayTitle(), r.titleOverride(), r.siteUrl(), slugs,
                intervals.interval(r).toSeconds(), r.enabled(), r.origin(), r.sourceLine(), items,
                new FeedView.Health(r.state(), UtcTimes.fromColumn(r.lastPolledAt()),
                        UtcTimes.fromColumn(r.lastSuccessAt()), r.lastStatus(), r.lastError(), r.consecutiveFailures(),
                        UtcTimes.fromColumn(r.nextPollAt()), r.leaseOwner(), UtcTimes.fromColumn(r.leaseUntil())));
    }
}
