package tributary.catalog;

import java.time.Duration;
import java.util.List;
import tributary.store.CategoryRow;
import tributary.store.FeedSettings;

/** Writes the current catalog in feeds.yml's own format, so an admin can commit what the API changed. */
public final class FeedsFileWriter {

    private FeedsFileWriter() {
    }

    /** @param feeds the live feeds' settings, in the order to list them */
    public static String write(List<CategoryRow> categories, List<FeedSettings> feeds) {
        StringBuilder yaml = new StringBuilder("# Exported by Tributary: every category and feed, from the file and the admin API.\n");
        // An empty list is written as '[]': the parser refuses a bare 'categories:' or 'feeds:' (see FeedsFileParser).
        yaml.append(categories.isEmpty() ? "categories: []\n" : "categories:\n");
        for (CategoryRow c : categories) {
            yaml.append("  - slug: ").append(c.slug()).append('\n');
            yaml.append("    title: ").append(quote(c.title())).append('\n');
            if (c.description() != null) {
                yaml.append("    description: ").append(quote(c.description())).append('\n');
            }
        }
        yaml.append(feeds.isEmpty() ? "feeds: []\n" : "feeds:\n");
        for (FeedSettings f : feeds) {
            yaml.append("  - url: ").append(quote(f.url().toString())).append('\n');
            if (f.title() != null) {
                yaml.append("    title: ").append(quote(f.title())).append('\n');
            }
            yaml.append("    categories: [").append(String.join(", ", f.categories())).append("]\n");
            if (f.interval() != null) {
                yaml.append("    interval: ").append(interval(f.interval())).append('\n');
            }
            if (f.zone() != null) {
                yaml.append("    zone: ").append(quote(f.zone().getId())).append('\n');
            }
            if (!f.enabled()) {
                yaml.append("    enabled: false\n");
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

    /** 5400 s → "1h30m"; the form feeds.yml reads back. */
    static String interval(Duration d) {
        long s = d.toSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 86400 && s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s / 3600 > 0) {
            out.append(s / 3600).append('h');
        }
        if (s % 3600 / 60 > 0) {
            out.append(s % 3600 / 60).append('m');
        }
        if (s % 60 > 0) {
            out.append(s % 60).append('s');
        }
        return out.toString();
    }
}
