package tributary.catalog;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** A feed as feeds.yml declares it, with its categories resolved to slugs; title and interval may be null. */
public record FeedSpec(URI url, String title, List<String> categorySlugs, Duration interval, boolean enabled, int line) {
}
