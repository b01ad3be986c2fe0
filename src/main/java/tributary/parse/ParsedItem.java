package tributary.parse;

import java.time.Instant;
import java.util.List;

/** One entry of a source feed, as written there: text raw, links possibly relative, any field but tags may be null. */
public record ParsedItem(
        String guid,
        String link,
        String title,
        String summary,
        String content,
        String author,
        List<String> tags,
        ParsedEnclosure enclosure,
        Instant published,
        Instant updated) {
}
