package tributary.publish;

/**
 * What the render cache keys a page by: a feed page ({@link PageKey}) or a reader page of tributary.web. slug names
 * the category, topic or "all" whose changes make the page stale; base is the base URL its links start with (counted
 * against tributary.publish.max-base-urls); searched pages have their own render slots and share of the bytes.
 * Implementations are records: equal keys must mean the same page.
 */
public interface CacheKey {

    String slug();

    String base();

    /** Whether the page is a reader's search, rendered in the search slots. */
    boolean searched();

    /** Rough bytes the key holds in the cache, so long Host headers count against the bound too. */
    long weight();
}
