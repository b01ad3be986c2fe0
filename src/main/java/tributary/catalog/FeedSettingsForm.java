package tributary.catalog;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tributary.store.FeedSettings;

/**
 * FeedSettings as keys and text values: the one form feeds.yml (FeedsFileParser, FeedsFileWriter) and the admin API
 * (its JSON in, and the "settings" it shows) share, so they accept, refuse and write the same things. A new per-feed
 * setting is a key here, read and written, next to its component in FeedSettings.
 */
public final class FeedSettingsForm {

    /** The keys, in the order they are written. */
    public static final List<String> KEYS = List.of("url", "title", "categories", "interval", "zone", "full_text",
            "full_text_selector", "full_text_remove", "keep", "block", "enabled");

    /** The keys whose value is a list (a YAML sequence, a JSON array); a single value stands for a list of one. */
    public static final Set<String> LIST_KEYS = Set.of("categories", "full_text_remove", "keep", "block");

    private static final int MAX_TITLE = 500;

    /** Where read reports a refused value: its key, its index in a list (-1 for a single value), and why. */
    public interface Problems {
        void refuse(String key, int index, String value, String reason);
    }

    /** Resolves a category name (slug or title) to its slug, null when there is none; unknown says what to do. */
    public interface CategoryNames {
        String slug(String name);

        String unknown(String name);
    }

    private FeedSettingsForm() {
    }

    /**
     * The settings the fields give over base, or null when a value was refused (each one reported to problems).
     * Values are text, or a list of texts for the LIST_KEYS (keep and block rules checked by RuleChecks), or a Boolean
     * for enabled and full_text; an absent or null key keeps base's value. A null base is a new feed: url is required,
     * the rest defaults.
     */
    public static FeedSettings read(Map<String, ?> fields, FeedSettings base, CategoryNames names, Problems problems) {
        int[] refused = {0};
        Problems counted = (key, index, value, reason) -> {
            refused[0]++;
            problems.refuse(key, index, value, reason);
        };
        FeedSettings current = base == null ? FeedSettings.of(null) : base;
        FeedSettings settings = new FeedSettings(url(fields.get("url"), base, counted),
                text(fields, "title") == null ? current.title() : title(text(fields, "title"), counted),
                fields.get("categories") == null ? current.categories()
                        : categories(fields.get("categories"), names, counted),
                text(fields, "interval") == null ? current.interval() : interval(text(fields, "interval"), counted),
                fields.get("enabled") == null ? current.enabled() : bool("enabled", fields.get("enabled"), counted),
                text(fields, "zone") == null ? current.zone() : zone(text(fields, "zone"), counted),
                fullText(fields, current.fullText(), counted), filters(fields, current.filters(), counted));
        return refused[0] == 0 ? settings : null;
    }

    /** The settings as fields, defaults (no title, interval or zone; enabled) left out: what read takes back. */
    public static Map<String, Object> write(FeedSettings settings) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("url", settings.url().toString());
        if (settings.title() != null) {
            fields.put("title", settings.title());
        }
        fields.put("categories", settings.categories());
        if (settings.interval() != null) {
            fields.put("interval", interval(settings.interval()));
        }
        if (settings.zone() != null) {
            fields.put("zone", settings.zone().getId());
        }
        FeedSettings.FullText fullText = settings.fullText();
        if (fullText.enabled()) {
            fields.put("full_text", true);
        }
        if (fullText.selector() != null) {
            fields.put("full_text_selector", fullText.selector());
        }
        if (!fullText.remove().isEmpty()) {
            fields.put("full_text_remove", fullText.remove());
        }
        if (!settings.filters().keep().isEmpty()) {
            fields.put("keep", settings.filters().keep());
        }
        if (!settings.filters().block().isEmpty()) {
            fields.put("block", settings.filters().block());
        }
        if (!settings.enabled()) {
            fields.put("enabled", false);
        }
        return fields;
    }

    /** 5400 s → "1h30m"; the form IntervalParser reads back. */
    static String interval(Duration d) {
        long s = d.toSeconds();
        if (s >= 86400 && s % 86400 == 0) {
            return s / 86400 + "d";
        }
        StringBuilder out = new StringBuilder();
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

    private static URI url(Object value, FeedSettings base, Problems problems) {
        String text = value == null ? null : value.toString();
        if (base != null) {
            if (text != null && !text.strip().equals(base.url().toString())) {
                problems.refuse("url", -1, text, "a feed's URL cannot be changed: add the new URL as a feed and delete"
                        + " this one");
            }
            return base.url();
        }
        String problem = FeedUrls.problem(text);
        if (problem != null) {
            problems.refuse("url", -1, text, problem);
            return null;
        }
        return URI.create(text.strip());
    }

    private static String title(String text, Problems problems) {
        if (text.length() > MAX_TITLE) {
            problems.refuse("title", -1, text.substring(0, 40) + "…", "a title has at most " + MAX_TITLE + " characters");
        }
        // An empty title clears the override: the feed's own title shows again.
        return text.isBlank() ? null : text.strip();
    }

    private static List<String> categories(Object value, CategoryNames names, Problems problems) {
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String name = items.get(i) == null ? null : items.get(i).toString().strip();
            String slug = name == null ? null : names.slug(name);
            if (slug == null) {
                problems.refuse("categories", i, name, names.unknown(name));
            } else if (!slugs.contains(slug)) {
                slugs.add(slug);
            }
        }
        return slugs;
    }

    private static Duration interval(String text, Problems problems) {
        // An empty interval clears it, as for title and zone: the default interval applies again.
        return text.isBlank() ? null : value("interval", text, SettingRules.interval(text), problems);
    }

    private static ZoneId zone(String text, Problems problems) {
        // An empty zone clears it: the feed's dates are read by the default rules again.
        return text.isBlank() ? null : value("zone", text, SettingRules.zone(text), problems);
    }

    private static FeedSettings.FullText fullText(Map<String, ?> fields, FeedSettings.FullText current,
                                                  Problems problems) {
        boolean enabled = fields.get("full_text") == null ? current.enabled()
                : bool("full_text", fields.get("full_text"), problems);
        String selectorText = text(fields, "full_text_selector");
        // An empty selector clears it: the site's built-in rule, else the readability heuristic, decides again.
        String selector = selectorText == null ? current.selector()
                : selectorText.isBlank() ? null : value("full_text_selector", selectorText,
                        SettingRules.selector(selectorText), problems);
        List<String> remove = current.remove();
        if (fields.get("full_text_remove") != null) {
            remove = new ArrayList<>();
            List<?> items = fields.get("full_text_remove") instanceof List<?> list ? list
                    : List.of(fields.get("full_text_remove"));
            for (int i = 0; i < items.size(); i++) {
                String item = items.get(i) == null ? "" : items.get(i).toString();
                SettingRules.Parsed<String> parsed = SettingRules.selector(item);
                if (parsed.problem() != null) {
                    problems.refuse("full_text_remove", i, item, "full_text_remove '" + item + "' " + parsed.problem());
                } else if (!remove.contains(parsed.value())) {
                    remove.add(parsed.value());
                }
            }
        }
        return new FeedSettings.FullText(enabled, selector, remove);
    }

    private static FeedSettings.Filters filters(Map<String, ?> fields, FeedSettings.Filters current,
                                                Problems problems) {
        return new FeedSettings.Filters(rules(fields, "keep", current.keep(), problems),
                rules(fields, "block", current.block(), problems));
    }

    /** A list of rules, each checked (RuleChecks); an empty list clears it. Repeated rules are kept once. */
    private static List<String> rules(Map<String, ?> fields, String key, List<String> current, Problems problems) {
        Object value = fields.get(key);
        if (value == null) {
            return current;
        }
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        List<String> rules = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String rule = items.get(i) == null ? "" : items.get(i).toString().strip();
            String problem = RuleChecks.ruleProblem(rule);
            if (problem != null) {
                problems.refuse(key, i, rule, key + " rule '" + rule + "': " + problem);
            } else if (!rules.contains(rule)) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private static boolean bool(String key, Object value, Problems problems) {
        if (value instanceof Boolean b) {
            return b;
        }
        Boolean parsed = SettingRules.bool(value.toString());
        if (parsed == null) {
            problems.refuse(key, -1, value.toString(), key + " must be true or false, not '" + value + "'");
            return key.equals("enabled");
        }
        return parsed;
    }

    private static <T> T value(String key, String text, SettingRules.Parsed<T> parsed, Problems problems) {
        if (parsed.problem() != null) {
            problems.refuse(key, -1, text, key + " '" + text + "' " + parsed.problem());
        }
        return parsed.value();
    }

    private static String text(Map<String, ?> fields, String key) {
        Object value = fields.get(key);
        return value == null ? null : value.toString();
    }
}
