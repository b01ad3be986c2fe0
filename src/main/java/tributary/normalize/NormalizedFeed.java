package tributary.normalize;

import java.util.List;

/**
 * A feed document ready to store: its own metadata cleaned (one-line plain text, siteUrl absolute http(s) or null),
 * the publisher's polling wishes, and its items; itemsInDocument counts the items the document held, of which only
 * the first tributary.fetch.max-items were read into items.
 */
public record NormalizedFeed(String title, String siteUrl, String description, String language,
                             PublisherSchedule publisher, List<NormalizedItem> items, int itemsInDocument) {

    /** The items' identity hashes, in document order: what the document still holds, for retention. */
    public List<String> identities() {
        return items.stream().map(NormalizedItem::identityHash).toList();
    }
}
