package tributary.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Markup escaping: the five characters that can end text or an attribute, and nothing else. */
class EscaperTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "& | &amp;",
            "< | &lt;",
            "> | &gt;",
            "\" | &quot;",
            "' | &#39;",
            "`a<b & \"c\" 'd'>` | `a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;`",
            "&amp; | &amp;amp;"})
    void escapesTheFiveCharacters(String text, String escaped) {
        assertEquals(escaped, Escaper.markup(text));
    }

    @Test
    void returnsCleanTextAsTheSameInstance() {
        String clean = "Thời sự: tin mới\nhttps://example.vn/a?b=c";
        assertSame(clean, Escaper.markup(clean));
    }

    @Test
    void makesNullEmpty() {
        assertEquals("", Escaper.markup(null));
    }
}
