package tributary.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tributary.catalog.FeedUrls;
import tributary.catalog.SettingRules;
import tributary.publish.Problems;
import tributary.store.CategoryRepository;
import tributary.store.CategoryRow;
import tributary.store.FeedSettings;

/**
 * Reads the admin API's JSON form of FeedSettings (url, title, categories by slug or title, interval like "15m",
 * enabled, zone) over a feed's current settings: absent fields stay as they are. Every invalid field is named, with
 * its value and what is allowed; the rules are feeds.yml's (SettingRules, FeedUrls).
 */
@Singleton
class FeedInputReader {

    private final CategoryRepository categories;

    FeedInputReader(CategoryRepository categories) {
        this.categories = categories;
    }

    /** @param current null for POST (url required), else the feed's settings (its URL cannot change) */
    FeedSettings read(@Nullable JsonNode input, @Nullable FeedSettings current) {
        if (input == null || !input.isObject()) {
            throw new InvalidInputException(List.of(new Problems.FieldError("body", null,
                    "send a JSON object like {\"url\": \"https://…\", \"categories\": [\"thoi-su\"]}")));
        }
        List<Problems.FieldError> errors = new ArrayList<>();
        URI url = current == null ? null : current.url();
        String urlText = text(input, "url", errors);
        if (current == null && errors.isEmpty()) {
            String problem = FeedUrls.problem(urlText);
            if (problem != null) {
                errors.add(new Problems.FieldError("url", urlText, problem));
            } else {
                url = URI.create(urlText.strip());
            }
        } else if (urlText != null && !urlText.strip().equals(current.url().toString())) {
            errors.add(new Problems.FieldError("url", urlText,
                    "a feed's URL cannot be changed: add the new URL as a feed and delete this one"));
        }
        String title = current == null ? null : current.title();
        String titleText = text(input, "title", errors);
        if (titleText != null && titleText.length() > 500) {
            errors.add(new Problems.FieldError("title", titleText.substring(0, 40) + "…", "at most 500 characters"));
        } else if (titleText != null) {
            title = titleText.isBlank() ? null : titleText.strip();
        }
        List<String> slugs = current == null ? List.of() : current.categories();
        if (present(input, "categories")) {
            slugs = categories(input.get("categories"), errors);
        }
        Duration interval = current == null ? null : current.interval();
        String intervalText = text(input, "interval", errors);
        if (intervalText != null) {
            interval = parsed("interval", intervalText, SettingRules.interval(intervalText), errors);
        }
        boolean enabled = current == null || current.enabled();
        if (present(input, "enabled")) {
            if (input.get("enabled").isBoolean()) {
                enabled = input.get("enabled").getBooleanValue();
            } else {
                errors.add(new Problems.FieldError("enabled", input.get("enabled").coerceStringValue(), "true or false"));
            }
        }
        ZoneId zone = current == null ? null : current.zone();
        String zoneText = text(input, "zone", errors);
        if (zoneText != null) {
            // An empty zone clears it: the feed's dates are read by the default rules again.
            zone = zoneText.isBlank() ? null : parsed("zone", zoneText, SettingRules.zone(zoneText), errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new FeedSettings(url, title, slugs, interval, enabled, zone);
    }

    /** Whether the input switches the feed on (which also brings a gone feed back). */
    static boolean switchesOn(@Nullable JsonNode input) {
        return input != null && input.isObject() && present(input, "enabled") && input.get("enabled").isBoolean()
                && input.get("enabled").getBooleanValue();
    }

    private List<String> categories(JsonNode names, List<Problems.FieldError> errors) {
        List<String> slugs = new ArrayList<>();
        if (!names.isArray()) {
            errors.add(new Problems.FieldError("categories", names.coerceStringValue(), "a list of category slugs or titles"));
            return slugs;
        }
        List<CategoryRow> known = categories.findAllInOrder();
        for (JsonNode node : names.values()) {
            String name = node.isString() ? node.getStringValue().strip() : null;
            Optional<CategoryRow> match = known.stream().filter(c -> name != null
                    && (c.slug().equals(name) || c.title().equalsIgnoreCase(name))).findFirst();
            if (match.isEmpty()) {
                errors.add(new Problems.FieldError("categories", node.coerceStringValue(), "unknown category; known: "
                        + String.join(", ", known.stream().map(CategoryRow::slug).toList())));
            } else if (!slugs.contains(match.get().slug())) {
                slugs.add(match.get().slug());
            }
        }
        return slugs;
    }

    private static <T> T parsed(String field, String text, SettingRules.Parsed<T> parsed, List<Problems.FieldError> errors) {
        if (parsed.problem() != null) {
            errors.add(new Problems.FieldError(field, text, "'" + text + "' " + parsed.problem()));
        }
        return parsed.value();
    }

    /** The field's text; null when absent or JSON null (left as it is), an error when it is not a string. */
    private static String text(JsonNode input, String field, List<Problems.FieldError> errors) {
        if (!present(input, field)) {
            return null;
        }
        JsonNode value = input.get(field);
        if (!value.isString()) {
            errors.add(new Problems.FieldError(field, value.coerceStringValue(), "a text value"));
            return null;
        }
        return value.getStringValue();
    }

    private static boolean present(JsonNode input, String field) {
        return input.get(field) != null && !input.get(field).isNull();
    }
}
