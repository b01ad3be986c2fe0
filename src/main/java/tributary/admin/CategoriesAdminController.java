package tributary.admin;

import io.micronaut.core.annotation.Nullable;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tributary.catalog.CatalogConflictException;
import tributary.catalog.CatalogEditor;
import tributary.catalog.SlugDeriver;
import tributary.publish.Problems;
import tributary.store.CatalogReader;
import tributary.store.CategoryRepository;
import tributary.store.CategoryRow;
import tributary.store.Origin;
import tributary.store.TopicRepository;
import tributary.store.TopicRow;

/**
 * /admin/categories: list, add, rename (the slug stays unless asked), set block rules and clustering, delete (refused
 * while in use unless forced).
 */
@Controller("/admin/categories")
@ExecuteOn(TaskExecutors.BLOCKING)
class CategoriesAdminController {

    private final CategoryRepository categories;
    private final CatalogReader catalog;
    private final CatalogEditor editor;
    private final TopicRepository topics;

    CategoriesAdminController(CategoryRepository categories, CatalogReader catalog, CatalogEditor editor,
                              TopicRepository topics) {
        this.topics = topics;
        this.categories = categories;
        this.catalog = catalog;
        this.editor = editor;
    }

    @Get
    List<CategoryView> list() {
        Map<Long, Long> feedCounts = catalog.feedCountsByCategory();
        return categories.findAllInOrder().stream().map(c -> view(c, feedCounts)).toList();
    }

    @Post
    HttpResponse<?> add(@Nullable @Body CategoryInput input) {
        List<Problems.FieldError> errors = new ArrayList<>();
        String title = input == null || input.title() == null ? null : input.title().strip();
        if (title == null || title.isEmpty()) {
            errors.add(new Problems.FieldError("title", null, "a category needs a title"));
        } else if (title.length() > 255) {
            errors.add(new Problems.FieldError("title", title.substring(0, 40) + "…", "at most 255 characters"));
        }
        String slug = input == null || input.slug() == null ? (title == null ? "" : SlugDeriver.derive(title))
                : input.slug().strip();
        String slugProblem = slugProblem(slug);
        if (slugProblem != null && title != null && !title.isEmpty()) {
            errors.add(new Problems.FieldError("slug", slug, slugProblem));
        }
        List<String> block = RuleFields.rules("block", input == null ? null : input.block(), errors);
        Boolean clustering = input == null ? null : input.clustering(errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        editor.addCategory(slug, title, description(input), block == null ? List.of() : block,
                clustering == null || clustering);
        CategoryRow row = categories.findBySlug(slug).orElseThrow();
        return HttpResponse.created(view(row, catalog.feedCountsByCategory()), URI.create("/admin/categories/" + slug));
    }

    /** Renames: title and description change; the slug (what readers subscribe by) only when the body gives one. */
    @Put("/{slug}")
    HttpResponse<?> change(String slug, @Nullable @Body CategoryInput input) {
        Optional<CategoryRow> row = categories.findBySlug(slug);
        if (row.isEmpty()) {
            return notFound(slug);
        }
        refuseFileRow(row.get());
        String newSlug = input == null || input.slug() == null ? null : input.slug().strip();
        if (newSlug != null && !newSlug.equals(slug)) {
            refuseWhileTopicsLookIn(slug, "renamed");
        }
        List<Problems.FieldError> errors = new ArrayList<>();
        if (newSlug != null && slugProblem(newSlug) != null) {
            errors.add(new Problems.FieldError("slug", newSlug, slugProblem(newSlug)));
        }
        String title = input == null || input.title() == null ? null : input.title().strip();
        if (title != null && (title.isEmpty() || title.length() > 255)) {
            errors.add(new Problems.FieldError("title", title, "1 to 255 characters"));
        }
        List<String> block = RuleFields.rules("block", input == null ? null : input.block(), errors);
        Boolean clustering = input == null ? null : input.clustering(errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        editor.updateCategory(slug, title, input == null ? null : input.description(), newSlug, block, clustering);
        CategoryRow updated = categories.findBySlug(newSlug != null ? newSlug : slug).orElseThrow();
        return HttpResponse.ok(view(updated, catalog.feedCountsByCategory()));
    }

    @Delete("/{slug}")
    HttpResponse<?> delete(String slug, @Nullable @QueryValue Boolean force) {
        Optional<CategoryRow> row = categories.findBySlug(slug);
        if (row.isEmpty()) {
            return notFound(slug);
        }
        refuseFileRow(row.get());
        refuseWhileTopicsLookIn(slug, "deleted");
        long inUse = catalog.feedCountsByCategory().getOrDefault(row.get().id(), 0L);
        if (inUse > 0 && !Boolean.TRUE.equals(force)) {
            return Problems.of(HttpStatus.CONFLICT, "Category in use", inUse + (inUse == 1 ? " feed uses" : " feeds use")
                    + " category '" + slug + "': move them to other categories first, or DELETE with ?force=true"
                    + " to take them out of it");
        }
        editor.deleteCategory(slug);
        return HttpResponse.noContent();
    }

    static String slugProblem(String slug) {
        if (slug.isEmpty()) {
            return "cannot derive a slug from the title: give one (a-z, 0-9, single hyphens)";
        }
        if (!SlugDeriver.isValid(slug)) {
            return "use lower-case letters a-z, digits and single hyphens, at most 100";
        }
        return CategoryRow.ALL.equals(slug) ? "'" + CategoryRow.ALL + "' is reserved: /feeds/all.rss merges every category" : null;
    }

    private static String description(CategoryInput input) {
        return input == null || input.description() == null || input.description().isBlank() ? null
                : input.description().strip();
    }

    private static CategoryView view(CategoryRow c, Map<Long, Long> feedCounts) {
        return new CategoryView(c.slug(), c.title(), c.description(), c.origin(), c.sourceLine(),
                feedCounts.getOrDefault(c.id(), 0L), c.block(), c.clustering());
    }

    private static void refuseFileRow(CategoryRow row) {
        if (Origin.of(row.origin()) == Origin.FILE) {
            throw new ManagedByFileException("category", row.sourceLine());
        }
    }

    /** A topic names the categories it looks in by slug: they stay while it does (force or not). */
    private void refuseWhileTopicsLookIn(String slug, String what) {
        List<String> users = topics.all().stream().filter(t -> t.categories().contains(slug)).map(TopicRow::slug).toList();
        if (!users.isEmpty()) {
            throw new CatalogConflictException("category '" + slug + "' cannot be " + what + " while "
                    + (users.size() == 1 ? "topic " : "topics ") + String.join(", ", users)
                    + (users.size() == 1 ? " looks" : " look") + " in it: change " + (users.size() == 1 ? "that topic"
                    : "those topics") + " first (PUT /admin/topics/{slug}, or feeds.yml for a topic from the file)");
        }
    }

    private static HttpResponse<?> notFound(String slug) {
        return Problems.of(HttpStatus.NOT_FOUND, "No such category",
                "There is no category '" + slug + "'; GET /admin/categories lists them.");
    }
}
