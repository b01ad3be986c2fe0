package tributary.publish;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import tributary.match.Query;

/** The latest items a query matches, for the admin page's live preview while a topic's query is typed. */
@Singleton
public class QueryPreview {

    /** One match: what the preview lists. */
    public record Match(String title, String url, String feedTitle, Instant published) {
    }

    /**
     * Up to limit of the newest stories the query matches in those categories (slugs; empty for every category).
     * An unknown slug looks nowhere.
     */
    public List<Match> latest(Query query, List<String> categories, int limit) {
        throw new UnsupportedOperationException("publish: being written");
    }
}
