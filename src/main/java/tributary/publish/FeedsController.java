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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import jakarta.inject.Named;
import tributary.store.CategoryRepository;
import tributary.store.CategoryRow;
import tributary.store.CategoryStats;
import tributary.store.ItemReader;
import tributary.store.PageCursor;

/** Serves the merged feeds: GET /feeds lists the categories, GET /feeds/{slug}.{rss,atom,json} one category or all. */
@Controller
class FeedsController {

    static final int MAX_LIMIT = 500;
    static final String ALL = FeedPageRenderer.ALL;

    private final CategoryRepository categories;
    private final ItemReader items;
    private final FeedPageRenderer pages;
    private final BaseUrlResolver baseUrls;
    private final PublishConfig config;
    private final ExecutorService blocking;

    FeedsController(CategoryRepository categories, ItemReader items, FeedPageRenderer pages, BaseUrlResolver baseUrls,
                    PublishConfig config, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.categories = categories;
        this.items = items;
        this.pages = pages;
        this.baseUrls = baseUrls;
        this.config = config;
        this.blocking = blocking;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get(value = "/feeds", produces = MediaType.APPLICATION_JSON)
    List<CategoryListing> list(HttpRequest<?> request) {
        String base = baseUrls.resolve(request);
        Map<Long, CategoryStats> stats = items.statsByCategory();
        List<CategoryListing> listing = new ArrayList<>();
        for (CategoryRow category : categories.findAllInOrder()) {
            CategoryStats s = stats.getOrDefault(category.id(), new CategoryStats(0, null));
            listing.add(new CategoryListing(category.slug(), category.title(), category.description(), s.itemCount(),
                    s.updated(), urls(base, category.slug())));
        }
        CategoryStats all = items.statsOfAll();
        listing.add(new CategoryListing(ALL, "Everything", "Every item of every feed", all.itemCount(),
                all.updated(), urls(base, ALL)));
        return listing;
    }

    /**
     * Runs on the event loop: a cached page is answered there at once; only a miss (a query and a render) moves to
     * the blocking pool. This is what lets a hot feed be served at a static file server's pace.
     */
    @Get("/feeds/{file}")
    CompletableFuture<HttpResponse<?>> feed(String file, @Nullable @QueryValue String limit,
                                            @Nullable @QueryValue String before, HttpRequest<?> request) {
        int dot = file.lastIndexOf('.');
        Optional<FeedFormat> format = dot < 0 ? Optional.empty() : FeedFormat.ofExtension(file.substring(dot + 1));
        if (format.isPresent()) {
            String selfUrl = baseUrls.resolve(request) + request.getUri();
            RenderedFeed hot = pages.cached(file.substring(0, dot), format.get(), selfUrl);
            if (hot != null) {
                return CompletableFuture.completedFuture(
                        ConditionalResponses.answer(request, hot, config.maxAge().toSeconds()));
            }
        }
        return CompletableFuture.supplyAsync(() -> render(file, limit, before, request), blocking);
    }

    private HttpResponse<?> render(String file, String limit, String before, HttpRequest<?> request) {
        int dot = file.lastIndexOf('.');
        Optional<FeedFormat> format = dot < 0 ? Optional.empty() : FeedFormat.ofExtension(file.substring(dot + 1));
        if (format.isEmpty()) {
            return Problems.of(HttpStatus.NOT_FOUND, "No such feed", "Feeds are served as /feeds/{category}.rss, "
                    + ".atom or .json; GET /feeds lists the categories.");
        }
        int size;
        try {
            size = limit == null ? FeedPageRenderer.DEFAULT_LIMIT : Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            size = 0;
        }
        if (size < 1) {
            return Problems.of(HttpStatus.BAD_REQUEST, "Bad limit",
                    "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + limit + "'.");
        }
        PageCursor cursor = null;
        if (before != null) {
            cursor = PageCursor.parse(before).orElse(null);
            if (cursor == null) {
                return Problems.of(HttpStatus.BAD_REQUEST, "Bad cursor", "before must be a cursor taken from a "
                        + "feed's next link (like 1769585400000-42), not '" + before + "'.");
            }
        }
        String slug = file.substring(0, dot);
        String base = baseUrls.resolve(request);
        Optional<RenderedFeed> page = pages.render(slug, format.get(), Math.min(size, MAX_LIMIT), cursor, base,
                base + request.getUri());
        if (page.isEmpty()) {
            return Problems.of(HttpStatus.NOT_FOUND, "No such category",
                    "There is no category '" + slug + "'; GET /feeds lists the categories.");
        }
        return ConditionalResponses.answer(request, page.get(), config.maxAge().toSeconds());
    }

    private static CategoryListing.Urls urls(String base, String slug) {
        String path = base + "/feeds/" + slug;
        return new CategoryListing.Urls(path + ".rss", path + ".atom", path + ".json");
    }
}
