package tributary.catalog;

import java.util.List;

/** The validated content of feeds.yml. */
public record FeedsFile(List<CategorySpec> categories, List<FeedSpec> feeds) {
}
