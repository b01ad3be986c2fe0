package tributary.fulltext;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.extract.ArticleExtractor;
import tributary.extract.Extraction;
import tributary.fetch.FeedFetcher;
import tributary.fetch.FetchOutcome;
import tributary.fetch.FetchRequest;
import tributary.store.ArticleJob;
import tributary.store.ArticleState;
import tributary.store.ArticleStore;
import tributary.store.CatalogReader;
import tributary.store.ContentChangedEvent;
import tributary.store.FeedSettings;

/**
 * One claimed article job: the article of another copy of the same canonical URL if one is stored, else the page
 * fetched (the feeds' fetcher: address guard, size cap, timeouts, the shared per-host limit) and the article
 * extracted; a failure is recorded on the item with its next try, or as given up after tributary.fulltext.max-attempts.
 */
@Singleton
class ArticleWorker {

    private static final Logger LOG = LoggerFactory.getLogger(ArticleWorker.class);

    private final FeedFetcher fetcher;
    private final ArticleExtractor extractor;
    private final ArticleStore articles;
    private final CatalogReader catalog;
    private final FullTextConfig config;
    private final Clock clock;
    private final ApplicationEventPublisher<ContentChangedEvent> events;

    ArticleWorker(FeedFetcher fetcher, ArticleExtractor extractor, ArticleStore articles, CatalogReader catalog,
                  FullTextConfig config, Clock clock, ApplicationEventPublisher<ContentChangedEvent> events) {
        this.fetcher = fetcher;
        this.extractor = extractor;
        this.articles = articles;
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
        this.events = events;
    }

    FullTextOutcome work(ArticleJob job) {
        Optional<FeedSettings> settings = catalog.feedSettings(job.feedId());
        if (settings.isEmpty() || !settings.get().fullText().enabled()) {
            articles.cancel(job, clock.instant());
            changed(job, job.held());
            return FullTextOutcome.CANCELLED;
        }
        if (job.canonicalUrl() != null) {
            Optional<ArticleStore.Article> stored = articles.storedArticle(job.canonicalUrl(), job.itemId());
            if (stored.isPresent()) {
                articles.recordArticle(job, stored.get(), false, clock.instant());
                changed(job, true);
                return FullTextOutcome.REUSED;
            }
        }
        Extraction extraction;
        try {
            extraction = fetchAndExtract(job, settings.get().fullText());
        } catch (RuntimeException e) {
            // The extractor is code of its own: a bug there is this page's failure, not the worker's end.
            LOG.error("Item #{} {}: extraction failed unexpectedly", job.itemId(), job.url(), e);
            extraction = new Extraction(null, "none", 0, "internal error: " + e);
        }
        if (extraction.found()) {
            articles.recordArticle(job, new ArticleStore.Article(extraction.html(), extraction.rule()), true,
                    clock.instant());
            changed(job, true);
            return FullTextOutcome.EXTRACTED;
        }
        return failed(job, extraction.problem());
    }

    private Extraction fetchAndExtract(ArticleJob job, FeedSettings.FullText fullText) {
        URI url;
        try {
            url = URI.create(job.url());
        } catch (IllegalArgumentException e) {
            return new Extraction(null, "none", 0, "the item's link is not a valid URL: " + e.getMessage());
        }
        FetchOutcome outcome = fetcher.fetch(FetchRequest.page(url));
        if (outcome instanceof FetchOutcome.Fetched page) {
            if (!isHtml(page.contentType())) {
                return new Extraction(null, "none", 0, "the page is not HTML (Content-Type " + page.contentType() + ")");
            }
            return extractor.extract(page.body(), page.contentType(), page.base(), fullText.selector(),
                    fullText.remove(), job.summary());
        }
        String problem;
        if (outcome instanceof FetchOutcome.Failed failed) {
            problem = failed.reason();
        } else if (outcome instanceof FetchOutcome.Gone gone) {
            problem = gone.reason();
        } else if (outcome instanceof FetchOutcome.RateLimited limited) {
            problem = "the server answered HTTP " + limited.status() + " (slow down)";
        } else {
            problem = "unexpected answer: " + outcome;
        }
        return new Extraction(null, "none", 0, problem);
    }

    /** No Content-Type: let the extractor judge the bytes; otherwise only HTML and XHTML are pages. */
    private static boolean isHtml(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/html") || type.startsWith("application/xhtml+xml");
    }

    private FullTextOutcome failed(ArticleJob job, String problem) {
        int attempts = job.attempts() + 1;
        Duration retry = config.retryAfter(attempts);
        if (retry == null) {
            LOG.warn("Item #{} {}: no article after {} attempts, the last: {}; it keeps the feed's summary",
                    job.itemId(), job.url(), attempts, problem);
            articles.recordFailure(job, ArticleState.FAILED, problem, null, clock.instant());
        } else {
            LOG.info("Item #{} {}: no article ({}); tried again in {} min (attempt {} of {})", job.itemId(),
                    job.url(), problem, retry.toMinutes(), attempts + 1, config.maxAttempts());
            Instant now = clock.instant();
            articles.recordFailure(job, ArticleState.RETRYING, problem, now.plus(retry), now);
        }
        changed(job, job.held());
        return retry == null ? FullTextOutcome.GAVE_UP : FullTextOutcome.FAILED;
    }

    private void changed(ArticleJob job, boolean visible) {
        if (visible) {
            events.publishEvent(new ContentChangedEvent(job.feedId()));
        }
    }
}
