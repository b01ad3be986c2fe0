package tributary.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A regex cannot hang the service through RE2/J's case folding (google/re2j#168): the chars whose fold orbit does
 * not close on this JDK are exactly those the guard keeps out, and every spelling of them is refused or left out.
 * Timeouts make a regression fail instead of hanging the build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegexFoldGuardTest {

    /** Every char whose orbit under RE2/J's own simpleFold does not come back to it within 64 steps. */
    @Test
    void theCharsRe2jCannotFoldOnThisJdkAreTheGuardedOnes() throws Exception {
        Method simpleFold = Class.forName("com.google.re2j.Unicode").getDeclaredMethod("simpleFold", int.class);
        simpleFold.setAccessible(true);
        List<Integer> open = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            int f = (int) simpleFold.invoke(null, cp);
            int steps = 0;
            while (f != cp && steps++ < 64) {
                f = (int) simpleFold.invoke(null, f);
            }
            if (f != cp) {
                open.add(cp);
            }
        }
        List<Integer> guarded = new ArrayList<>();
        for (int cp = RegexFoldGuard.FIRST; cp <= RegexFoldGuard.LAST; cp++) {
            guarded.add(cp);
        }
        assertEquals(guarded, open);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ᲀ/", "/Москва|ᲀ/", "/\\x{1c85}/", "/\\x{1C88}x/", "/[ᲀ]/", "/[aᲁb]/", "/\\Qaᲂ\\E/",
        "/[ᲀ-ᲈ]/", "/[\\x{1c80}-\\x{1c81}]/", "/[^\\x{1c80}]/", "/(?i:\\x{1c81})/", "/[^ᲃ]x/"})
    void aCharRe2jCannotFoldIsRefusedWithWhatToWriteInstead(String query) {
        QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> Query.parse(query));
        assertTrue(e.getMessage().contains("cannot match regardless of case"), e.getMessage());
        assertTrue(e.getMessage().matches(".*U\\+1C8[0-8].*write .+ instead\\."), e.getMessage());
    }

    @Test
    void aRangeOverThemIsNarrowedAndStillMeansItsLetters() throws QuerySyntaxException {
        Query vowels = Query.parse("/[à-ỹ]{2}/");
        assertTrue(vowels.matches(MatchText.of("Bộ trưởng", null, null, null)), "ưở");
        assertTrue(vowels.matches(MatchText.of("BỘ TRƯỞNG", null, null, null)), "any case");
        assertFalse(vowels.matches(MatchText.of("bo truong", null, null, null)));
        assertTrue(Query.parse("/[\\x{1c00}-\\x{1d00}]/").matches(MatchText.of("\u1c00", null, null, null)));
        assertTrue(Query.parse("/[\\x{1c7f}-\\x{1c89}]/").matches(MatchText.of("\u1c89", null, null, null)));
        assertFalse(Query.parse("/[^a-ᲈz]/").matches(MatchText.of("b", null, null, null)));
    }

    @Test
    void aRegexWithoutThemIsLeftAsItIs() throws RegexFoldGuard.UnfoldableException {
        for (String regex : List.of("s[ếe]u đầu", "^\\[(PR|QC)\\]", "[[:alpha:]]\\d{3}", "[]a]", "\\x{1c7f}[\\x41-\\x5a]")) {
            assertEquals(regex, RegexFoldGuard.safe(regex));
        }
    }
}
