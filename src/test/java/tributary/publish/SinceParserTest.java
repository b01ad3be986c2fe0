package tributary.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ?since= as readers write it: RFC 3339 date-times with any offset, dates, and durations back from now. */
class SinceParserTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:15:42Z");

    @ParameterizedTest
    @CsvSource({
            "2026-12-01T08:00:00+07:00, 2026-12-01T01:00:00Z",
            "2026-12-01T01:00:00Z, 2026-12-01T01:00:00Z",
            "2026-12-01t01:00:00.5z, 2026-12-01T01:00:00.500Z",
            "2026-12-01, 2026-12-01T00:00:00Z",
            "6h, 2026-12-03T04:15:00Z",
            "6H, 2026-12-03T04:15:00Z",
            "90m, 2026-12-03T08:45:00Z",
            "2d, 2026-12-01T10:15:00Z",
            "1w, 2026-11-26T10:15:00Z",
            "1d12h, 2026-12-01T22:15:00Z",
            "PT6H, 2026-12-03T04:15:00Z",
            "' 6h ', 2026-12-03T04:15:00Z"})
    void readsDatesAndDurations(String text, String expected) {
        assertEquals(Optional.of(Instant.parse(expected)), SinceParser.parse(text, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "6", "h", "-6h", "0h", "6 h", "2026-13-01", "2026-12-01T25:00:00Z",
            "99999w", "P-1D", "PT0S", "9999999999999999999d", "1e3h"})
    void refusesWhatIsNoneOfThose(String text) {
        assertTrue(SinceParser.parse(text, NOW).isEmpty(), text);
    }

    @org.junit.jupiter.api.Test
    void aDurationFarBeyondRetentionIsRefusedAsATypingError() {
        assertTrue(SinceParser.parse("3661d", NOW).isEmpty());
        assertTrue(SinceParser.parse("3660d", NOW).isPresent());
    }
}
