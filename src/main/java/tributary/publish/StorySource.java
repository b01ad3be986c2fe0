package tributary.publish;

import java.time.Instant;
import tributary.normalize.FeedUrlRedactor;
import tributary.normalize.TextCleaner;

/**
 * A feed a story came through, and the story's own link there. updated is when the feed last brought new or changed
 * items (atom:source's atom:updated). Built here, so no renderer can forget: the feed's URLs lose their secrets
 * (user-info, credential parameters) and every field loses the characters XML forbids; a feed without a title is
 * named by its redacted URL.
 */
public record StorySource(String feedTitle, String feedUrl, String siteUrl, String itemUrl, Instant updated) {

    public StorySource {
        feedUrl = TextCleaner.xmlSafe(FeedUrlRedactor.redact(feedUrl));
        siteUrl = TextCleaner.xmlSafe(FeedUrlRedactor.redact(siteUrl));
        itemUrl = TextCleaner.xmlSafe(itemUrl);
        feedTitle = TextCleaner.xmlSafe(feedTitle);
        if (feedTitle == null || feedTitle.isBlank()) {
            feedTitle = feedUrl;
        }
    }
}
