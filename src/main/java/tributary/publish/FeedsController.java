package tributary.publish;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tributary.store.CategoryRepository;
import tributary.store.CategoryRow;
import tributary.store.CategoryStats;
import tributary.store.ItemReader;

/** Serves the merged feeds: GET /feeds lists the categories, GET /feeds/{slug}.{rss,json} one category or all. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class FeedsController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final String ALL = "all";

    private final CategoryRepository categories;
    private final ItemReader items;
    private final StoryAssembler stories;
    private final RssRenderer rss;
    private final JsonFeedRenderer json;
    private final PublishConfig config;
    private final HttpHostResolver hosts;

    FeedsController(CategoryRepository categories, ItemReader items, StoryAssembler stories, RssRenderer rss,
                    JsonFeedRenderer json, PublishConfig config, HttpHostResolver hosts) {
        this.categories = categories;
        this.items = items;
        this.stories = stories;
        this.rss = rss;
        this.json = json;
        this.config = config;
        this.hosts = hosts;
    }

    @Get(value = "/feeds", produces = MediaType.APPLICATION_JSON)
    List<CategoryListing> list(HttpRequest<?> request) {
        String base = baseUrl(request);
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

    @Get("/feeds/{file}")
    HttpResponse<?> feed(String file, @Nullable @QueryValue String limit, HttpRequest<?> request) {
        int dot = file.lastIndexOf('.');
        Optional<FeedFormat> format = dot < 0 ? Optional.empty() : FeedFormat.ofExtension(file.substring(dot + 1));
        if (format.isEmpty()) {
            return Problems.of(HttpStatus.NOT_FOUND, "No such feed",
                    "Feeds are served as /feeds/{category}.rss or /feeds/{category}.json; GET /feeds lists the categories.");
        }
        String slug = file.substring(0, dot);
        int size;
        try {
            size = limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            return Problems.of(HttpStatus.BAD_REQUEST, "Bad limit",
                    "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + limit + "'.");
        }
        if (size < 1) {
            return Problems.of(HttpStatus.BAD_REQUEST, "Bad limit",
                    "limit must be a whole number from 1 to " + MAX_LIMIT + ", not " + size + ".");
        }
        size = Math.min(size, MAX_LIMIT);
        String base = baseUrl(request);
        FeedDocument doc;
        if (ALL.equals(slug)) {
            List<Story> newest = stories.newest(null, size);
            doc = new FeedDocument("Tributary: everything", "Every item of every feed, merged", base + "/",
                    base + request.getUri(), updated(newest), 15, newest);
        } else {
            Optional<CategoryRow> category = categories.findBySlug(slug);
            if (category.isEmpty()) {
                return Problems.of(HttpStatus.NOT_FOUND, "No such category",
                        "There is no category '" + slug + "'; GET /feeds lists the categories.");
            }
            CategoryRow c = category.get();
            List<Story> newest = stories.newest(c.id(), size);
            doc = new FeedDocument(c.title(), c.description(), base + "/", base + request.getUri(), updated(newest), 15,
                    newest);
        }
        byte[] body = format.get() == FeedFormat.RSS ? rss.render(doc) : json.render(doc);
        return HttpResponse.ok(body).contentType(format.get().contentType());
    }

    private static java.time.Instant updated(List<Story> stories) {
        return stories.isEmpty() ? null : stories.get(0).published();
    }

    private CategoryListing.Urls urls(String base, String slug) {
        return new CategoryListing.Urls(base + "/feeds/" + slug + ".rss", base + "/feeds/" + slug + ".json");
    }

    private String baseUrl(HttpRequest<?> request) {
        String base = config.publicBaseUrl() != null && !config.publicBaseUrl().isBlank()
                ? config.publicBaseUrl() : hosts.resolve(request);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
