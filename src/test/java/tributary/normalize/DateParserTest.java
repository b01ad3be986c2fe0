package tributary.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateParserTest {

    private static final ZoneId HANOI = ZoneOffset.ofHours(7);

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # RFC 822 / 1123 and the slips real feeds make
            Wed, 28 Jan 2026 14:30:00 +0700       | 2026-01-28T07:30:00Z
            Thu, 09 Feb 2006 23:59:45 +0000       | 2006-02-09T23:59:45Z
            Thu, 09 Feb 2006 23:59:45 GMT         | 2006-02-09T23:59:45Z
            31 Dec 2002 14:20:20 EDT              | 2002-12-31T18:20:20Z
            21 Oct 2002 06:45 EDT                 | 2002-10-21T10:45:00Z
            Sat,29 Jul 2006 00:03:02 +0000        | 2006-07-29T00:03:02Z
            Thu, 19 Jul 2006 23:08:26 +1000       | 2006-07-19T13:08:26Z
            Sun, 1 Jan 2006 00:00:00 PST          | 2006-01-01T08:00:00Z
            Mon, 31 Dec 99 23:59:59 GMT           | 1999-12-31T23:59:59Z
            Sat, 9 Nov 2024 02:09:46 +0700        | 2024-11-08T19:09:46Z
            Wednesday, 28 January 2026 14:30:00 +07:00 | 2026-01-28T07:30:00Z
            Wed, 28 Jan 2026 14:30:00 Z           | 2026-01-28T14:30:00Z
            Wed, 28 Jan 2026 14:30:00             | 2026-01-28T07:30:00Z
            Wed, 28 Jan 2026 14:30:00 GMT+7       | 2026-01-28T07:30:00Z
            Thu(a comment), 9(th) Feb(ruary) 2006 23:59:45 +0000(GMT) | 2006-02-09T23:59:45Z
            Thu, 09 Feb 2006 21:25:45 -0234       | 2006-02-09T23:59:45Z
            tHu, 09 fEb 2006 16:59:45 pDt         | 2006-02-09T23:59:45Z
            # RFC 3339 / ISO 8601 variants
            2002-12-31T01:15:07-05:00             | 2002-12-31T06:15:07Z
            2026-01-28T14:30:00.250+07:00         | 2026-01-28T07:30:00Z
            2026-01-28T07:30:00Z                  | 2026-01-28T07:30:00Z
            2026-01-28T14:30:00+0700              | 2026-01-28T07:30:00Z
            2026-01-28 14:30:00                   | 2026-01-28T07:30:00Z
            2026-01-28T14:30                      | 2026-01-28T07:30:00Z
            2026-08-18 00:41:36 UTC               | 2026-08-18T00:41:36Z
            2026-01-28                            | 2026-01-27T17:00:00Z
            # Vietnamese forms, read in the feed's zone (+07:00 here)
            28/01/2026 14:30                      | 2026-01-28T07:30:00Z
            'Thứ Tư, 28/01/2026 - 14:30'          | 2026-01-28T07:30:00Z
            'Thứ tư, 28/1/2026, 14:30 (GMT+7)'    | 2026-01-28T07:30:00Z
            'Chủ nhật, 1/2/2026 08:05'            | 2026-02-01T01:05:00Z
            Chiều 28/1/2026                       | 2026-01-27T17:00:00Z
            Sáng 28/01/2026 lúc 09:00             | 2026-01-28T02:00:00Z
            14:30 28/01/2026                      | 2026-01-28T07:30:00Z
            '14:30 - ngày 28/01/2026'             | 2026-01-28T07:30:00Z
            28-01-2026 14:30:15                   | 2026-01-28T07:30:15Z
            T4 28/01/2026 14h30                   | 2026-01-28T07:30:00Z
            28/01/2026 14:30 +0000                | 2026-01-28T14:30:00Z
            """)
    void readsTheFormsFeedsWrite(String text, String expected) {
        assertEquals(Instant.parse(expected), DateParser.parse(text, HANOI));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Thứ Tư, 28/01/2026 - 14:30 | Thứ Tư, 28/01/2026 - 14:30
            """)
    void readsDecomposedVietnameseTheSameAsComposed(String composed, String ignored) {
        String decomposed = java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD);
        assertEquals(DateParser.parse(composed, HANOI), DateParser.parse(decomposed, HANOI));
        assertEquals(Instant.parse("2026-01-28T07:30:00Z"), DateParser.parse(decomposed, HANOI));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "   ", "yesterday", "Chiều 15/1", "32/01/2026 10:00", "28/13/2026", "Wed, 28 Foo 2026 10:00:00",
            "2026-02-30T10:00:00Z", "Wed, 28 Jan 2026 14:30:00 XYZ", "Wed, 28 Jan 2026 25:30:00 +0000", "1234567890"})
    void answersNullRatherThanGuess(String text) {
        assertNull(DateParser.parse(text, HANOI));
    }

    @org.junit.jupiter.api.Test
    void readsAZonelessDateInTheGivenZone() {
        assertEquals(Instant.parse("2026-01-28T14:30:00Z"), DateParser.parse("28/01/2026 14:30", ZoneOffset.UTC));
        assertEquals(Instant.parse("2026-01-28T19:30:00Z"),
                DateParser.parse("2026-01-28 14:30:00", ZoneId.of("America/New_York")));
    }
}
