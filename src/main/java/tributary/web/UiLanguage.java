package tributary.web;

import java.util.Locale;
import java.util.Optional;

/** The languages the reader pages speak, by their BCP 47 primary tag (what `<html lang>` and Accept-Language say). */
enum UiLanguage {
    VI("vi"),
    EN("en");

    private final String tag;

    UiLanguage(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    /** The language whose primary tag this is, ignoring case: "vi", "EN"; empty for any other. */
    static Optional<UiLanguage> ofTag(String tag) {
        String primary = tag.strip().toLowerCase(Locale.ROOT);
        for (UiLanguage language : values()) {
            if (language.tag.equals(primary)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
