package tributary.admin;

import io.micronaut.http.HttpParameters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tributary.catalog.FeedUrls;
import tributary.catalog.SettingRules;
import tributary.publish.Problems;
import tributary.store.CatalogReader;
import tributary.store.FeedRepository;
import tributary.store.FeedSettings;
import tributary.store.LatestItems;

/**
 * GET /admin/extract: what full text would publish for a page. ?url= a page (with ?selector= and repeated ?remove=),
 * or ?feed={id}: the feed's latest item's link with the feed's own selector and remove selectors, which ?selector=
 * and ?remove= replace for trying others (an empty one clears it).
 */
@Controller("/admin/extract")
@ExecuteOn(TaskExecutors.BLOCKING)
class ExtractController {

    private final FeedRepository feeds;
    private final CatalogReader catalog;
    private final LatestItems latest;
    private final ArticlePreviewer previewer;

    ExtractController(FeedRepository feeds, CatalogReader catalog, LatestItems latest, ArticlePreviewer previewer) {
        this.feeds = feeds;
        this.catalog = catalog;
        this.latest = latest;
        this.previewer = previewer;
    }

    @Get
    HttpResponse<?> extract(HttpRequest<?> request) {
        HttpParameters params = request.getParameters();
        String url = blankToNull(params.get("url"));
        String feed = blankToNull(params.get("feed"));
        List<Problems.FieldError> errors = new ArrayList<>();
        if ((url == null) == (feed == null)) {
            errors.add(new Problems.FieldError(url == null ? "url" : "feed", null, url == null
                    ? "give ?url=https://… (a page) or ?feed={id} (its latest item's page)" : "give url or feed, not both"));
        }
        String selector = selector(params, errors);
        List<String> remove = remove(params, errors);
        Long feedId = feed == null ? null : feedId(feed, errors);
        URI page = url == null || !errors.isEmpty() ? null : page(url, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (feedId == null) {
            return HttpResponse.ok(previewer.preview(page, selector, remove, null, null, null));
        }
        return previewFeed(feedId, params.contains("selector"), selector, params.contains("remove"), remove);
    }

    /** The feed's own selector and remove selectors, unless the request gives them (even empty: then none). */
    private HttpResponse<?> previewFeed(long id, boolean selectorGiven, String selector, boolean removeGiven,
                                        List<String> remove) {
        Optional<FeedSettings> settings = feeds.findById(id).filter(f -> f.deletedAt() == null)
                .flatMap(f -> catalog.feedSettings(id));
        if (settings.isEmpty()) {
            return Problems.of(HttpStatus.NOT_FOUND, "No such feed", "There is no feed #" + id
                    + "; GET /admin/feeds lists them.");
        }
        Optional<LatestItems.LatestItem> item = latest.withLink(id);
        if (item.isEmpty()) {
            return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "No item to preview", "Feed #" + id
                    + " has no stored item with a link yet: refresh it (POST /admin/feeds/" + id
                    + "/refresh), or preview a page with ?url=.");
        }
        String problem = FeedUrls.problem(item.get().url());
        if (problem != null) {
            return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "No page to preview", "The latest item of feed #" + id
                    + " links to no page Tributary fetches: " + problem);
        }
        FeedSettings.FullText fullText = settings.get().fullText();
        return HttpResponse.ok(previewer.preview(URI.create(item.get().url().strip()),
                selectorGiven ? selector : fullText.selector(), removeGiven ? remove : fullText.remove(),
                item.get().summary(), id, item.get().title()));
    }

    /** The selector asked for; blank is none. Checked as feeds.yml's full_text_selector is. */
    private static String selector(HttpParameters params, List<Problems.FieldError> errors) {
        String text = params.get("selector");
        if (text == null || text.isBlank()) {
            return null;
        }
        SettingRules.Parsed<String> parsed = SettingRules.selector(text);
        if (parsed.problem() != null) {
            errors.add(new Problems.FieldError("selector", text, "selector '" + text + "' " + parsed.problem()));
        }
        return parsed.value();
    }

    /** The remove selectors asked for, blank ones left out (so a lone empty ?remove= asks for none). */
    private static List<String> remove(HttpParameters params, List<Problems.FieldError> errors) {
        List<String> remove = new ArrayList<>();
        for (String text : params.getAll("remove")) {
            if (text.isBlank()) {
                continue;
            }
            SettingRules.Parsed<String> parsed = SettingRules.selector(text);
            if (parsed.problem() != null) {
                errors.add(new Problems.FieldError("remove", text, "remove '" + text + "' " + parsed.problem()));
            } else if (!remove.contains(parsed.value())) {
                remove.add(parsed.value());
            }
        }
        return remove;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static Long feedId(String text, List<Problems.FieldError> errors) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            errors.add(new Problems.FieldError("feed", text, "a feed's id, a number as GET /admin/feeds shows it"));
            return null;
        }
    }

    /** The page's URL, under the rule for a feed's URL (absolute http or https with a host). */
    private static URI page(String text, List<Problems.FieldError> errors) {
        String problem = FeedUrls.problem(text);
        if (problem != null) {
            errors.add(new Problems.FieldError("url", text, problem));
            return null;
        }
        return URI.create(text.strip());
    }
}
