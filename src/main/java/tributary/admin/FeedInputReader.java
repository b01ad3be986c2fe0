package tributary.admin;

import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tributary.catalog.FeedDraft;
import tributary.catalog.FeedUrls;
import tributary.catalog.IntervalParser;
import tributary.publish.Problems;
import tributary.store.CategoryRepository;
import tributary.store.CategoryRow;

/** Validates a FeedInput into a FeedDraft, naming each invalid field, its value and what is allowed. */
@Singleton
class FeedInputReader {

    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

    private final CategoryRepository categories;

    FeedInputReader(CategoryRepository categories) {
        this.categories = categories;
    }

    /** @param adding true for POST (url required), false for PUT (url must be absent: a feed's URL is its identity) */
    FeedDraft read(FeedInput input, boolean adding) {
        if (input == null) {
            throw new InvalidInputException(List.of(new Problems.FieldError("body", null,
                    "send a JSON object like {\"url\": \"https://…\", \"categories\": [\"thoi-su\"]}")));
        }
        List<Problems.FieldError> errors = new ArrayList<>();
        URI url = null;
        if (adding) {
            String problem = FeedUrls.problem(input.url());
            if (problem != null) {
                errors.add(new Problems.FieldError("url", input.url(), problem));
            } else {
                url = URI.create(input.url().strip());
            }
        } else if (input.url() != null) {
            errors.add(new Problems.FieldError("url", input.url(),
                    "a feed's URL cannot be changed: add the new URL as a feed and delete this one"));
        }
        if (input.title() != null && input.title().length() > 500) {
            errors.add(new Problems.FieldError("title", input.title().substring(0, 40) + "…", "at most 500 characters"));
        }
        List<String> slugs = null;
        if (input.categories() != null) {
            slugs = new ArrayList<>();
            List<CategoryRow> known = categories.findAllInOrder();
            for (String name : input.categories()) {
                Optional<CategoryRow> match = known.stream().filter(c -> name != null
                        && (c.slug().equals(name.strip()) || c.title().equalsIgnoreCase(name.strip()))).findFirst();
                if (match.isEmpty()) {
                    errors.add(new Problems.FieldError("categories", name, "unknown category; known: "
                            + String.join(", ", known.stream().map(CategoryRow::slug).toList())));
                } else if (!slugs.contains(match.get().slug())) {
                    slugs.add(match.get().slug());
                }
            }
        }
        Duration interval = null;
        if (input.interval() != null) {
            interval = IntervalParser.parse(input.interval()).orElse(null);
            if (interval == null) {
                errors.add(new Problems.FieldError("interval", input.interval(),
                        "a duration like 90s, 15m, 2h or 1h30m"));
            } else if (interval.compareTo(MIN_INTERVAL) < 0) {
                errors.add(new Problems.FieldError("interval", input.interval(), "at least 1m"));
                interval = null;
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String title = input.title() == null ? null : input.title().strip();
        return new FeedDraft(url, title, slugs, interval, input.enabled());
    }

}
