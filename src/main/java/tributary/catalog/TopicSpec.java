package tributary.catalog;

import java.util.List;

/**
 * A topic as feeds.yml declares it: a feed made of a query over stored items. categories are slugs (empty: every
 * category), either the file's or, checked when the file is applied, ones added through the admin API; line is where
 * the entry starts in the file.
 */
public record TopicSpec(String slug, String title, String query, List<String> categories, int line) {

    public TopicSpec {
        categories = List.copyOf(categories);
    }
}
