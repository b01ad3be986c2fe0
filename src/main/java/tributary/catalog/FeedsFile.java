package tributary.catalog;

import java.util.List;

/**
 * The validated content of feeds.yml; name is the file as named in messages, categoriesLine the line of its
 * 'categories:' key (1 when it has none), where a refusal about the list as a whole points.
 */
public record FeedsFile(String name, List<CategorySpec> categories, List<FeedSpec> feeds, List<TopicSpec> topics,
                        int categoriesLine) {

    public FeedsFile {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }
}
