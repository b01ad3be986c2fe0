package tributary.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tributary.catalog.CatalogEditor;
import tributary.poll.FeedPoller;
import tributary.poll.PollOutcome;
import tributary.publish.Problems;
import tributary.store.CategoryRepository;
import tributary.store.FeedRepository;
import tributary.store.FeedRow;
import tributary.store.FeedSearch;
import tributary.store.FeedSettings;
import tributary.store.FeedState;
import tributary.store.FleetStats;
import tributary.store.Origin;
import tributary.store.PollHistory;

/**
 * What the admin console reads and does at scale: the fleet summary, the feed list one page at a time, a feed's poll
 * history, and actions on many feeds in one request.
 */
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleController {

    /** Feeds one bulk request may name; a refresh polls each in turn, so it takes fewer. */
    static final int MAX_BULK = 1000;
    static final int MAX_BULK_REFRESH = 50;
    static final int MAX_PAGE_SIZE = 200;

    private final FeedSearch search;
    private final FeedViews views;
    private final FeedRepository feeds;
    private final CategoryRepository categories;
    private final FleetStats fleet;
    private final PollHistory history;
    private final CatalogEditor editor;
    private final FeedInputReader inputs;
    private final FeedPoller poller;
    private final Clock clock;

    ConsoleController(FeedSearch search, FeedViews views, FeedRepository feeds, CategoryRepository categories,
                      FleetStats fleet, PollHistory history, CatalogEditor editor, FeedInputReader inputs,
                      FeedPoller poller, Clock clock) {
        this.search = search;
        this.views = views;
        this.feeds = feeds;
        this.categories = categories;
        this.fleet = fleet;
        this.history = history;
        this.editor = editor;
        this.inputs = inputs;
        this.poller = poller;
        this.clock = clock;
    }

    @Get("/summary")
    SummaryView summary() {
        Instant now = clock.instant();
        FleetStats.Snapshot snapshot = fleet.read(now);
        Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));
        Map<Instant, Map<String, Long>> hours = new LinkedHashMap<>();
        for (int h = 0; h < 24; h++) {
            hours.put(first.plus(Duration.ofHours(h)), new TreeMap<>());
        }
        for (PollHistory.HourCount count : history.perHour(first)) {
            Map<String, Long> polls = hours.get(count.hour());
            if (polls != null) {
                polls.put(count.outcome(), count.polls());
            }
        }
        long total = snapshot.feedsByState().values().stream().mapToLong(Long::longValue).sum();
        return new SummaryView(total, snapshot.feedsByState(), snapshot.lag().toSeconds(),
                hours.entrySet().stream().map(e -> new SummaryView.Hour(e.getKey(), e.getValue())).toList());
    }

    /** One page of the list; every parameter is optional and a bad one answers 400 naming it. */
    @Get("/feeds/search")
    FeedPageView find(@Nullable @QueryValue String q, @Nullable @QueryValue String state,
                      @Nullable @QueryValue String category, @Nullable @QueryValue String sort,
                      @Nullable @QueryValue String order, @Nullable @QueryValue String page,
                      @Nullable @QueryValue String size) {
        List<Problems.FieldError> errors = new ArrayList<>();
        FeedState feedState = null;
        if (state != null && !state.isBlank()) {
            try {
                feedState = FeedState.of(state.strip());
            } catch (IllegalArgumentException e) {
                errors.add(new Problems.FieldError("state", state, "one of active, backing-off, gone, disabled"));
            }
        }
        String slug = category == null || category.isBlank() ? null : category.strip();
        if (slug != null && categories.findAllInOrder().stream().noneMatch(c -> c.slug().equals(slug))) {
            errors.add(new Problems.FieldError("category", slug, "no category has this slug; GET /admin/categories "
                    + "lists them"));
        }
        FeedSearch.Sort sorted = sort == null || sort.isBlank() ? FeedSearch.Sort.FAILURES : FeedSearch.Sort.of(sort);
        if (sorted == null) {
            errors.add(new Problems.FieldError("sort", sort, "one of failures, last-error, items, title, added"));
        }
        boolean reversed = false;
        if (order != null && !order.isBlank()) {
            if (!order.equals("asc") && !order.equals("desc")) {
                errors.add(new Problems.FieldError("order", order, "asc or desc"));
            } else {
                // Each sort's natural order is the one an admin wants first: worst and biggest first, titles A to Z.
                reversed = order.equals(sorted == FeedSearch.Sort.TITLE ? "desc" : "asc");
            }
        }
        int pageNumber = number("page", page, 1, 1, Integer.MAX_VALUE / MAX_PAGE_SIZE, errors);
        int pageSize = number("size", size, 50, 1, MAX_PAGE_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        FeedSearch.Page found = search.find(new FeedSearch.Criteria(q, feedState, slug, sorted, reversed, pageNumber,
                pageSize));
        return new FeedPageView(found.total(), pageNumber, pageSize, sorted.column(),
                views.page(found.ids(), found.items()));
    }

    /** The feed with its last 30 polls and its items per day over 14 days. */
    @Get("/feeds/{id}/history")
    HttpResponse<?> history(long id) {
        return live(id).<HttpResponse<?>>map(row -> HttpResponse.ok(views.withHistory(views.of(row))))
                .orElseGet(() -> FeedsAdminController.notFound(id));
    }

    /**
     * Pause, resume, refresh or re-categorize several feeds: {"ids": [..], "action": "pause" | "resume" | "refresh"
     * | "categorize", "categories": [..] (categorize)}. Each feed is done on its own and answered on its own; a
     * feeds.yml feed is refused (409) as a single change would be, a refresh polls any feed.
     */
    @Post("/feeds/bulk")
    BulkResult bulk(@Nullable @Body JsonNode input) {
        List<Problems.FieldError> errors = new ArrayList<>();
        String action = input == null || !input.isObject() || input.get("action") == null
                || !input.get("action").isString() ? null : input.get("action").getStringValue();
        if (action == null || !List.of("pause", "resume", "refresh", "categorize").contains(action)) {
            errors.add(new Problems.FieldError("action", action, "one of pause, resume, refresh, categorize"));
        }
        List<Long> ids = ids(input, "refresh".equals(action) ? MAX_BULK_REFRESH : MAX_BULK, errors);
        JsonNode change = switch (action == null ? "" : action) {
            case "pause" -> JsonNode.createObjectNode(Map.of("enabled", JsonNode.createBooleanNode(false)));
            case "resume" -> JsonNode.createObjectNode(Map.of("enabled", JsonNode.createBooleanNode(true)));
            case "categorize" -> categoriesOf(input, errors);
            default -> null;
        };
        if (change != null && errors.isEmpty()) {
            try {
                // The same check every feed's change makes, done once before any: nothing is changed on a bad list.
                inputs.read(change, FeedSettings.of(URI.create("https://example.invalid/")));
            } catch (InvalidInputException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        List<BulkResult.Entry> results = new ArrayList<>();
        for (long id : ids) {
            results.add(apply(id, action, change));
        }
        return new BulkResult(action, results);
    }

    private BulkResult.Entry apply(long id, String action, @Nullable JsonNode change) {
        Optional<FeedRow> row = live(id);
        if (row.isEmpty()) {
            return new BulkResult.Entry(id, 404, null, null, null, "There is no feed #" + id + ".");
        }
        if (action.equals("refresh")) {
            PollOutcome outcome = poller.poll(row.get());
            return new BulkResult.Entry(id, 200, outcome.result().name().toLowerCase(Locale.ROOT), outcome.inserted(),
                    outcome.updated(), outcome.message());
        }
        if (Origin.of(row.get().origin()) == Origin.FILE) {
            return new BulkResult.Entry(id, 409, null, null, null,
                    new ManagedByFileException("feed", row.get().sourceLine()).getMessage());
        }
        editor.updateFeed(id, current -> inputs.read(change, current));
        // A paused feed shows as disabled whatever else it is: gone_at says whether it must be brought back too.
        if (action.equals("resume") && row.get().goneAt() != null) {
            feeds.reactivate(id);
        }
        String done = switch (action) {
            case "pause" -> "paused";
            case "resume" -> "resumed";
            default -> "re-categorized";
        };
        return new BulkResult.Entry(id, 200, done, null, null, null);
    }

    private Optional<FeedRow> live(long id) {
        return feeds.findById(id).filter(f -> f.deletedAt() == null);
    }

    private static List<Long> ids(@Nullable JsonNode input, int max, List<Problems.FieldError> errors) {
        JsonNode ids = input == null || !input.isObject() ? null : input.get("ids");
        if (ids == null || !ids.isArray() || ids.size() == 0) {
            errors.add(new Problems.FieldError("ids", null, "a list of feed ids, like [3, 8]"));
            return List.of();
        }
        if (ids.size() > max) {
            errors.add(new Problems.FieldError("ids", ids.size() + " ids", "at most " + max
                    + " feeds per request for this action; send the rest in further requests"));
            return List.of();
        }
        List<Long> list = new ArrayList<>();
        int i = 0;
        for (JsonNode id : ids.values()) {
            if (id.isNumber() && id.getNumberValue().doubleValue() == id.getLongValue()) {
                list.add(id.getLongValue());
            } else {
                errors.add(new Problems.FieldError("ids[" + i + "]", id.coerceStringValue(), "a feed id (a number)"));
            }
            i++;
        }
        return list.stream().distinct().toList();
    }

    private static JsonNode categoriesOf(@Nullable JsonNode input, List<Problems.FieldError> errors) {
        JsonNode list = input == null || !input.isObject() ? null : input.get("categories");
        if (list == null || !list.isArray()) {
            errors.add(new Problems.FieldError("categories", null, "a list of category slugs or titles to put the "
                    + "feeds in (replacing theirs), like [\"thoi-su\"]"));
            return null;
        }
        return JsonNode.createObjectNode(Map.of("categories", list));
    }

    /** A whole number query value from min to max, absent when blank; otherwise an error naming field. */
    static int number(String field, @Nullable String text, int absent, int min, int max,
                      List<Problems.FieldError> errors) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Answered below, as a value out of range is.
        }
        errors.add(new Problems.FieldError(field, text, "a whole number from " + min + " to " + max));
        return absent;
    }
}
