package tributary.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tributary.catalog.CatalogEditor;
import tributary.catalog.SlugDeriver;
import tributary.match.Query;
import tributary.match.QuerySyntaxException;
import tributary.publish.BaseUrlResolver;
import tributary.publish.CategoryListing;
import tributary.publish.Problems;
import tributary.publish.QueryPreview;
import tributary.store.CategoryRepository;
import tributary.store.CategoryRow;
import tributary.store.Origin;
import tributary.store.TopicRepository;
import tributary.store.TopicRow;

/**
 * /admin/topics: list, add, change (title, query, categories; the slug stays), delete; and the preview of a query
 * being typed, its newest matches. Topics from feeds.yml are changed in the file only.
 */
@Controller("/admin/topics")
@ExecuteOn(TaskExecutors.BLOCKING)
class TopicsAdminController {

    private static final int PREVIEW_LIMIT = 10;
    private static final int PREVIEW_MAX = 50;

    private final TopicRepository topics;
    private final CategoryRepository categories;
    private final CatalogEditor editor;
    private final BaseUrlResolver baseUrls;
    private final QueryPreview preview;

    TopicsAdminController(TopicRepository topics, CategoryRepository categories, CatalogEditor editor,
                          BaseUrlResolver baseUrls, QueryPreview preview) {
        this.topics = topics;
        this.categories = categories;
        this.editor = editor;
        this.baseUrls = baseUrls;
        this.preview = preview;
    }

    @Get
    List<TopicView> list(HttpRequest<?> request) {
        String base = baseUrls.resolve(request);
        return topics.all().stream().map(t -> view(t, base)).toList();
    }

    /** The newest items the query matches (in those categories, comma-separated slugs; all when none). */
    @Get("/preview")
    List<PreviewView> preview(@Nullable @QueryValue String query, @Nullable @QueryValue("categories") String slugs,
                              @Nullable @QueryValue Integer limit) {
        List<Problems.FieldError> errors = new ArrayList<>();
        String text = RuleFields.query("query", query, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Query parsed;
        try {
            parsed = Query.parse(text);
        } catch (QuerySyntaxException e) {
            throw new InvalidInputException(List.of(new Problems.FieldError("query", text, e.getMessage())));
        }
        List<String> in = slugs == null ? List.of()
                : Arrays.stream(slugs.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        int size = limit == null ? PREVIEW_LIMIT : Math.max(1, Math.min(limit, PREVIEW_MAX));
        return preview.latest(parsed, in, size).stream()
                .map(m -> new PreviewView(m.title(), m.url(), m.feedTitle(), m.published())).toList();
    }

    @Get("/{slug}")
    HttpResponse<?> read(HttpRequest<?> request, String slug) {
        return topics.findBySlug(slug).<HttpResponse<?>>map(t -> HttpResponse.ok(view(t, baseUrls.resolve(request))))
                .orElseGet(() -> notFound(slug));
    }

    @Post
    HttpResponse<?> add(HttpRequest<?> request, @Nullable @Body TopicInput input) {
        List<Problems.FieldError> errors = new ArrayList<>();
        String title = title(input == null ? null : input.title(), true, errors);
        String slug = input == null || input.slug() == null ? (title == null ? "" : SlugDeriver.derive(title))
                : input.slug().strip();
        String slugProblem = CategoriesAdminController.slugProblem(slug);
        if (slugProblem != null && title != null) {
            errors.add(new Problems.FieldError("slug", slug, slugProblem));
        }
        String query = RuleFields.query("query", input == null ? null : input.query(), errors);
        List<String> in = categories(input == null || input.categories() == null ? List.of() : input.categories(),
                errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        editor.addTopic(slug, title, query, in);
        return HttpResponse.created(view(topics.findBySlug(slug).orElseThrow(), baseUrls.resolve(request)),
                URI.create("/admin/topics/" + slug));
    }

    /** Changes what the body gives of title, query and categories; the slug, which readers subscribe by, stays. */
    @Put("/{slug}")
    HttpResponse<?> change(HttpRequest<?> request, String slug, @Nullable @Body TopicInput input) {
        Optional<TopicRow> row = topics.findBySlug(slug);
        if (row.isEmpty()) {
            return notFound(slug);
        }
        refuseFileRow(row.get());
        List<Problems.FieldError> errors = new ArrayList<>();
        if (input != null && input.slug() != null && !input.slug().strip().equals(slug)) {
            errors.add(new Problems.FieldError("slug", input.slug(), "a topic's slug cannot change (readers subscribe"
                    + " by it): add a topic with the new slug and delete this one"));
        }
        String title = input == null || input.title() == null ? row.get().title() : title(input.title(), false, errors);
        String query = input == null || input.query() == null ? row.get().query()
                : RuleFields.query("query", input.query(), errors);
        List<String> in = input == null || input.categories() == null ? row.get().categories()
                : categories(input.categories(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        editor.updateTopic(slug, title, query, in);
        return HttpResponse.ok(view(topics.findBySlug(slug).orElseThrow(), baseUrls.resolve(request)));
    }

    @Delete("/{slug}")
    HttpResponse<?> delete(String slug) {
        Optional<TopicRow> row = topics.findBySlug(slug);
        if (row.isEmpty()) {
            return notFound(slug);
        }
        refuseFileRow(row.get());
        editor.deleteTopic(slug);
        return HttpResponse.noContent();
    }

    private static String title(String given, boolean required, List<Problems.FieldError> errors) {
        String title = given == null ? null : given.strip();
        if (title == null || title.isEmpty()) {
            errors.add(new Problems.FieldError("title", title, required ? "a topic needs a title" : "1 to 255 characters"));
            return null;
        }
        if (title.length() > 255) {
            errors.add(new Problems.FieldError("title", title.substring(0, 40) + "…", "at most 255 characters"));
            return null;
        }
        return title;
    }

    /** The slugs of the categories named (by slug or title), each once; an unknown one is refused as categories[i]. */
    private List<String> categories(List<String> names, List<Problems.FieldError> errors) {
        List<CategoryRow> known = categories.findAllInOrder();
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i).strip();
            Optional<String> slug = known.stream().filter(c -> c.slug().equals(name) || c.title().equalsIgnoreCase(name))
                    .map(CategoryRow::slug).findFirst();
            if (slug.isEmpty()) {
                errors.add(new Problems.FieldError("categories[" + i + "]", name, "unknown category; known: "
                        + String.join(", ", known.stream().map(CategoryRow::slug).toList())));
            } else if (!slugs.contains(slug.get())) {
                slugs.add(slug.get());
            }
        }
        return slugs;
    }

    private static TopicView view(TopicRow t, String base) {
        String path = base + "/feeds/" + t.slug();
        return new TopicView(t.slug(), t.title(), t.query(), t.categories(), t.origin(), t.sourceLine(),
                new CategoryListing.Urls(path + ".rss", path + ".atom", path + ".json"));
    }

    private static void refuseFileRow(TopicRow row) {
        if (Origin.of(row.origin()) == Origin.FILE) {
            throw new ManagedByFileException("topic", row.sourceLine());
        }
    }

    private static HttpResponse<?> notFound(String slug) {
        return Problems.of(HttpStatus.NOT_FOUND, "No such topic",
                "There is no topic '" + slug + "'; GET /admin/topics lists them.");
    }
}
