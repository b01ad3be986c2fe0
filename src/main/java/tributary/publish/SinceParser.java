package tributary.publish;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ?since=: an RFC 3339 date-time ("2026-12-01T08:00:00+07:00", "2026-12-01T01:00:00Z"), a date
 * ("2026-12-01", from its start in UTC), or a duration back from now ("6h", "90m", "2d", "1w", "1d12h", ISO "PT6H").
 */
final class SinceParser {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d{1,5})w)?(?:(\\d{1,5})d)?(?:(\\d{1,6})h)?"
            + "(?:(\\d{1,7})m)?(?:(\\d{1,9})s)?");
    /** Further back than any retention keeps items: a longer duration is a typing error, refused as such. */
    static final Duration LONGEST = Duration.ofDays(3660);

    private SinceParser() {
    }

    /** The instant meant, durations counted back from now truncated to the minute; empty when it is none of those. */
    static Optional<Instant> parse(String text, Instant now) {
        String value = text.strip();
        if (value.isEmpty() || value.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            // not a date-time: a date or a duration
        }
        try {
            return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            // not a date: a duration
        }
        return duration(value.toLowerCase(Locale.ROOT))
                .filter(d -> !d.isNegative() && !d.isZero() && d.compareTo(LONGEST) <= 0)
                .map(d -> now.truncatedTo(ChronoUnit.MINUTES).minus(d));
    }

    private static Optional<Duration> duration(String value) {
        if (value.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(value.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        Matcher m = SHORT.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofDays(7 * number(m.group(1)) + number(m.group(2))).plusHours(number(m.group(3)))
                .plusMinutes(number(m.group(4))).plusSeconds(number(m.group(5))));
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
