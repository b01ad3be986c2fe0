package tributary.publish;

import tributary.store.PageCursor;

/**
 * Everything a feed page depends on, and so what the render cache keys it by: anything else in a request (unknown
 * query parameters, a limit past the largest, other headers) gives the same page. The self link is built from it.
 *
 * @param limit  the clamped page size, 1 to {@link #MAX_LIMIT}
 * @param before null for the first page
 * @param base   the absolute base URL (no trailing slash) the page's links start with
 */
record PageKey(String slug, FeedFormat format, int limit, PageCursor before, String base) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /** The address of the feed's first page at the default size. */
    String feedUrl() {
        return base + "/feeds/" + slug + "." + format.extension();
    }

    /** The canonical URL of this very page: the self link, and the same for every request that maps to this key. */
    String selfUrl() {
        return pageUrl(before);
    }

    /** The URL of the page of the same size starting at cursor (null: the first page). */
    String pageUrl(PageCursor cursor) {
        String query = (limit == DEFAULT_LIMIT ? "" : "&limit=" + limit)
                + (cursor == null ? "" : "&before=" + cursor.token());
        return feedUrl() + (query.isEmpty() ? "" : "?" + query.substring(1));
    }

    /** Rough bytes the key itself holds in the cache, so long Host headers count against the bound too. */
    long weight() {
        return 2L * (slug.length() + base.length()) + 96;
    }
}
