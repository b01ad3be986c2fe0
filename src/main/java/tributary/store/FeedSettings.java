package tributary.store;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import tributary.common.Sha256;

/**
 * A feed's settings, the one record carried from feeds.yml (catalog's parser) to the database (the repository maps
 * it to columns and back) to the admin API (in and out) to the exports. It lives in store because every package that
 * handles it may see store (catalog → store, admin → catalog and store) while store sees none of them. Null title,
 * interval and zone mean "not set" (the feed's own title, the default interval, the date rules of normalize).
 * A new per-feed setting is a component here, a column (a Flyway migration, mapped in FeedSettingsColumns), and a
 * key in the text form feeds.yml and the admin API share (catalog's FeedSettingsForm).
 */
public record FeedSettings(URI url, @Nullable String title, List<String> categories, @Nullable Duration interval,
                           boolean enabled, @Nullable ZoneId zone, FullText fullText, Filters filters) {

    public FeedSettings {
        categories = List.copyOf(categories);
        fullText = fullText == null ? FullText.OFF : fullText;
        filters = filters == null ? Filters.NONE : filters;
    }

    /**
     * Whether each new item's page is fetched and its article published (full_text), with the CSS selector of the
     * article body (full_text_selector, null: the site's built-in rule, else the readability heuristic) and the
     * selectors dropped from it (full_text_remove).
     */
    public record FullText(boolean enabled, @Nullable String selector, List<String> remove) {

        public static final FullText OFF = new FullText(false, null, List.of());

        public FullText {
            remove = remove == null ? List.of() : List.copyOf(remove);
        }
    }

    /**
     * What is taken from the feed (keep: only items matching at least one rule; block: no item matching any), rules
     * as written (match.Query grammar), each one line; checked by the catalog, applied by ingest.
     */
    public record Filters(List<String> keep, List<String> block) {

        public static final Filters NONE = new Filters(List.of(), List.of());

        public Filters {
            keep = keep == null ? List.of() : List.copyOf(keep);
            block = block == null ? List.of() : List.copyOf(block);
        }
    }

    /** A feed with only its URL set: in no category, enabled, everything else by default. */
    public static FeedSettings of(URI url) {
        return new FeedSettings(url, null, List.of(), null, true, null, FullText.OFF, Filters.NONE);
    }

    public FeedSettings withCategories(List<String> slugs) {
        return new FeedSettings(url, title, slugs, interval, enabled, zone, fullText, filters);
    }

    /** The key the feed is unique by: the SHA-256 of its URL (the URL itself can exceed an index's length). */
    public String urlHash() {
        return urlHash(url.toString());
    }

    public static String urlHash(String url) {
        return Sha256.hex(url);
    }
}
