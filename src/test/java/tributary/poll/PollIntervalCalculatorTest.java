package tributary.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tributary.normalize.PublisherSchedule;
import tributary.store.FeedRow;

/** When a feed is polled next after a success, a failure and a 429/503, with jitter fixed by the test. */
class PollIntervalCalculatorTest {

    private static final Instant NOW = Instant.parse("2026-01-28T12:00:00Z");  // a Wednesday
    private static final FeedRow FIFTEEN_MINUTES = Feeds.withInterval(900);

    private static PollIntervalCalculator calculator(double jitter, double random) {
        return new PollIntervalCalculator(new PollConfig(Duration.ofMinutes(15), 8, Duration.ofSeconds(5),
                Duration.ofMinutes(10), false, Duration.ofHours(24), jitter, Duration.ofSeconds(20)), () -> random);
    }

    private static final PollIntervalCalculator EXACT = calculator(0, 0.5);

    @Nested
    class AfterFailure {

        @ParameterizedTest(name = "failure {0} waits {1} minutes")
        @CsvSource({"1, 15", "2, 30", "3, 60", "4, 120", "7, 960", "8, 1440", "30, 1440", "1000, 1440"})
        void doublesTheIntervalPerFailureUpToADay(int failures, long minutes) {
            assertEquals(NOW.plus(Duration.ofMinutes(minutes)), EXACT.afterFailure(FIFTEEN_MINUTES, failures, NOW));
        }

        @Test
        void jitterSpreadsTheWaitByTenPercentEitherWay() {
            assertEquals(NOW.plus(Duration.ofMinutes(27)), calculator(0.1, 0.0).afterFailure(FIFTEEN_MINUTES, 2, NOW));
            assertEquals(NOW.plus(Duration.ofMinutes(33)), calculator(0.1, 1.0).afterFailure(FIFTEEN_MINUTES, 2, NOW));
        }

        @Test
        void jitterNeverPassesTheCap() {
            Instant next = calculator(0.1, 0.99).afterFailure(FIFTEEN_MINUTES, 50, NOW);
            assertTrue(!next.isAfter(NOW.plus(Duration.ofHours(24))), next.toString());
            assertTrue(next.isAfter(NOW.plus(Duration.ofHours(21))), next.toString());
        }
    }

    @Nested
    class AfterSuccess {

        @Test
        void pollsAfterTheFeedsIntervalWithoutHints() {
            assertEquals(NOW.plus(Duration.ofMinutes(15)),
                    EXACT.afterSuccess(FIFTEEN_MINUTES, PublisherSchedule.NONE, null, NOW));
        }

        @Test
        void jitterStaysWithinTenPercent() {
            for (double r : new double[] {0, 0.25, 0.5, 0.75, 0.999}) {
                Instant next = calculator(0.1, r).afterSuccess(FIFTEEN_MINUTES, PublisherSchedule.NONE, null, NOW);
                Duration wait = Duration.between(NOW, next);
                assertTrue(wait.compareTo(Duration.ofSeconds(810)) >= 0 && wait.compareTo(Duration.ofSeconds(990)) <= 0,
                        wait.toString());
            }
        }

        @Test
        void aLongerTtlOrSyndicationPeriodIsAFloor() {
            PublisherSchedule hourly = new PublisherSchedule(Duration.ofHours(1), Set.of(), Set.of());
            assertEquals(NOW.plus(Duration.ofHours(1)), EXACT.afterSuccess(FIFTEEN_MINUTES, hourly, null, NOW));
        }

        @Test
        void aPublisherFloorIsNeverUndercutByJitter() {
            PublisherSchedule hourly = new PublisherSchedule(Duration.ofHours(1), Set.of(), Set.of());
            Instant next = calculator(0.1, 0.0).afterSuccess(FIFTEEN_MINUTES, hourly, null, NOW);
            assertEquals(NOW.plus(Duration.ofHours(1)), next);
        }

        @Test
        void cacheControlMaxAgeIsAFloor() {
            assertEquals(NOW.plus(Duration.ofMinutes(40)),
                    EXACT.afterSuccess(FIFTEEN_MINUTES, PublisherSchedule.NONE, Duration.ofMinutes(40), NOW));
        }

        @Test
        void aShorterFloorThanTheIntervalChangesNothing() {
            PublisherSchedule five = new PublisherSchedule(Duration.ofMinutes(5), Set.of(), Set.of());
            assertEquals(NOW.plus(Duration.ofMinutes(15)),
                    EXACT.afterSuccess(FIFTEEN_MINUTES, five, Duration.ofMinutes(1), NOW));
        }

        @Test
        void aHugeFloorIsCappedAtADay() {
            assertEquals(NOW.plus(Duration.ofDays(1)),
                    EXACT.afterSuccess(FIFTEEN_MINUTES, PublisherSchedule.NONE, Duration.ofDays(365), NOW));
        }

        @Test
        void skippedHoursMoveThePollToTheNextAllowedHour() {
            // 12:15 falls in skipped hours 12 and 13 (GMT): the poll waits for 14:00.
            PublisherSchedule skip = new PublisherSchedule(null, Set.of(12, 13), Set.of());
            assertEquals(Instant.parse("2026-01-28T14:00:00Z"), EXACT.afterSuccess(FIFTEEN_MINUTES, skip, null, NOW));
        }

        @Test
        void skippedDaysMoveThePollToTheNextAllowedDay() {
            PublisherSchedule skip = new PublisherSchedule(null, Set.of(0), Set.of(DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY));
            // Friday 00:00 is a skipped hour too, so 01:00.
            assertEquals(Instant.parse("2026-01-30T01:00:00Z"), EXACT.afterSuccess(FIFTEEN_MINUTES, skip, null, NOW));
        }
    }

    @Nested
    class AfterRateLimit {

        @Test
        void retryAfterLaterThanTheBackOffWins() {
            Instant asked = NOW.plus(Duration.ofHours(3));
            assertEquals(asked, EXACT.afterRateLimit(FIFTEEN_MINUTES, 1, asked, NOW));
        }

        @Test
        void retryAfterSoonerThanTheBackOffDoesNotShortenIt() {
            assertEquals(NOW.plus(Duration.ofMinutes(30)),
                    EXACT.afterRateLimit(FIFTEEN_MINUTES, 2, NOW.plus(Duration.ofMinutes(1)), NOW));
        }

        @Test
        void withoutRetryAfterItBacksOff() {
            assertEquals(NOW.plus(Duration.ofMinutes(60)), EXACT.afterRateLimit(FIFTEEN_MINUTES, 3, null, NOW));
        }

        @Test
        void anAbsurdRetryAfterIsReadAsAWeek() {
            assertEquals(NOW.plus(Duration.ofDays(7)),
                    EXACT.afterRateLimit(FIFTEEN_MINUTES, 1, NOW.plus(Duration.ofDays(400)), NOW));
        }
    }
}
