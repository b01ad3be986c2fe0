package tributary.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The XML 1.0 character rule, on each edge of each allowed range, and stripping what falls outside it. */
class XmlCharsTest {

    @Nested
    class Allowed {

        @ParameterizedTest(name = "U+{0}")
        @ValueSource(ints = {0x9, 0xA, 0xD, 0x20, 0x7F, 0x85, 0x9F, 0xD7FF, 0xE000, 0xFFFD, 0x10000, 0x10FFFF})
        void allowsEveryEdgeOfTheAllowedRanges(int cp) {
            assertTrue(XmlChars.allowed(cp));
        }

        @ParameterizedTest(name = "U+{0}")
        @ValueSource(ints = {-1, 0x0, 0x8, 0xB, 0xC, 0xE, 0x1F, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFFFE, 0xFFFF,
                0x110000, Integer.MAX_VALUE})
        void refusesEveryEdgeJustOutsideThem(int cp) {
            assertFalse(XmlChars.allowed(cp));
        }
    }

    @Nested
    class Strip {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "controls | a\u0000b\u0008c\u000Bd\u001Fe | abcde",
                "non-characters | a\uFFFEb\uFFFFc | abc",
                "lone high surrogate | a\uD800b | ab",
                "lone low surrogate | a\uDC00b | ab",
                "low before high | a\uDC00\uD800b | ab",
                "high at the end | ab\uDBFF | ab"})
        void dropsWhatXmlForbids(String situation, String text, String stripped) {
            assertEquals(stripped, XmlChars.strip(text));
        }

        @Test
        void keepsSurrogatePairsAndWhitespaceAsTheSameInstance() {
            String clean = "tab\there\nline\r\u00e9 \ud83d\ude00 \ufffd \uE000";
            assertSame(clean, XmlChars.strip(clean));
        }

        @Test
        void leavesNullAlone() {
            assertNull(XmlChars.strip(null));
        }
    }
}
