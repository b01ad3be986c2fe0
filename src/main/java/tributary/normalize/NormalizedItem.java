package tributary.normalize;

import java.time.Instant;
import java.util.List;

/**
 * An item ready to store: text NFC and well-formed, HTML sanitized, links absolute.
 * identityHash names it within its feed, storyHash across feeds, contentHash tells a changed copy.
 * published is null when the source gave no usable date (the store then takes the first-seen time).
 * siteTitleKey names "this title on this site" for the cross-feed rule where links differ; null without a title.
 */
public record NormalizedItem(
        String identityHash,
        String storyHash,
        String contentHash,
        String guid,
        String url,
        String canonicalUrl,
        String title,
        String summary,
        String content,
        String author,
        List<String> tags,
        String enclosureUrl,
        String enclosureType,
        Long enclosureLength,
        Instant published,
        String siteTitleKey) {
}
