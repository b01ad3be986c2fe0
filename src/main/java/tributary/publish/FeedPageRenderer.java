package tributary.publish;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tributary.store.ItemReader;

/** Renders one page of a category, a topic or everything, in one format, through the render cache. */
@Singleton
class FeedPageRenderer {

    private final PageScopes scopes;
    private final StoryAssembler stories;
    private final RssRenderer rss;
    private final AtomRenderer atom;
    private final JsonFeedRenderer json;
    private final RenderCache cache;
    private final ItemReader items;
    private final PublishConfig config;
    private final HubAddress hub;

    FeedPageRenderer(PageScopes scopes, StoryAssembler stories, RssRenderer rss, AtomRenderer atom,
                     JsonFeedRenderer json, RenderCache cache, ItemReader items, PublishConfig config,
                     HubAddress hub) {
        this.scopes = scopes;
        this.stories = stories;
        this.rss = rss;
        this.atom = atom;
        this.json = json;
        this.cache = cache;
        this.items = items;
        this.config = config;
        this.hub = hub;
    }

    /** The page when a current render is cached: answered without touching the database. */
    RenderedFeed cached(PageKey key) {
        return cache.peek(key);
    }

    /**
     * The page, or empty when the category does not exist.
     *
     * @throws PageUnavailableException when it is not cached and cannot be rendered now (the database is away)
     */
    Optional<RenderedFeed> render(PageKey key) {
        return Optional.ofNullable(cache.get(key, () -> renderNow(key)));
    }

    private RenderedFeed renderNow(PageKey key) {
        String slug = key.slug();
        Optional<PageScopes.Scope> found = scopes.of(key);
        if (found.isEmpty()) {
            return null;
        }
        PageScopes.Scope scope = found.get();
        String title = scope.title();
        String description = scope.description();
        if (key.searched()) {
            description = (description == null ? "" : description + "; ")
                    + (key.q() == null ? "" : "matching " + key.q() + (key.since() == null ? "" : ", "))
                    + (key.since() == null ? "" : "since " + key.since());
        }
        Long categoryId = scope.languageCategory();
        StoryAssembler.Page page = stories.page(scope.filter(), key.limit(), key.before());
        String next = page.next() == null ? null : key.pageUrl(page.next());
        String first = key.before() == null ? null : key.pageUrl(null);
        Instant changed = lastChanged(page.stories());
        FeedDocument doc = new FeedDocument("urn:tributary:feed:" + slug, title, description, key.base() + "/",
                key.selfUrl(), changed, (int) Math.max(1, config.maxAge().toMinutes()), page.stories(), next, first,
                items.languageOf(categoryId), hub.hubUrl(key.base()));
        byte[] body = switch (key.format()) {
            case RSS -> rss.render(doc);
            case ATOM -> atom.render(doc);
            case JSON -> json.render(doc);
        };
        Instant lastModified = changed != null ? changed : Instant.EPOCH;
        return RenderedFeed.of(key.format().contentType(), body, lastModified);
    }

    private static Instant lastChanged(List<Story> stories) {
        Instant latest = null;
        for (Story story : stories) {
            if (story.changed() != null && (latest == null || story.changed().isAfter(latest))) {
                latest = story.changed();
            }
        }
        return latest;
    }
}
