package tributary.admin;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import tributary.catalog.FeedSettingsForm;
import tributary.config.UiConfig;
import tributary.poll.PollIntervalCalculator;
import tributary.store.ArticleCounts;
import tributary.store.ArticleStore;
import tributary.store.CatalogReader;
import tributary.store.FeedRepository;
import tributary.store.FeedRow;
import tributary.store.FeedSettings;
import tributary.store.LeftOutItems;
import tributary.store.PollHistory;
import tributary.store.UtcTimes;

/** Builds the admin views of feeds from their rows, settings, item counts and poll history. */
@Singleton
class FeedViews {

    /** Polls in a feed's strip, and days in its items chart (issue 18). */
    static final int POLLS_SHOWN = 30;
    static final int DAYS_SHOWN = 14;

    private final CatalogReader catalog;
    private final PollIntervalCalculator intervals;
    private final Clock clock;
    private final ArticleStore articles;
    private final LeftOutItems leftOut;
    private final FeedRepository feeds;
    private final PollHistory history;
    private final ZoneId zone;

    FeedViews(CatalogReader catalog, PollIntervalCalculator intervals, Clock clock, ArticleStore articles,
              LeftOutItems leftOut, FeedRepository feeds, PollHistory history, UiConfig ui) {
        this.feeds = feeds;
        this.history = history;
        this.zone = ZoneId.of(ui.zone());
        this.catalog = catalog;
        this.intervals = intervals;
        this.clock = clock;
        this.articles = articles;
        this.leftOut = leftOut;
    }

    List<FeedView> of(List<FeedRow> rows) {
        Map<Long, FeedSettings> settings = catalog.liveFeedSettings();
        Map<Long, Long> counts = catalog.itemCountsByFeed();
        Map<Long, ArticleCounts> fullText = articles.countsByFeed();
        Map<Long, Long> leftOutCounts = leftOut.countsByFeed();
        return rows.stream().filter(r -> r.deletedAt() == null && settings.containsKey(r.id()))
                .map(r -> view(r, settings.get(r.id()), counts.getOrDefault(r.id(), 0L), fullText.get(r.id()),
                        leftOutCounts.get(r.id()), null))
                .toList();
    }

    /** One feed, with the detail of what its rules left out. */
    FeedView of(FeedRow row) {
        FeedView view = of(List.of(row)).get(0);
        LeftOutItems.Summary summary = leftOut.summary(row.id());
        if (summary.items() == 0) {
            return view;
        }
        FeedView.LeftOut detail = new FeedView.LeftOut(summary.items(),
                summary.byRule().stream().map(c -> new FeedView.LeftOut.RuleCount(c.list(), c.rule(), c.items(),
                        c.last())).toList(),
                summary.latest().stream().map(l -> new FeedView.LeftOut.Item(l.list(), l.rule(), l.title(), l.url(),
                        l.at())).toList());
        return new FeedView(view.id(), view.url(), view.title(), view.titleOverride(), view.siteUrl(),
                view.categories(), view.intervalSeconds(), view.enabled(), view.origin(), view.sourceLine(),
                view.itemCount(), view.health(), view.zone(), view.settings(), detail);
    }

    /**
     * A page of the admin console's list, in the page's order, each feed with its last polls and items per day:
     * only these feeds' settings and counts are read. The full-text and left-out counts are left out of a page (they
     * are counted over every feed); GET /admin/feeds/{id} has them.
     */
    List<FeedView> page(List<Long> ids, Map<Long, Long> items) {
        Map<Long, FeedRow> rows = new java.util.HashMap<>();
        for (FeedRow row : feeds.findByIdIn(ids)) {
            rows.put(row.id(), row);
        }
        Map<Long, FeedSettings> settings = catalog.feedSettings(ids);
        Map<Long, List<PollHistory.Poll>> polls = history.latest(ids, POLLS_SHOWN);
        Map<Long, Map<LocalDate, Long>> days = itemsPerDay(ids);
        return ids.stream().filter(id -> rows.containsKey(id) && settings.containsKey(id))
                .map(id -> withHistory(view(rows.get(id), settings.get(id), items.getOrDefault(id, 0L), null, null,
                        null), polls.get(id), days.get(id)))
                .toList();
    }

    /** The feed's last polls and items per day, as a page shows them. */
    FeedView withHistory(FeedView view) {
        List<Long> id = List.of(view.id());
        return withHistory(view, history.latest(id, POLLS_SHOWN).get(view.id()), itemsPerDay(id).get(view.id()));
    }

    private FeedView withHistory(FeedView view, List<PollHistory.Poll> polls, Map<LocalDate, Long> days) {
        List<FeedView.PollPoint> points = polls == null ? List.of() : polls.stream()
                .map(p -> new FeedView.PollPoint(p.startedAt(), p.outcome(), p.status(), p.durationMs(), p.itemsNew(),
                        p.error())).toList();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        List<FeedView.DayCount> counts = new java.util.ArrayList<>();
        for (int back = DAYS_SHOWN - 1; back >= 0; back--) {
            LocalDate day = today.minusDays(back);
            counts.add(new FeedView.DayCount(day.toString(), days == null ? 0 : days.getOrDefault(day, 0L)));
        }
        return view.withHistory(points, counts);
    }

    private Map<Long, Map<LocalDate, Long>> itemsPerDay(List<Long> ids) {
        Instant now = clock.instant();
        LocalDate first = LocalDate.ofInstant(now, zone).minusDays(DAYS_SHOWN - 1);
        return history.itemsPerDay(ids, first.atStartOfDay(zone).toInstant(), zone.getRules().getOffset(now));
    }

    /**
     * fullText: null for a feed none of whose items had an article to fetch, unless full text is on now. leftOut:
     * null for a feed its rules left nothing out of, shown as 0 when it has rules.
     */
    private FeedView view(FeedRow r, FeedSettings settings, long items, ArticleCounts fullText, Long leftOutCount,
                          FeedView.LeftOut detail) {
        boolean rules = !settings.filters().keep().isEmpty() || !settings.filters().block().isEmpty();
        Long leftOutItems = leftOutCount != null ? leftOutCount : rules ? Long.valueOf(0) : null;
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
                        articles == null ? null : articles.pending(), leftOutItems,
                        UtcTimes.fromColumn(r.lastErrorAt())),
                settings.zone() == null ? null : settings.zone().getId(), FeedSettingsForm.write(settings), detail);
    }
}
