package tributary.publish;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import jakarta.inject.Named;
import tributary.match.Query;
import tributary.match.QuerySyntaxException;
import tributary.store.CategoryRow;
import tributary.store.PageCursor;

/**
 * Serves the merged feeds: GET /feeds lists the categories and topics, GET /feeds/{slug}.{rss,atom,json} one category,
 * a topic or all, narrowed by ?q= (a query) and ?since= (a date or a duration) when given, every copy of a story
 * cluster as its own entry with ?clusters=off.
 */
@Controller
class FeedsController {

    static final int MAX_LIMIT = PageKey.MAX_LIMIT;
    /** The category.slug column's width: a longer slug names nothing, so it is refused before any lookup. */
    static final int MAX_SLUG_LENGTH = 100;

    private final CategorySummaries summaries;
    private final FeedPageRenderer pages;
    private final BaseUrlResolver baseUrls;
    private final PublishConfig config;
    private final ExecutorService blocking;
    private final HubAddress hub;
    private final Clock clock;

    FeedsController(CategorySummaries summaries, FeedPageRenderer pages, BaseUrlResolver baseUrls,
                    PublishConfig config, @Named(TaskExecutors.BLOCKING) ExecutorService blocking, HubAddress hub,
                    Clock clock) {
        this.clock = clock;
        this.summaries = summaries;
        this.pages = pages;
        this.baseUrls = baseUrls;
        this.config = config;
        this.blocking = blocking;
        this.hub = hub;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get(value = "/feeds", produces = MediaType.APPLICATION_JSON)
    List<CategoryListing> list(HttpRequest<?> request) {
        String base = baseUrls.resolve(request);
        List<CategoryListing> listing = new ArrayList<>();
        for (CategorySummaries.Summary s : summaries.current()) {
            if (s.topic()) {
                listing.add(new CategoryListing(s.slug(), "topic", s.title(), null, s.query(), null, null,
                        urls(base, s.slug())));
            } else {
                listing.add(new CategoryListing(s.slug(), CategoryRow.ALL.equals(s.slug()) ? "all" : "category",
                        s.title(), s.description(), null, s.stats().itemCount(), s.stats().updated(),
                        urls(base, s.slug())));
            }
        }
        return listing;
    }

    /**
     * Runs on the event loop: a cached page is answered there at once; only a miss (a query and a render) moves to
     * the blocking pool. This is what lets a hot feed be served at a static file server's pace.
     */
    @Get("/feeds/{file}")
    CompletableFuture<HttpResponse<?>> feed(String file, @Nullable @QueryValue String limit,
                                            @Nullable @QueryValue String before, @Nullable @QueryValue String q,
                                            @Nullable @QueryValue String since, HttpRequest<?> request) {
        PageKey key;
        try {
            key = pageKey(file, limit, before, q, since, ClustersParam.off(request.getParameters().getAll("clusters")),
                    request);
        } catch (Refused refused) {
            return CompletableFuture.completedFuture(refused.answer);
        }
        RenderedFeed hot = pages.cached(key);
        if (hot != null) {
            return CompletableFuture.completedFuture(
                    ConditionalResponses.answer(request, hot, config.maxAge().toSeconds(), link(key)));
        }
        return CompletableFuture.supplyAsync(() -> render(key, request), blocking);
    }

    private HttpResponse<?> render(PageKey key, HttpRequest<?> request) {
        Optional<RenderedFeed> page = pages.render(key);
        if (page.isEmpty()) {
            return noSuchCategory(key.slug());
        }
        return ConditionalResponses.answer(request, page.get(), config.maxAge().toSeconds(), link(key));
    }

    /** WebSub discovery (§4): the hub and the topic URL, as the Link header of every feed answer. */
    private String link(PageKey key) {
        String hubUrl = hub.hubUrl(key.base());
        return hubUrl == null ? null : "<" + hubUrl + ">; rel=\"hub\", <" + key.selfUrl() + ">; rel=\"self\"";
    }

    /** The page a request asks for, with only what changes it; anything else in the request is ignored. */
    private PageKey pageKey(String file, String limit, String before, String q, String since, Optional<Boolean> off,
                            HttpRequest<?> request) throws Refused {
        if (off.isEmpty()) {
            throw new Refused(Problems.of(HttpStatus.BAD_REQUEST, "Bad clusters", ClustersParam.PROBLEM));
        }
        int dot = file.lastIndexOf('.');
        Optional<FeedFormat> format = dot < 0 ? Optional.empty() : FeedFormat.ofExtension(file.substring(dot + 1));
        if (format.isEmpty()) {
            throw new Refused(Problems.of(HttpStatus.NOT_FOUND, "No such feed", "Feeds are served as "
                    + "/feeds/{category}.rss, .atom or .json; GET /feeds lists the categories."));
        }
        String slug = file.substring(0, dot);
        if (slug.length() > MAX_SLUG_LENGTH) {
            throw new Refused(noSuchCategory(slug.substring(0, 40) + "…"));
        }
        int size;
        try {
            size = limit == null ? PageKey.DEFAULT_LIMIT : Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            size = 0;
        }
        if (size < 1) {
            throw new Refused(Problems.of(HttpStatus.BAD_REQUEST, "Bad limit",
                    "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + limit + "'."));
        }
        PageCursor cursor = null;
        if (before != null) {
            cursor = PageCursor.parse(before).orElse(null);
            if (cursor == null) {
                throw new Refused(Problems.of(HttpStatus.BAD_REQUEST, "Bad cursor", "before must be a cursor taken "
                        + "from a feed's next link (like 1769585400000-42), not '" + before + "'."));
            }
        }
        String query = q == null || q.isBlank() ? null : q.strip();
        if (query != null) {
            try {
                Query.parse(query);
            } catch (QuerySyntaxException e) {
                throw new Refused(Problems.of(HttpStatus.BAD_REQUEST, "Bad query", "q: " + e.getMessage()));
            }
        }
        String sinceText = since == null || since.isBlank() ? null : since.strip();
        Instant sinceAt = null;
        if (sinceText != null) {
            sinceAt = SinceParser.parse(sinceText, clock.instant()).orElse(null);
            if (sinceAt == null) {
                throw new Refused(Problems.of(HttpStatus.BAD_REQUEST, "Bad since", "since must be an RFC 3339 date "
                        + "(2026-12-01T08:00:00+07:00 or 2026-12-01) or a duration back from now (6h, 90m, 2d, 1w), "
                        + "not '" + (sinceText.length() > 64 ? sinceText.substring(0, 64) + "…" : sinceText) + "'."));
            }
        }
        return new PageKey(slug, format.get(), Math.min(size, MAX_LIMIT), cursor, baseUrls.resolve(request), query,
                sinceText, sinceAt, off.get());
    }

    private static HttpResponse<?> noSuchCategory(String slug) {
        return Problems.of(HttpStatus.NOT_FOUND, "No such category",
                "There is no category '" + slug + "'; GET /feeds lists the categories.");
    }

    private static CategoryListing.Urls urls(String base, String slug) {
        String path = base + "/feeds/" + slug;
        return new CategoryListing.Urls(path + ".rss", path + ".atom", path + ".json");
    }

    /** A request refused before any lookup, with its answer. */
    private static final class Refused extends Exception {

        private final HttpResponse<?> answer;

        Refused(HttpResponse<?> answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }
}
