package tributary.admin;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import tributary.extract.ArticleExtractor;
import tributary.extract.Extraction;
import tributary.fetch.FeedFetcher;
import tributary.fetch.FetchOutcome;
import tributary.fetch.FetchRequest;

/**
 * Fetches one page as polling does (the same fetcher: address guard on every hop, size cap, timeouts, the per-host
 * limit) and runs the article extractor on it, for the admin's preview. A page not fetched is an exception that
 * says why; a page fetched but without an article is an answer whose problem says why.
 */
@Singleton
class ArticlePreviewer {

    private final FeedFetcher fetcher;
    private final ArticleExtractor extractor;

    ArticlePreviewer(FeedFetcher fetcher, ArticleExtractor extractor) {
        this.fetcher = fetcher;
        this.extractor = extractor;
    }

    /**
     * @param summary the feed's summary of the item (an article shorter than it is no article), null for a bare URL
     * @param feed    the feed previewed, shown back with itemTitle; null for a bare URL
     */
    ExtractView preview(URI url, @Nullable String selector, List<String> remove, @Nullable String summary,
                        @Nullable Long feed, @Nullable String itemTitle) {
        // No validators: a preview always wants the page itself, never a 304.
        FetchOutcome outcome = fetcher.fetch(new FetchRequest(url, null, null));
        if (!(outcome instanceof FetchOutcome.Fetched page)) {
            throw notFetched(url, outcome);
        }
        Extraction extraction = extractor.extract(page.body(), page.contentType(), page.base(), selector, remove,
                summary);
        return new ExtractView(url.toString(), page.finalUrl().toString(), page.status(), page.contentType(),
                extraction.found(), extraction.rule(), extraction.words(), extraction.html(), extraction.problem(),
                selector, remove, feed, itemTitle);
    }

    private static PageNotFetchedException notFetched(URI url, FetchOutcome outcome) {
        String prefix = url + " was not fetched: ";
        if (outcome instanceof FetchOutcome.Failed f && f.status() == null && f.reason().startsWith("refused: ")) {
            return new PageNotFetchedException("Address refused", prefix + f.reason().substring("refused: ".length())
                    + ". Pages are fetched under the same address rules as feeds.");
        }
        if (outcome instanceof FetchOutcome.Failed f) {
            return new PageNotFetchedException("Page not fetched", prefix + f.reason() + (f.status() == null
                    ? ". Check that the site answers from this server, then try again."
                    : ". Open the link in a browser to check it: an item may link to a page since moved or removed."));
        }
        if (outcome instanceof FetchOutcome.RateLimited r) {
            return new PageNotFetchedException("Page not fetched", prefix + "the server answered HTTP " + r.status()
                    + " (too many requests, or unavailable)"
                    + (r.retryAfter() == null ? "" : ", Retry-After " + r.retryAfter()) + ": try again later.");
        }
        return new PageNotFetchedException("Page not fetched", prefix + (outcome instanceof FetchOutcome.Gone
                ? "the server answered HTTP 410 Gone: the page was removed."
                : "the server answered 304 Not Modified to a request without validators."));
    }
}
