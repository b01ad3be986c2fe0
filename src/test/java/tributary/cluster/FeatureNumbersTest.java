package tributary.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The numbers, dates and storm numbers an item's text gives (FeatureExtractor.numbers): a date is taken before a
 * score, a score before a plain number, and what one took the next does not see again; a year is no number.
 */
class FeatureNumbersTest {

    private static StoryFeatures read(String text) {
        // Published in October (Vietnam's time): months 9 to 11 are near enough to be dates.
        return FeatureExtractor.read(new ClusterItem("1", "site.example",
                OffsetDateTime.parse("2025-10-13T10:00:00+07:00").toInstant(), text, ""));
    }

    private static Set<String> set(String spaced) {
        return spaced.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(spaced.split(" ")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Ngày 13-10 có 7 con tin được thả | 7 | 13/10 | ''",
        "Thắng 3-1 ngày 5/10 | 1-3 | 5/10 | ''",
        "Hạn chót 13-10-2025 | '' | 13/10 | ''",
        "Thưởng 1.234.567 đồng năm 2025 | 1234567 | '' | ''",
        "Chuỗi 1-2-3 | 1 2 3 | '' | ''",
        "Tỷ số 12-3 và 4-5 | 3-12 4-5 | '' | ''",
        "Bão số 12 đổ bộ ngày 13/10 | '' | 13/10 | 12",
        "Lãi suất 10,5% từ 3/10. | 10.5 | 3/10 | ''",
        "Mã 123-4 và 9-10-11 | 11 123 4 | 9/10 | ''",
        "Ngày 30-9, 1-11 và 15.10 | 30 9 | 1/11 15/10 | ''",
    })
    void readsNumbersDatesAndStormsOfTheText(String text, String numbers, String dates, String storms) {
        StoryFeatures f = read(text);
        assertEquals(set(numbers), new TreeSet<>(f.numbers()), "numbers");
        assertEquals(set(dates), new TreeSet<>(f.dates()), "dates");
        assertEquals(set(storms), new TreeSet<>(f.stormNumbers()), "storm numbers");
    }
}
