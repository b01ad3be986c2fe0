package tributary.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import tributary.catalog.CatalogLoader;
import tributary.config.InstanceIdentity;
import tributary.store.CatalogRevisions;
import tributary.store.CategoryRepository;
import tributary.store.FeedRepository;

/**
 * GET /admin/status: whether feeds.yml is in force or refused (with file, line and reason), the catalog's size, and
 * for several instances: which one answered, and whether its feeds.yml is the one last applied to the database.
 */
@Controller("/admin/status")
@ExecuteOn(TaskExecutors.BLOCKING)
class StatusController {

    /**
     * The answer of GET /admin/status; feeds_file_problem is null while the file is in force. feeds_file_applied is
     * false when the list in the database came from a different feeds.yml (another instance's, which then differs
     * from this one's: every instance should read the same file).
     */
    @Serdeable
    record Status(@JsonProperty("feeds_file") String feedsFile,
                  @JsonProperty("feeds_file_problem") String feedsFileProblem,
                  @JsonProperty("feeds_file_applied") boolean feedsFileApplied, long feeds, long categories,
                  String instance, @JsonProperty("catalog_revision") long catalogRevision) {
    }

    private final CatalogLoader loader;
    private final FeedRepository feeds;
    private final CategoryRepository categories;

    private final CatalogRevisions revisions;
    private final InstanceIdentity identity;

    StatusController(CatalogLoader loader, FeedRepository feeds, CategoryRepository categories,
                     CatalogRevisions revisions, InstanceIdentity identity) {
        this.loader = loader;
        this.feeds = feeds;
        this.categories = categories;
        this.revisions = revisions;
        this.identity = identity;
    }

    @Get
    Status status() {
        long live = feeds.findAllInOrder().stream().filter(f -> f.deletedAt() == null).count();
        CatalogRevisions.Revision revision = revisions.current();
        boolean applied = loader.lastReadHash() != null && loader.lastReadHash().equals(revision.fileHash());
        return new Status(loader.feedsFile(), loader.lastProblem().orElse(null), applied, live, categories.count(),
                identity.id(), revision.revision());
    }
}
