package tributary.publish;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tributary.match.Query;

/** The latest items a query matches, for the admin page's live preview while a topic's query is typed. */
@Singleton
public class QueryPreview {

    /** The most matches one preview lists. */
    public static final int MAX_LIMIT = 50;

    /** One match: what the preview lists. */
    public record Match(String title, String url, String feedTitle, Instant published) {
    }

    private final PageScopes scopes;
    private final StoryAssembler stories;

    QueryPreview(PageScopes scopes, StoryAssembler stories) {
        this.scopes = scopes;
        this.stories = stories;
    }

    /**
     * Up to limit (at most {@link #MAX_LIMIT}) of the newest stories the query matches in those categories (slugs;
     * empty for every category), as the topic's feed would list them. An unknown slug looks nowhere.
     */
    public List<Match> latest(Query query, List<String> categories, int limit) {
        StoryAssembler.Page page = stories.page(scopes.preview(query, categories),
                Math.max(1, Math.min(limit, MAX_LIMIT)), null);
        List<Match> matches = new ArrayList<>(page.stories().size());
        for (Story story : page.stories()) {
            String feed = story.sources().isEmpty() ? null : story.sources().get(0).feedTitle();
            matches.add(new Match(story.title(), story.url(), feed, story.published()));
        }
        return matches;
    }
}
