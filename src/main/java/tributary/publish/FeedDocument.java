package tributary.publish;

import java.time.Instant;
import java.util.List;

/**
 * Everything a renderer needs for one page of a merged feed. selfUrl is the URL being served (atom:link self,
 * feed_url), id the feed's permanent id (its first page's URL), homeUrl the HTML index, updated the newest story's
 * date (null when there is none), nextUrl the next page (null on the last), firstUrl the first page (null on it),
 * language the language most of its feeds declare (null when none does).
 */
public record FeedDocument(String id, String title, String description, String homeUrl, String selfUrl,
                           Instant updated, int ttlMinutes, List<Story> stories, String nextUrl,
                           String firstUrl, String language) {
}
