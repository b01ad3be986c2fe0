package tributary.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tributary.parse.ParsedSchedule;

/** The publisher's ttl, sy:update* and skipHours/skipDays as a floor and skipped hours, and their round trip through the row. */
class PublisherScheduleTest {

    @ParameterizedTest(name = "{0} × {1} → {2} minutes")
    @CsvSource({"hourly, , 60", "hourly, 2, 30", "daily, 1, 1440", "daily, 4, 360", "weekly, , 10080", "Daily, 0, 1440"})
    void syndicationPeriodDividedByFrequency(String period, Integer frequency, long minutes) {
        assertEquals(Duration.ofMinutes(minutes), PublisherSchedule.syndication(period, frequency));
    }

    @Test
    void unknownPeriodIsNoHint() {
        assertNull(PublisherSchedule.syndication("fortnightly", 1));
    }

    @Test
    void theLongerOfTtlAndSyndicationIsTheFloor() {
        PublisherSchedule schedule = PublisherSchedule.of(new ParsedSchedule(90, "hourly", 1, List.of(), List.of()));
        assertEquals(Duration.ofMinutes(90), schedule.floor());
    }

    @Test
    void skipHoursAndDaysSurviveTheRowAndBack() {
        PublisherSchedule schedule = PublisherSchedule.of(new ParsedSchedule(null, null, null, List.of(24, 1, 2, 99),
                List.of("Sunday", "saturday", "Someday")));
        assertEquals(Set.of(0, 1, 2), schedule.skipHours());
        assertEquals(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), schedule.skipDays());
        assertEquals("0,1,2", schedule.skipHoursColumn());
        assertEquals("SATURDAY,SUNDAY", schedule.skipDaysColumn());
        PublisherSchedule back = PublisherSchedule.fromColumns(3600, "0,1,2", "SATURDAY,SUNDAY");
        assertEquals(new PublisherSchedule(Duration.ofHours(1), schedule.skipHours(), schedule.skipDays()), back);
    }
}
