package tributary.match;

import java.util.List;
import java.util.Locale;

/** Where a term looks: every field, or only the one its prefix (title:, author:, category:) names. */
enum Scope {
    ANY, TITLE, AUTHOR, CATEGORY;

    List<FieldText> fields(MatchText item) {
        return switch (this) {
            case ANY -> item.allFields();
            case TITLE -> List.of(item.titleText());
            case AUTHOR -> List.of(item.authorText());
            case CATEGORY -> item.categoryTexts();
        };
    }

    /** The prefix (lower case, with its colon) that selects this scope. */
    String prefix() {
        return name().toLowerCase(Locale.ROOT) + ":";
    }
}
