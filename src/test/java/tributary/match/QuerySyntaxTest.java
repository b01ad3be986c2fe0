package tributary.match;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuerySyntaxTest {

    static QuerySyntaxException error(String query) {
        return assertThrows(QuerySyntaxException.class, () -> Query.parse(query));
    }

    static void assertError(String query, int position, String message) {
        QuerySyntaxException e = error(query);
        assertEquals(message, e.getMessage());
        assertEquals(position, e.position());
    }

    @Test
    void emptyQuery() {
        assertError("", 0, "The rule or query is empty: write at least one word, \"phrase\" or /regex/.");
        assertError("   ", 0, "The rule or query is empty: write at least one word, \"phrase\" or /regex/.");
        assertError(null, 0, "The rule or query is empty: write at least one word, \"phrase\" or /regex/.");
    }

    @Test
    void unbalancedQuote() {
        assertError("bão OR \"áp thấp", 7, "The quote opened at character 8 is never closed: add a closing \" or remove it.");
        assertError("ab\"cd", 2, "The quote opened at character 3 is never closed: add a closing \" or remove it.");
    }

    @Test
    void unterminatedRegex() {
        assertError("tin /abc", 4,
                "The regex opened at character 5 is never closed: end it with / (write \\/ for a slash inside it).");
        assertError("/abc\\/", 0,
                "The regex opened at character 1 is never closed: end it with / (write \\/ for a slash inside it).");
    }

    @Test
    void invalidRegexCarriesRe2Description() {
        QuerySyntaxException e = error("tin /a(b/");
        assertEquals(4, e.position());
        assertTrue(e.getMessage().startsWith("The regex at character 5 is invalid: missing closing )"),
                e.getMessage());
        assertEquals(0, error("//").position());
        assertTrue(error("/(?<=a)b/").getMessage().startsWith("The regex at character 1 is invalid: "));
    }

    @Test
    void misplacedOr() {
        assertError("OR bão", 0, "OR at character 1 has nothing before it: write a term on each side of OR.");
        assertError("bão OR", 4, "OR at character 5 has nothing after it: write a term on each side of OR.");
        assertError("bão OR OR lũ", 7, "OR at character 8 follows another OR: write a term between them.");
    }

    @Test
    void loneMinus() {
        assertError("bão - lũ", 4, "The - at character 5 excludes nothing: write the excluded word, \"phrase\" or"
                + " /regex/ right after it, without a space.");
        assertEquals(0, error("-").position());
    }

    @Test
    void prefixWithNothingAfterIt() {
        assertEquals(4, error("bão title: lũ").position());
        assertEquals(0, error("author:").position());
    }

    @Test
    void nothingToMatch() {
        assertError("bão ...", 4, "The word \"...\" at character 5 has nothing to match: write letters or digits.");
        assertError("\" - \"", 0, "The phrase \" - \" at character 1 has nothing to match: write letters or digits.");
        assertEquals(1, error("-!!").position());
        assertEquals(6, error("title:\"\"").position());
    }

    @Test
    void tooLong() {
        QuerySyntaxException chars = error("a".repeat(1_001));
        assertEquals(1_000, chars.position());
        assertTrue(chars.getMessage().contains("is too long"), chars.getMessage());
        assertDoesNotThrow(() -> Query.parse("a".repeat(1_000)));

        String thirtyTwo = "w ".repeat(32).trim();
        assertDoesNotThrow(() -> Query.parse(thirtyTwo));
        QuerySyntaxException terms = error(thirtyTwo + " x");
        assertEquals(64, terms.position());
        assertTrue(terms.getMessage().contains("is too long"), terms.getMessage());
    }

    @Test
    void oneLineOnly() {
        assertError("bão\nlũ", 3,
                "A rule or query is one line: remove the line break at character 4, or write each rule on its own line.");
        assertEquals(1, error("a\rb").position());
    }

    @Test
    void ruleListNamesTheBadRule() {
        QuerySyntaxException e = assertThrows(QuerySyntaxException.class,
                () -> RuleList.parse(List.of("bão", "quảng cáo", "\"áp thấp")));
        assertEquals("rule 3 (\"\"áp thấp\"): The quote opened at character 1 is never closed: add a closing \" or"
                + " remove it.", e.getMessage());
        assertEquals(0, e.position());
    }

    @Test
    void ruleListFindsTheFirstMatchingRule() throws QuerySyntaxException {
        RuleList rules = RuleList.parse(List.of("quảng cáo", "/^\\[PR\\]/", "bão"));
        MatchText item = MatchText.of("[PR] Bão giá", null, null, null);
        assertEquals("/^\\[PR\\]/", rules.firstMatch(item).orElseThrow().text());
        assertTrue(rules.firstMatch(MatchText.of("Tin khác", null, null, null)).isEmpty());
    }
}
