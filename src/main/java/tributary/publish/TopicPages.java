package tributary.publish;

import jakarta.inject.Singleton;
import java.util.Optional;

/** The first page of a feed as GET /feeds/{slug}.{ext} serves it, for the hub to deliver to its subscribers. */
@Singleton
public class TopicPages {

    private final FeedPageRenderer pages;

    TopicPages(FeedPageRenderer pages) {
        this.pages = pages;
    }

    /** The page, or empty when the category no longer exists; through the render cache, like a reader's request. */
    public Optional<RenderedFeed> firstPage(String slug, FeedFormat format, String base) {
        return pages.render(new PageKey(slug, format, PageKey.DEFAULT_LIMIT, null, base));
    }

    /** The address of that page, as its self link says. */
    public static String feedUrl(String slug, FeedFormat format, String base) {
        return new PageKey(slug, format, PageKey.DEFAULT_LIMIT, null, base).feedUrl();
    }
}
