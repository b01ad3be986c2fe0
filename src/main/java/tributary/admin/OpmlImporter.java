package tributary.admin;

import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tributary.catalog.CatalogEditor;
import tributary.catalog.FeedUrls;
import tributary.catalog.OpmlDocument;
import tributary.catalog.SlugDeriver;
import tributary.fetch.AddressGuard;
import tributary.store.CategoryRepository;
import tributary.store.CategoryRow;
import tributary.store.FeedRepository;
import tributary.store.FeedSettings;
import tributary.store.TopicRepository;

/**
 * Adds the feeds of an OPML list as API feeds, creating its folders as categories; never changes an existing feed, and
 * skips a URL the address guard refuses.
 */
@Singleton
class OpmlImporter {

    private final CategoryRepository categories;
    private final FeedRepository feeds;
    private final CatalogEditor editor;
    private final AddressGuard guard;
    private final TopicRepository topics;

    OpmlImporter(CategoryRepository categories, FeedRepository feeds, CatalogEditor editor, AddressGuard guard,
                 TopicRepository topics) {
        this.topics = topics;
        this.categories = categories;
        this.feeds = feeds;
        this.editor = editor;
        this.guard = guard;
    }

    ImportReport apply(OpmlDocument document) {
        List<ImportReport.Added> added = new ArrayList<>();
        List<ImportReport.Skipped> skipped = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (OpmlDocument.Skipped s : document.skipped()) {
            skipped.add(new ImportReport.Skipped(s.line(), null, s.reason()));
        }
        // One feed may sit in several folders: it is added once, in every one of their categories.
        Map<String, List<OpmlDocument.Feed>> byUrl = new LinkedHashMap<>();
        for (OpmlDocument.Feed feed : document.feeds()) {
            String problem = FeedUrls.problem(feed.url());
            if (problem == null) {
                // A list is not polled on import: a URL the fetcher would refuse is skipped now, with the reason.
                problem = guard.refusal(feed.url().strip()).map(why -> "refused: " + why).orElse(null);
            }
            if (problem != null) {
                skipped.add(new ImportReport.Skipped(feed.line(), feed.url(), problem));
            } else {
                byUrl.computeIfAbsent(feed.url().strip(), k -> new ArrayList<>()).add(feed);
            }
        }
        for (Map.Entry<String, List<OpmlDocument.Feed>> entry : byUrl.entrySet()) {
            String url = entry.getKey();
            OpmlDocument.Feed first = entry.getValue().get(0);
            Optional<Long> existing = feeds.findByUrlHash(FeedSettings.urlHash(url))
                    .filter(f -> f.deletedAt() == null).map(f -> f.id());
            if (existing.isPresent()) {
                skipped.add(new ImportReport.Skipped(first.line(), url, "already listed as feed #" + existing.get()));
                continue;
            }
            List<String> slugs = new ArrayList<>();
            for (OpmlDocument.Feed feed : entry.getValue()) {
                String slug = feed.category() == null ? null : categoryFor(feed.category(), created);
                if (slug != null && !slugs.contains(slug)) {
                    slugs.add(slug);
                }
            }
            String title = first.title() == null ? null : first.title().length() > 500 ? first.title().substring(0, 500) : first.title();
            long id = editor.addFeed(new FeedSettings(URI.create(url), title, slugs, null, true, null, null, null));
            added.add(new ImportReport.Added(id, url, slugs));
        }
        return new ImportReport(added, skipped, created);
    }

    /** The slug of the category titled so (by title, then by derived slug), created through the API when missing. */
    private String categoryFor(String title, List<String> created) {
        String wanted = title.strip();
        for (CategoryRow c : categories.findAllInOrder()) {
            if (c.title().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                return c.slug();
            }
        }
        String slug = SlugDeriver.derive(wanted);
        // A topic's slug is taken (topics and categories share /feeds/{slug}): the feed goes in without that folder.
        if (slug.isEmpty() || slug.equals(CategoryRow.ALL) || topics.findBySlug(slug).isPresent()) {
            return null;
        }
        if (categories.findBySlug(slug).isEmpty()) {
            editor.addCategory(slug, wanted.length() > 255 ? wanted.substring(0, 255) : wanted, null, List.of());
            created.add(slug);
        }
        return slug;
    }
}
