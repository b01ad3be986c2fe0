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
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tributary.catalog.CatalogEditor;
import tributary.poll.FeedPoller;
import tributary.poll.PollOutcome;
import tributary.publish.Problems;
import tributary.store.FeedRepository;
import tributary.store.FeedRow;
import tributary.store.FeedSettings;
import tributary.store.Origin;

/** /admin/feeds: list feeds with their health, add one (after a trial poll), read, change, remove, refresh. */
@Controller("/admin/feeds")
@ExecuteOn(TaskExecutors.BLOCKING)
class FeedsAdminController {

    private final FeedRepository feeds;
    private final CatalogEditor editor;
    private final FeedInputReader inputs;
    private final FeedViews views;
    private final FeedPoller poller;

    FeedsAdminController(FeedRepository feeds, CatalogEditor editor, FeedInputReader inputs, FeedViews views,
                         FeedPoller poller) {
        this.feeds = feeds;
        this.editor = editor;
        this.inputs = inputs;
        this.views = views;
        this.poller = poller;
    }

    @Get
    List<FeedView> list() {
        return views.of(feeds.findAllInOrder());
    }

    @Get("/{id}")
    HttpResponse<?> read(long id) {
        return find(id).<HttpResponse<?>>map(f -> HttpResponse.ok(views.of(f))).orElseGet(() -> notFound(id));
    }

    /** Adds the feed and polls it once: a URL that does not answer with a feed is refused, with the reason. */
    @Post
    HttpResponse<?> add(@Nullable @Body JsonNode input) {
        FeedSettings settings = inputs.read(input, null);
        boolean revived = feeds.findByUrlHash(settings.urlHash()).isPresent();
        long id = editor.addFeed(settings);
        FeedRow row = feeds.findById(id).orElseThrow();
        PollOutcome outcome = poller.poll(row);
        if (outcome.result() != PollOutcome.Result.UPDATED && outcome.result() != PollOutcome.Result.NOT_MODIFIED) {
            // A feed that came back from removal keeps its old items; a new one leaves nothing behind.
            editor.deleteFeed(id, !revived);
            return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "Not a feed we can poll",
                    settings.url() + " was not added: " + outcome.message());
        }
        return HttpResponse.created(views.of(feeds.findById(id).orElseThrow()), URI.create("/admin/feeds/" + id));
    }

    @Put("/{id}")
    HttpResponse<?> change(long id, @Nullable @Body JsonNode input) {
        Optional<FeedRow> row = find(id);
        if (row.isEmpty()) {
            return notFound(id);
        }
        refuseFileRow(row.get());
        editor.updateFeed(id, current -> inputs.read(input, current));
        // The state of a paused feed reads disabled whatever else it is: gone_at says whether it must come back too.
        if (FeedInputReader.switchesOn(input) && row.get().goneAt() != null) {
            feeds.reactivate(id);
        }
        return HttpResponse.ok(views.of(feeds.findById(id).orElseThrow()));
    }

    /** Removes the feed; its items stay in merged outputs until retention drops them, unless ?purge=true. */
    @Delete("/{id}")
    HttpResponse<?> delete(long id, @Nullable @QueryValue Boolean purge) {
        Optional<FeedRow> row = find(id);
        if (row.isEmpty()) {
            return notFound(id);
        }
        refuseFileRow(row.get());
        editor.deleteFeed(id, Boolean.TRUE.equals(purge));
        return HttpResponse.noContent();
    }

    /** Polls the feed now, whatever its schedule, and answers what the poll did. */
    @Post("/{id}/refresh")
    HttpResponse<?> refresh(long id) {
        Optional<FeedRow> row = find(id);
        if (row.isEmpty()) {
            return notFound(id);
        }
        PollOutcome outcome = poller.poll(row.get());
        return HttpResponse.ok(new PollView(outcome.result().name().toLowerCase(Locale.ROOT), outcome.inserted(),
                outcome.updated(), outcome.message()));
    }

    private Optional<FeedRow> find(long id) {
        return feeds.findById(id).filter(f -> f.deletedAt() == null);
    }

    private static void refuseFileRow(FeedRow row) {
        if (Origin.of(row.origin()) == Origin.FILE) {
            throw new ManagedByFileException("feed", row.sourceLine());
        }
    }

    static HttpResponse<?> notFound(long id) {
        return Problems.of(HttpStatus.NOT_FOUND, "No such feed", "There is no feed #" + id + "; GET /admin/feeds lists them.");
    }
}
