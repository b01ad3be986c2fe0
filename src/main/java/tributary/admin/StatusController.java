package tributary.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import tributary.catalog.CatalogLoader;
import tributary.store.CategoryRepository;
import tributary.store.FeedRepository;

/** GET /admin/status: whether feeds.yml is in force or refused (with file, line and reason), and the catalog's size. */
@Controller("/admin/status")
@ExecuteOn(TaskExecutors.BLOCKING)
class StatusController {

    /** The answer of GET /admin/status; feeds_file_problem is null while the file is in force. */
    @Serdeable
    record Status(@JsonProperty("feeds_file") String feedsFile,
                  @JsonProperty("feeds_file_problem") String feedsFileProblem, long feeds, long categories) {
    }

    private final CatalogLoader loader;
    private final FeedRepository feeds;
    private final CategoryRepository categories;

    StatusController(CatalogLoader loader, FeedRepository feeds, CategoryRepository categories) {
        this.loader = loader;
        this.feeds = feeds;
        this.categories = categories;
    }

    @Get
    Status status() {
        long live = feeds.findAllInOrder().stream().filter(f -> f.deletedAt() == null).count();
        return new Status(loader.feedsFile(), loader.lastProblem().orElse(null), live, categories.count());
    }
}
