package tributary.fetch;

import java.net.URI;

/**
 * What to fetch, with the validators of the last successful fetch (null when none) and the Accept header to send: a
 * feed's formats, or HTML for an article page.
 */
public record FetchRequest(URI url, String etag, String lastModified, String accept) {

    static final String FEEDS = "application/rss+xml, application/atom+xml, application/feed+json, "
            + "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";
    static final String PAGES = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

    /** A feed. */
    public FetchRequest(URI url, String etag, String lastModified) {
        this(url, etag, lastModified, FEEDS);
    }

    /** An article page (full text): HTML, without validators. */
    public static FetchRequest page(URI url) {
        return new FetchRequest(url, null, null, PAGES);
    }
}
