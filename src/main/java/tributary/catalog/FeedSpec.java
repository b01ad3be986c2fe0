package tributary.catalog;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** A feed as feeds.yml declares it, with its categories resolved to slugs; title, interval and zone may be null. */
public record FeedSpec(URI url, String title, List<String> categorySlugs, Duration interval, boolean enabled, int line,
                       ZoneId zone) {

    public FeedSpec(URI url, String title, List<String> categorySlugs, Duration interval, boolean enabled, int line) {
        this(url, title, categorySlugs, interval, enabled, line, null);
    }
}
