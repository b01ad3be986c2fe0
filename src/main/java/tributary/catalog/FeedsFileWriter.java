package tributary.catalog;

import java.util.List;
import java.util.Map;
import tributary.store.CategoryRow;
import tributary.store.FeedSettings;
import tributary.store.TopicRow;

/** Writes the current catalog in feeds.yml's own format, so an admin can commit what the API changed. */
public final class FeedsFileWriter {

    private FeedsFileWriter() {
    }

    /**
     * @param feeds  the live feeds' settings, in the order to list them; each written in FeedSettingsForm's form
     * @param topics every topic, in order; the 'topics:' key is left out when there are none
     */
    public static String write(List<CategoryRow> categories, List<FeedSettings> feeds, List<TopicRow> topics) {
        StringBuilder yaml = new StringBuilder("# Exported by Tributary: every category, feed and topic, from the file"
                + " and the admin API.\n");
        // An empty list is written as '[]': the parser refuses a bare 'categories:' or 'feeds:' (see FeedsFileParser).
        yaml.append(categories.isEmpty() ? "categories: []\n" : "categories:\n");
        for (CategoryRow c : categories) {
            yaml.append("  - slug: ").append(c.slug()).append('\n');
            yaml.append("    title: ").append(quote(c.title())).append('\n');
            if (c.description() != null) {
                yaml.append("    description: ").append(quote(c.description())).append('\n');
            }
            if (!c.block().isEmpty()) {
                yaml.append("    block: ").append(value("block", c.block())).append('\n');
            }
            if (!c.clustering()) {
                yaml.append("    clustering: false\n");
            }
        }
        yaml.append(feeds.isEmpty() ? "feeds: []\n" : "feeds:\n");
        for (FeedSettings feed : feeds) {
            String indent = "  - ";
            for (Map.Entry<String, Object> field : FeedSettingsForm.write(feed).entrySet()) {
                yaml.append(indent).append(field.getKey()).append(": ").append(value(field.getKey(), field.getValue()))
                        .append('\n');
                indent = "    ";
            }
        }
        if (!topics.isEmpty()) {
            yaml.append("topics:\n");
        }
        for (TopicRow t : topics) {
            yaml.append("  - slug: ").append(t.slug()).append('\n');
            yaml.append("    title: ").append(quote(t.title())).append('\n');
            yaml.append("    query: ").append(quote(t.query())).append('\n');
            if (!t.categories().isEmpty()) {
                yaml.append("    categories: ").append(value("categories", t.categories())).append('\n');
            }
        }
        return yaml.toString();
    }

    /** A YAML double-quoted scalar: safe for any text, colons and '#' included. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * A flow list (category slugs bare, other text such as selectors and rules quoted: a rule may read as YAML's null,
     * true or a number), text quoted, anything else as it prints.
     */
    private static String value(String key, Object value) {
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(Object::toString)
                    .map(item -> key.equals("categories") && item.matches("[a-z0-9-]+") ? item : quote(item))
                    .toList()) + "]";
        }
        return value instanceof String text ? quote(text) : value.toString();
    }
}
