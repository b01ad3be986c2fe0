package tributary.catalog;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads poll intervals written as "90s", "15m", "1h30m", "1d" or ISO-8601 "PT15M". */
public final class IntervalParser {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private IntervalParser() {
    }

    /** The duration, or empty when the text is not an interval. */
    public static Optional<Duration> parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(value.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher m = SHORT.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ofDays(number(m.group(1)))
                .plusHours(number(m.group(2)))
                .plusMinutes(number(m.group(3)))
                .plusSeconds(number(m.group(4)));
        return Optional.of(total);
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
