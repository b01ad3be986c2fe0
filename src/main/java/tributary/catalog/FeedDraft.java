package tributary.catalog;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** A feed to add or the new values of one to change: null fields are left as they are (or default, when adding). */
public record FeedDraft(URI url, String title, List<String> categorySlugs, Duration interval, Boolean enabled) {
}
