package tributary.store;

import java.time.Instant;
import java.util.List;

/**
 * One stored copy of an item with the feed it came through, as publishing reads it. feedTitle is null when the feed
 * has none; feedUpdated is when the feed last stored new or changed items (else its last successful poll). summary
 * and content are the feed's own; article is the one taken from the item's page (full text), null until then.
 */
public record StoredItem(
        long id,
        long feedId,
        String storyHash,
        String guid,
        String url,
        String title,
        String summary,
        String content,
        String article,
        String author,
        List<String> tags,
        String enclosureUrl,
        String enclosureType,
        Long enclosureLength,
        Instant published,
        Instant firstSeen,
        Instant modified,
        String feedUrl,
        String feedTitle,
        String feedSiteUrl,
        Instant feedUpdated) {
}
