package tributary.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.LocalDateTime;
import java.util.List;
import tributary.normalize.TextCleaner;

/**
 * A row of the category table. Title and description are made XML-safe when read: admins type them, and the HTML
 * index, the OPML and every feed page print them. clustering false: the category's outputs list every copy of a
 * story cluster as its own entry (V15).
 */
@MappedEntity("category")
public record CategoryRow(
        @Id @GeneratedValue @Nullable Long id,
        String slug,
        String title,
        @Nullable String description,
        String origin,
        @Nullable Integer sourceLine,
        int position,
        LocalDateTime createdAt,
        @Nullable String blockRules,
        boolean clustering) {

    /** The slug reserved for the merge of every category (/feeds/all.rss); no category may take it. */
    public static final String ALL = "all";

    /** The category's block rules as written (match.Query grammar), one per line in block_rules. */
    public List<String> block() {
        return FeedSettingsColumns.fromLines(blockRules);
    }

    public CategoryRow {
        title = TextCleaner.xmlSafe(title);
        description = TextCleaner.xmlSafe(description);
    }
}
