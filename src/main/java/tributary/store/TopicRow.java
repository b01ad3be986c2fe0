package tributary.store;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import tributary.normalize.TextCleaner;

/**
 * A row of the topic table: a feed made of a query over stored items, published like a category.
 *
 * @param categories the slugs of the categories it looks in; empty for every category
 */
public record TopicRow(long id, String slug, String title, String query, List<String> categories, String origin,
                       @Nullable Integer sourceLine, int position) {

    public TopicRow {
        title = TextCleaner.xmlSafe(title);
        categories = List.copyOf(categories);
    }
}
