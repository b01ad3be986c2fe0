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
                           boolean enabled, @Nullable ZoneId zone) {

    public FeedSettings {
        categories = List.copyOf(categories);
    }

    /** A feed with only its URL set: in no category, enabled, everything else by default. */
    public static FeedSettings of(URI url) {
        return new FeedSettings(url, null, List.of(), null, true, null);
    }

    public FeedSettings withCategories(List<String> slugs) {
        return new FeedSettings(url, title, slugs, interval, enabled, zone);
    }

    /** The key the feed is unique by: the SHA-256 of its URL (the URL itself can exceed an index's length). */
    public String urlHash() {
        return urlHash(url.toString());
    }

    public static String urlHash(String url) {
        return Sha256.hex(url);
    }
}
