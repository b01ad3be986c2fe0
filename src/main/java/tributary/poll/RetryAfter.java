package tributary.poll;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Reads a Retry-After header (delay seconds or an HTTP date) into the instant it names, against the caller's clock. */
final class RetryAfter {

    /** IMF-fixdate, obsolete RFC 850 and asctime, the three forms RFC 9110 says a recipient must accept. */
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC));

    private RetryAfter() {
    }

    /** The instant before which the server wants no request; null when the header is absent or unreadable. */
    static Instant until(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return now.plus(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException | ArithmeticException e) {
                return now.plus(Duration.ofDays(3650));
            }
        }
        for (DateTimeFormatter format : DATES) {
            try {
                Instant when = ZonedDateTime.parse(value, format).toInstant();
                return when.isBefore(now) ? now : when;
            } catch (DateTimeParseException ignored) {
                // Try the next form.
            }
        }
        return null;
    }
}
