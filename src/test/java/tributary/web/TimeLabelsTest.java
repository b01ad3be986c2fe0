package tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tributary.config.UiConfig;
import tributary.support.TestClock;

/** Relative times in both languages, and exact dates in the display zone. */
class TimeLabelsTest {

    private final TestClock clock = new TestClock();
    private final TimeLabels labels = new TimeLabels(clock, new UiSettings(new UiConfig("vi", "Asia/Ho_Chi_Minh")));

    @ParameterizedTest(name = "{0} ago: {1} / {2}")
    @CsvSource(delimiter = '|', value = {
            "PT0S     | vừa xong       | just now",
            "PT59S    | vừa xong       | just now",
            "PT1M     | 1 phút trước   | 1 minute ago",
            "PT3M     | 3 phút trước   | 3 minutes ago",
            "PT59M59S | 59 phút trước  | 59 minutes ago",
            "PT1H     | 1 giờ trước    | 1 hour ago",
            "PT23H    | 23 giờ trước   | 23 hours ago",
            "P1D      | 1 ngày trước   | 1 day ago",
            "P6D      | 6 ngày trước   | 6 days ago",
            "P8D      | 20/01/2026     | 20 Jan 2026",
            "-PT5M    | vừa xong       | just now"})
    void saysHowLongAgoInEachLanguage(Duration ago, String vi, String en) {
        Instant then = TestClock.START.minus(ago);
        assertEquals(vi, labels.relative(then, TestClock.START, UiLanguage.VI));
        assertEquals(en, labels.relative(then, TestClock.START, UiLanguage.EN));
    }

    @org.junit.jupiter.api.Test
    void givesTheExactTimeInTheDisplayZone() {
        // 2026-01-28T12:00Z is 19:00 in Hà Nội (UTC+7).
        assertEquals("19:00, 28/01/2026", labels.exact(TestClock.START, UiLanguage.VI));
        assertEquals("28 Jan 2026, 19:00", labels.exact(TestClock.START, UiLanguage.EN));
        TimeLabels paris = new TimeLabels(clock, new UiSettings(new UiConfig("en", "Europe/Paris")));
        assertEquals("28 Jan 2026, 13:00", paris.exact(TestClock.START, UiLanguage.EN));
    }
}
