package tributary.store;

import io.micronaut.core.annotation.Nullable;

/**
 * One claimed article fetch: the item, its feed, the page to fetch (the item's link), its canonical URL (which stored
 * copies' articles it may take instead), the feed's summary (the extractor judges a body against it), the fetches
 * already tried, and whether the item is still held back from outputs (its release is then a change readers see).
 */
public record ArticleJob(long itemId, long feedId, String url, @Nullable String canonicalUrl,
                         @Nullable String summary, int attempts, boolean held) {
}
