package tributary.publish;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tributary.store.PageCursor;

/**
 * Everything a feed page depends on, and so what the render cache keys it by: anything else in a request (unknown
 * query parameters, a limit past the largest, other headers) gives the same page. The self link is built from it.
 *
 * @param limit   the clamped page size, 1 to {@link #MAX_LIMIT}
 * @param before  null for the first page
 * @param base    the absolute base URL (no trailing slash) the page's links start with
 * @param q       the ?q= query as written (checked before the key is made), null for none
 * @param since   the ?since= value as written, null for none; links carry it as written
 * @param sinceAt what since means now: a duration is counted back from the request's minute, so requests within
 *                one minute share a cached page
 * @param clustersOff ?clusters=off: every copy of a story cluster is its own entry; links carry it
 */
record PageKey(String slug, FeedFormat format, int limit, PageCursor before, String base, String q, String since,
               Instant sinceAt, boolean clustersOff) implements CacheKey {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    PageKey(String slug, FeedFormat format, int limit, PageCursor before, String base) {
        this(slug, format, limit, before, base, null, null, null, false);
    }

    PageKey(String slug, FeedFormat format, int limit, PageCursor before, String base, String q, String since,
            Instant sinceAt) {
        this(slug, format, limit, before, base, q, since, sinceAt, false);
    }

    /** Whether the page is a reader's search (?q= or ?since=): such pages have their own render slots and cache share. */
    @Override
    public boolean searched() {
        return q != null || since != null;
    }

    /** The address of the feed's first page at the default size. */
    String feedUrl() {
        return base + "/feeds/" + slug + "." + format.extension();
    }

    /** The canonical URL of this very page: the self link, and the same for every request that maps to this key. */
    String selfUrl() {
        return pageUrl(before);
    }

    /** The URL of the page of the same size and search starting at cursor (null: the first page). */
    String pageUrl(PageCursor cursor) {
        String query = (q == null ? "" : "&q=" + encode(q))
                + (since == null ? "" : "&since=" + encode(since))
                + (limit == DEFAULT_LIMIT ? "" : "&limit=" + limit)
                + (clustersOff ? "&clusters=off" : "")
                + (cursor == null ? "" : "&before=" + cursor.token());
        return feedUrl() + (query.isEmpty() ? "" : "?" + query.substring(1));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Rough bytes the key itself holds in the cache, so long Host headers and queries count against the bound too. */
    @Override
    public long weight() {
        return 2L * (slug.length() + base.length() + (q == null ? 0 : q.length()) + (since == null ? 0 : since.length()))
                + 112;
    }
}
