package tributary.normalize;

import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import tributary.parse.ParsedFeed;
import tributary.parse.ParsedItem;

/** Turns a parsed document into a NormalizedFeed: the feed's own metadata and schedule, and each item. */
@Singleton
public class FeedNormalizer {

    private final ItemNormalizer items;

    public FeedNormalizer(ItemNormalizer items) {
        this.items = items;
    }

    /**
     * @param feedId   the feed the document belongs to
     * @param base     what relative links resolve against (where the document came from)
     * @param feedZone the zone the admin named for this feed's zoneless dates; null to derive it
     * @param now      when the document arrived, for dates in the future
     */
    public NormalizedFeed normalize(ParsedFeed parsed, long feedId, URI base, ZoneId feedZone, Instant now) {
        List<NormalizedItem> normalized = new ArrayList<>(parsed.items().size());
        for (ParsedItem item : parsed.items()) {
            // The language as declared, not cleaned: the zone resolver reads it the way it always has.
            normalized.add(items.normalize(item, feedId, base, parsed.language(), feedZone, now));
        }
        return new NormalizedFeed(TextCleaner.plainLine(parsed.title()),
                UrlCanonicalizer.resolve(parsed.siteUrl(), base),
                TextCleaner.plainLine(parsed.description()),
                TextCleaner.plainLine(parsed.language()),
                PublisherSchedule.of(parsed.schedule()), List.copyOf(normalized), parsed.itemsInDocument());
    }
}
