package tributary.publish;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tributary.store.PageCursor;

/**
 * What the reader pages (tributary.web) read, the way the feeds read it: a slug's scope (a category less its block
 * rules, a topic's query, or all), its stories paged by the feeds' cursor, and the render cache they are kept in.
 */
@Singleton
public class StoryPages {

    /** One page of a slug's stories: the scope's title and description, and where the next page starts (or null). */
    public record Listing(String title, String description, List<Story> stories, PageCursor next) {
    }

    private final PageScopes scopes;
    private final StoryAssembler assembler;
    private final RenderCache cache;

    StoryPages(PageScopes scopes, StoryAssembler assembler, RenderCache cache) {
        this.scopes = scopes;
        this.assembler = assembler;
        this.cache = cache;
    }

    /** The newest limit stories of slug from before on (null: the first page); empty when the slug names nothing. */
    public Optional<Listing> page(String slug, int limit, PageCursor before) {
        return page(slug, limit, before, false);
    }

    /** As above; clustersOff lists every copy of a story cluster as its own story (?clusters=off). */
    public Optional<Listing> page(String slug, int limit, PageCursor before, boolean clustersOff) {
        // The JSON Feed key of the same page: a scope depends on the slug and the search only, not on the format.
        PageKey key = new PageKey(slug, FeedFormat.JSON, limit, before, "", null, null, null, clustersOff);
        return scopes.of(key).map(scope -> {
            StoryAssembler.Page page = assembler.page(scope.filter(), limit, before);
            return new Listing(scope.title(), scope.description(), page.stories(), page.next());
        });
    }

    /** The page when a current render is cached, without touching the database: null on a miss. */
    public RenderedFeed cached(CacheKey key) {
        return cache.peek(key);
    }

    /**
     * The cached page, else render's, kept until a change of the key's slug; null when render gives null.
     *
     * @throws PageUnavailableException when it is not cached and cannot be rendered now (the database is away)
     */
    public RenderedFeed render(CacheKey key, Supplier<RenderedFeed> render) {
        return cache.get(key, render);
    }
}
