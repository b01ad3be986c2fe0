package tributary.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one XML-character rule every published string passes. */
class TextCleanerTest {

    @ParameterizedTest
    @ValueSource(strings = {"\uFFFE", "\uFFFF", "\u0000", "\u0001", "\u001F", "\u000B", "\u000C", "\uD800", "\uDC00"})
    void charactersXmlForbidsAreDropped(String bad) {
        assertEquals("a-b", TextCleaner.xmlSafe("a" + bad + "-" + bad + "b"));
    }

    @Test
    void whatXmlAllowsStays() {
        String fine = "Hà Nội\t\n\r \uD83D\uDCF0 \uE000 \uFFFD";
        assertSame(fine, TextCleaner.xmlSafe(fine));
        assertNull(TextCleaner.xmlSafe((String) null));
    }

    @Test
    void listsAreCleanedItemByItem() {
        List<String> clean = List.of("a", "b");
        assertSame(clean, TextCleaner.xmlSafe(clean));
        assertEquals(List.of("a", "b"), TextCleaner.xmlSafe(List.of("a\uFFFF", "\uFFFEb")));
    }
}
