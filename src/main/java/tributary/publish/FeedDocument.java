package tributary.publish;

import java.time.Instant;
import java.util.List;

/**
 * Everything a renderer needs for one merged feed: selfUrl is the URL being served (for atom:link and feed_url),
 * homeUrl the HTML page of the category, updated the newest story's date (null when there is none).
 */
public record FeedDocument(String title, String description, String homeUrl, String selfUrl, Instant updated,
                           int ttlMinutes, List<Story> stories) {
}
