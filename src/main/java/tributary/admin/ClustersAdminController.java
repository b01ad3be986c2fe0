package tributary.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.publish.Problems;
import tributary.store.ContentChangedEvent;
import tributary.store.StoryClusters;

/**
 * /admin/clusters: the latest story clusters; /admin/clusters/{id}: a cluster's copies, and its split (every joined
 * copy, or those named, back to its own story, remembered so that ingest does not join them again).
 */
@Controller("/admin/clusters")
@ExecuteOn(TaskExecutors.BLOCKING)
class ClustersAdminController {

    private static final Logger LOG = LoggerFactory.getLogger(ClustersAdminController.class);
    /** More ids than any cluster has copies (one per publisher): a longer list is refused before any lookup. */
    static final int MAX_ITEMS = 1000;

    private final StoryClusters clusters;
    private final ApplicationEventPublisher<ContentChangedEvent> events;

    ClustersAdminController(StoryClusters clusters, ApplicationEventPublisher<ContentChangedEvent> events) {
        this.clusters = clusters;
        this.events = events;
    }

    /** The most clusters one list answers. */
    static final int MAX_LIMIT = 100;

    /**
     * The latest clusters, newest joined copy first: {"clusters": [...], "next": cursor or null}. limit 1 to MAX_LIMIT
     * (default 20); before, an RFC 3339 date (the next value of the page before) lists older ones.
     */
    @Get
    HttpResponse<?> list(@Nullable @QueryValue String limit, @Nullable @QueryValue String before) {
        List<Problems.FieldError> errors = new ArrayList<>();
        int n = ConsoleController.number("limit", limit, 20, 1, MAX_LIMIT, errors);
        Instant after = null;
        if (before != null) {
            try {
                after = OffsetDateTime.parse(before.strip()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new Problems.FieldError("before", shorten(before),
                        "an RFC 3339 date such as 2026-12-03T10:00:00Z (the next value of the previous page)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        StoryClusters.ClusterPage page = clusters.latest(n, after);
        return HttpResponse.ok(new ClusterList(page.clusters().stream().map(c -> ClusterView.of(c, List.of())).toList(),
                page.next() == null ? null : page.next().toString()));
    }

    /** A page of GET /admin/clusters. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ClusterList(List<ClusterView> clusters, @Nullable String next) {
    }

    @Get("/{id}")
    HttpResponse<?> show(String id) {
        Optional<StoryClusters.Cluster> cluster = ClusterIds.hash(id).flatMap(clusters::find);
        if (cluster.isEmpty()) {
            return notFound(id);
        }
        return HttpResponse.ok(ClusterView.of(cluster.get(), List.of()));
    }

    /**
     * Body optional: none (or no "items") splits every copy that joined the story off; {"items": [ids]} only those
     * copies (each with every copy of its own story). A copy of the story itself cannot be named: it is what stays.
     */
    @Post("/{id}/split")
    HttpResponse<?> split(String id, @Nullable @Body JsonNode body) {
        Optional<StoryClusters.Cluster> cluster = ClusterIds.hash(id).flatMap(clusters::find);
        if (cluster.isEmpty()) {
            return notFound(id);
        }
        List<Long> items = items(body, cluster.get());
        StoryClusters.Cluster before = cluster.get();
        if (before.members().stream().noneMatch(m -> m.ownStory() != null)) {
            return Problems.of(HttpStatus.CONFLICT, "Nothing to split", "Story " + ClusterIds.urn(before.story())
                    + " holds no copy that joined it from another publisher.");
        }
        StoryClusters.Split split = clusters.split(before.story(), items);
        // Admin edits are not audited in a table; the log keeps who-did-what's "what" with the ids to undo by hand.
        LOG.info("Cluster {} split: stories {} given back (items {})", before.story(), split.stories(), split.items());
        for (long feed : split.feeds()) {
            events.publishEvent(new ContentChangedEvent(feed));
        }
        return HttpResponse.ok(ClusterView.of(split.remaining(), split.stories()));
    }

    /** The ids the body names, null for every joined copy; a bad body answers 400 naming items or items[i]. */
    private static List<Long> items(JsonNode body, StoryClusters.Cluster cluster) {
        if (body == null || body.isNull() || (body.isObject() && body.get("items") == null)) {
            return null;
        }
        List<Problems.FieldError> errors = new ArrayList<>();
        JsonNode list = body.isObject() ? body.get("items") : null;
        if (list == null || !list.isArray() || list.size() == 0 || list.size() > MAX_ITEMS) {
            errors.add(new Problems.FieldError("items", list == null ? String.valueOf(body) : shorten(list),
                    "a list of 1 to " + MAX_ITEMS + " item ids of this cluster (GET /admin/clusters/{id} lists them);"
                            + " leave it out to split every copy off"));
            throw new InvalidInputException(errors);
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode value = list.get(i);
            Number n = value.isNumber() ? value.getNumberValue() : null;
            Long id = n != null && n.doubleValue() == n.longValue() ? n.longValue() : null;
            StoryClusters.Member member = id == null ? null
                    : cluster.members().stream().filter(m -> m.itemId() == id).findFirst().orElse(null);
            if (member == null) {
                errors.add(new Problems.FieldError("items[" + i + "]", shorten(value),
                        "not the id of a copy in this cluster (GET /admin/clusters/{id} lists them)"));
            } else if (member.ownStory() == null) {
                errors.add(new Problems.FieldError("items[" + i + "]", shorten(value), "a copy of the story itself,"
                        + " which stays: name the copies that joined it (joined: true)"));
            } else {
                ids.add(id);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return ids;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static String shorten(JsonNode value) {
        return shorten(value.isString() ? value.getStringValue() : String.valueOf(value));
    }

    private static HttpResponse<?> notFound(String id) {
        String shown = id.length() > 80 ? id.substring(0, 80) + "…" : id;
        return Problems.of(HttpStatus.NOT_FOUND, "No such cluster", "No story has the id '" + shown + "': give an"
                + " entry id as a feed shows it (urn:tributary:story:<64 hex digits>, the JSON Feed id, RSS guid or"
                + " Atom id) or its 64-hex story hash.");
    }
}
