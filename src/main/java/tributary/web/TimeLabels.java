package tributary.web;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How long ago a story was published ("3 phút trước", "3 minutes ago"), and its exact date in the display zone: within
 * a week relative, older by the date, as readers of news sites expect.
 */
@Singleton
class TimeLabels {

    private final Clock clock;
    private final UiSettings settings;

    TimeLabels(Clock clock, UiSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /** The instant pages are rendered at: relative times are counted from it, and a page is kept for its minute. */
    Instant now() {
        return clock.instant();
    }

    String relative(Instant then, Instant now, UiLanguage language) {
        Duration ago = Duration.between(then, now);
        // A publisher's clock ahead of ours is still news of now, not of the future.
        long minutes = Math.max(0, ago.toMinutes());
        if (minutes < 1) {
            return UiText.JUST_NOW.in(language);
        }
        if (minutes < 60) {
            return minutes == 1 ? UiText.MINUTE_AGO.in(language) : UiText.MINUTES_AGO.in(language, minutes);
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours == 1 ? UiText.HOUR_AGO.in(language) : UiText.HOURS_AGO.in(language, hours);
        }
        long days = hours / 24;
        if (days < 7) {
            return days == 1 ? UiText.DAY_AGO.in(language) : UiText.DAYS_AGO.in(language, days);
        }
        return format(then, UiText.DATE_PATTERN, language);
    }

    /** The exact date and time in the display zone, for a tooltip. */
    String exact(Instant then, UiLanguage language) {
        return format(then, UiText.DATE_TIME_PATTERN, language);
    }

    private String format(Instant then, UiText pattern, UiLanguage language) {
        return DateTimeFormatter.ofPattern(pattern.in(language), Locale.forLanguageTag(language.tag()))
                .format(then.atZone(settings.zone()));
    }
}
