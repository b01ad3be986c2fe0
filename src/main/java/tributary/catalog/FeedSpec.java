package tributary.catalog;

import tributary.store.FeedSettings;

/** A feed as feeds.yml declares it: its settings (categories resolved to slugs) and the line its entry starts on. */
public record FeedSpec(FeedSettings settings, int line) {
}
