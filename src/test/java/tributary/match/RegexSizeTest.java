package tributary.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RE2/J runs in linear time but compiles counted repetitions unrolled, with no bound on their product: measured here,
 * (x{1000}){1000} took 3.4 s and ((x{1000}){1000}){1000} ran a 512 MB heap out of memory. A reader's ?q= may hold
 * any regex, so sizes past RegexSize.MAX are refused before RE2/J sees them.
 */
class RegexSizeTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "abc; 3",
            "x{1000}; 1000",
            "(x{100}){100}; 10000",
            "(?:ab){3}; 6",
            "a|bcd|ef; 3",
            "[a-z]{50}; 50",
            "[]a]{4}; 4",
            "[^]a]{4}; 4",
            "\\p{L}{20}; 20",
            "\\Qa.b\\E{2}; 6",
            "x{2,5}; 5",
            "x{3,}; 4",
            "a+b*c?; 6",
            "x{,5}; 5",
            "^\\[(PR|QC)\\]; 5"})
    void estimatesTheUnrolledSize(String regex, long expected) {
        assertEquals(expected, RegexSize.of(regex), regex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"((x{1000}){1000}){1000}", "(x{1000}){1000}", "(?:x{1000}){11}", "(x{100}|y){101}",
            "([a-z]{1000}){11}", "(?i)((x{1000,}){1000})", "((((a{10}){10}){10}){10}){2}", "(\\p{L}{1000}){20}"})
    void aRegexThatUnrollsPastTheBoundIsRefusedAtOnceWithASentence(String regex) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            QuerySyntaxException refused = assertThrows(QuerySyntaxException.class,
                    () -> Query.parse("tin /" + regex + "/"));
            assertTrue(refused.getMessage().startsWith("The regex at character 5 is too large"), refused.getMessage());
            assertEquals(4, refused.position());
        });
    }

    @Test
    void aRegexAtTheBoundCompilesAndMatches() throws Exception {
        Query query = Query.parse("/(x{100}){100}/");
        assertTrue(query.matches(MatchText.of("x".repeat(10_000), null, null, null)));
    }
}
