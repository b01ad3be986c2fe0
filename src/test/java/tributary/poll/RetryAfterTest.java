package tributary.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Retry-After in seconds and in the three HTTP date forms, read against a given clock. */
class RetryAfterTest {

    /** A clock far from today's date, so a parser reading the system time would get every date case wrong. */
    private static final Instant NOW = Instant.parse("2026-01-28T12:00:00Z");

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {
            "120                            | 2026-01-28T12:02:00Z",
            "0                              | 2026-01-28T12:00:00Z",
            "Wed, 28 Jan 2026 13:30:00 GMT  | 2026-01-28T13:30:00Z",
            "Wednesday, 28-Jan-26 13:30:00 GMT | 2026-01-28T13:30:00Z",
            "Wed Jan 28 13:30:00 2026       | 2026-01-28T13:30:00Z",
            "Tue, 27 Jan 2026 13:30:00 GMT  | 2026-01-28T12:00:00Z"})
    void readsSecondsAndHttpDatesAgainstTheGivenClock(String header, String expected) {
        assertEquals(Instant.parse(expected), RetryAfter.until(header, NOW));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"soon", "-5", "1.5", "Wed, 99 Foo 2026"})
    void unreadableValuesAreNoHint(String header) {
        assertNull(RetryAfter.until(header, NOW));
    }
}
