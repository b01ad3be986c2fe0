package tributary.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tributary.catalog.FeedSettingsForm;
import tributary.publish.Problems;
import tributary.store.CategoryRepository;
import tributary.store.CategoryRow;
import tributary.store.FeedSettings;

/**
 * Reads the admin API's JSON for a feed, feeds.yml's keys and rules (FeedSettingsForm) over a feed's current
 * settings: absent fields stay as they are; categories are named by slug or title. Every invalid field is named
 * (an entry of a list as key[i], like categories[1] or keep[0]), with its value and what is allowed.
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
        Map<String, Object> fields = new HashMap<>();
        for (String key : FeedSettingsForm.KEYS) {
            JsonNode value = input.get(key);
            if (value != null && !value.isNull()) {
                fields.put(key, plain(value));
            }
        }
        List<Problems.FieldError> errors = new ArrayList<>();
        FeedSettings settings = FeedSettingsForm.read(fields, current, names(),
                (key, index, value, reason) -> errors.add(
                        new Problems.FieldError(index >= 0 ? key + "[" + index + "]" : key, value, reason)));
        if (settings == null) {
            throw new InvalidInputException(errors);
        }
        return settings;
    }

    /** Whether the input switches the feed on (which also brings a gone feed back). */
    static boolean switchesOn(@Nullable JsonNode input) {
        JsonNode enabled = input == null || !input.isObject() ? null : input.get("enabled");
        return enabled != null && enabled.isBoolean() && enabled.getBooleanValue();
    }

    private FeedSettingsForm.CategoryNames names() {
        List<CategoryRow> known = categories.findAllInOrder();
        return new FeedSettingsForm.CategoryNames() {
            @Override
            public String slug(String name) {
                return known.stream().filter(c -> c.slug().equals(name) || c.title().equalsIgnoreCase(name))
                        .map(CategoryRow::slug).findFirst().orElse(null);
            }

            @Override
            public String unknown(String name) {
                return "unknown category; known: " + String.join(", ", known.stream().map(CategoryRow::slug).toList());
            }
        };
    }

    /** A JSON value as the form takes it: a boolean, a list of texts, or text. */
    private static Object plain(JsonNode value) {
        if (value.isBoolean()) {
            return value.getBooleanValue();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.values().forEach(item -> items.add(item.isNull() ? null : item.coerceStringValue()));
            return items;
        }
        return value.isString() ? value.getStringValue() : value.coerceStringValue();
    }
}
