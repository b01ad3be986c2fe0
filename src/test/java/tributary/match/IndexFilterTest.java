package tributary.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndexFilterTest {

    /** MariaDB boolean mode, as far as our filters use it: +x required; a group without + needs one of its items. */
    static boolean satisfies(String expression, Set<String> terms) {
        return new Evaluator(expression, terms).sequence();
    }

    static final class Evaluator {
        private final String s;
        private final Set<String> terms;
        private int at;

        Evaluator(String s, Set<String> terms) {
            this.s = s;
            this.terms = terms;
        }

        boolean sequence() {
            boolean anyRequired = false;
            boolean requiredOk = true;
            boolean anyOptionalOk = false;
            while (at < s.length() && s.charAt(at) != ')') {
                if (s.charAt(at) == ' ') {
                    at++;
                    continue;
                }
                boolean required = s.charAt(at) == '+';
                if (required) {
                    at++;
                }
                boolean value;
                if (s.charAt(at) == '(') {
                    at++;
                    value = sequence();
                    at++;
                } else {
                    int start = at;
                    while (at < s.length() && Character.isLetterOrDigit(s.charAt(at))) {
                        at++;
                    }
                    String token = s.substring(start, at);
                    if (at < s.length() && s.charAt(at) == '*') {
                        at++;
                        value = terms.stream().anyMatch(t -> t.startsWith(token));
                    } else {
                        value = terms.contains(token);
                    }
                }
                if (required) {
                    anyRequired = true;
                    requiredOk &= value;
                } else {
                    anyOptionalOk |= value;
                }
            }
            return anyRequired ? requiredOk : anyOptionalOk;
        }
    }

    /** The filter's shape: its expression, a word's end written ~piece and a piece inside a word ~piece~. */
    static String expression(Query query) {
        IndexFilter filter = query.indexFilter();
        return filter == null ? null : shape(filter, true);
    }

    private static String shape(IndexFilter f, boolean top) {
        if (f instanceof IndexFilter.Fragment fragment) {
            String piece = "~" + fragment.piece() + (fragment.end() ? "" : "~");
            return top ? "+" + piece : piece;
        }
        if (f instanceof IndexFilter.WordPattern regex) {
            String words = "~/" + regex.pattern().pattern() + "/~";
            return top ? "+" + words : words;
        }
        if (f instanceof IndexFilter.Token) {
            return f.expression().substring(top ? 0 : 1);
        }
        List<String> parts = new ArrayList<>();
        boolean all = f instanceof IndexFilter.All;
        for (IndexFilter part : all ? ((IndexFilter.All) f).parts() : ((IndexFilter.Any) f).parts()) {
            parts.add((all ? "+" : "") + shape(part, false));
        }
        String joined = String.join(" ", parts);
        return top && all ? joined : top ? "+(" + joined + ")" : "(" + joined + ")";
    }

    /**
     * The expression asked for the query over a vocabulary of the item's words and these others, its word pieces
     * resolved as store.SearchWords does: a word's end by the words ending in it, a piece by the words holding it, a
     * regex found only inside words by the words it is found in.
     */
    static String expression(Query query, MatchText item, String... otherWords) {
        Map<String, String> vocabulary = new HashMap<>();
        IndexTerms.words(item).forEach(w -> vocabulary.put(w, IndexTerms.wordToken(w)));
        for (String word : otherWords) {
            IndexTerms.words(MatchText.of(word, null, null, null)).forEach(w -> vocabulary.put(w, IndexTerms.wordToken(w)));
        }
        IndexFilter filter = resolve(query.indexFilter(), vocabulary);
        return filter == null ? null : filter.expression();
    }

    private static IndexFilter resolve(IndexFilter f, Map<String, String> vocabulary) {
        if (f instanceof IndexFilter.Fragment fragment) {
            List<IndexFilter> tokens = new ArrayList<>();
            vocabulary.forEach((word, token) -> {
                if (fragment.end() ? word.endsWith(fragment.piece()) : word.contains(fragment.piece())) {
                    tokens.add(new IndexFilter.Token(token, false));
                }
            });
            return tokens.isEmpty() ? IndexFilter.NOTHING : IndexFilter.any(tokens);
        }
        if (f instanceof IndexFilter.WordPattern regex) {
            List<IndexFilter> tokens = new ArrayList<>();
            vocabulary.forEach((word, token) -> {
                if (regex.pattern().matcher(word).find()) {
                    tokens.add(new IndexFilter.Token(token, false));
                }
            });
            return tokens.isEmpty() ? IndexFilter.NOTHING : IndexFilter.any(tokens);
        }
        List<IndexFilter> parts = new ArrayList<>();
        if (f instanceof IndexFilter.All all) {
            all.parts().forEach(p -> parts.add(resolve(p, vocabulary)));
            return IndexFilter.all(parts);
        }
        if (f instanceof IndexFilter.Any any) {
            any.parts().forEach(p -> parts.add(resolve(p, vocabulary)));
            return IndexFilter.any(parts);
        }
        return f;
    }

    static Set<String> terms(MatchText item) {
        String joined = IndexTerms.of(item);
        return joined.isEmpty() ? Set.of() : Set.of(joined.split(" "));
    }

    @Test
    void indexTermsAreShortAsciiWords() {
        MatchText item = MatchText.of("Đà Nẵng: bão số 3", "Nguyễn", List.of("Thời tiết"), "V-League ở Hòa Bình, Москва");
        String joined = IndexTerms.of(item);
        assertTrue(joined.matches("[a-z0-9]{3,80}( [a-z0-9]{3,80})*"), joined);
        Set<String> terms = terms(item);
        assertTrue(terms.containsAll(Set.of("zuda", "zunang", "zubao", "zuso", "zu3", "zuv", "zuleague", "zuhoa")));
        assertTrue(terms.containsAll(Set.of("zax111xax300x", "zabaox303x")), joined);
        assertFalse(terms.contains("zav"));
        assertEquals(terms.size(), joined.split(" ").length);
    }

    @Test
    void bothTonePlacementsIndexAlike() {
        assertEquals(IndexTerms.of(MatchText.of("hoà thuỷ", null, null, null)),
                IndexTerms.of(MatchText.of("hòa thủy", null, null, null)));
        assertEquals(IndexTerms.of(MatchText.of("Hòa", null, null, null)),
                IndexTerms.of(MatchText.of(Normalizer.normalize("hòa", Normalizer.Form.NFD), null, null, null)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            bao                                                  | +zubao
            bão lu                                               | +zabaox303x +zulu
            bão OR lũ OR "áp thấp nhiệt đới" -"bão giá"          | +(zabaox303x zalux303x (+zaapx301x +zathax302xpx301x +zanhiex302xtx323x +zax111xox31bxix301x))
            title:"da nang"                                      | +zuda +zunang
            V-League OR u23                                      | +((+zuv +zuleague) zuu23)
            bão /^\\[PR\\]/                                       | +zabaox303x +zupr
            bão OR /x/                                           | +(zabaox303x ~/x/~)
            bão OR /x y/                                         | +(zabaox303x zuy*)
            bão OR /\\d \\d/                                       | -
            -bão                                                 | -
            a OR -b                                              | -
            """)
    void filterShapes(String query, String filter) throws QuerySyntaxException {
        assertEquals(filter.equals("-") ? null : filter, expression(Query.parse(query)));
    }

    @Test
    void tokensTooLongToIndexAreNotRequired() throws QuerySyntaxException {
        String longWord = "a".repeat(100);
        MatchText item = MatchText.of(longWord + " bão", null, null, null);
        assertFalse(IndexTerms.of(item).contains(longWord));
        assertNull(Query.parse(longWord).indexFilter());
        assertTrue(Query.parse(longWord).matches(item));
        assertEquals("+zabaox303x", expression(Query.parse(longWord + " bão")));
        assertEquals("+zuxyz", expression(Query.parse("\"" + longWord + " xyz\"")));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            bao lu                                           | Bão lũ miền Trung
            hòa                                              | hoà bình
            thuỷ                                             | Thủy điện
            đà nẵng                                          | Đà Nẵng
            da nang                                          | Đà Nẵng
            bão OR lũ OR "áp thấp nhiệt đới" -"bão giá"      | Áp thấp nhiệt đới mạnh lên
            V-League OR u23                                  | U23 Việt Nam
            title:ô                                          | ô nhiễm
            """)
    void everyMatchSatisfiesTheFilter(String query, String title) throws QuerySyntaxException {
        MatchText item = MatchText.of(title, null, null, null);
        Query q = Query.parse(query);
        assertTrue(q.matches(item));
        assertTrue(satisfies(expression(q, item), terms(item)), expression(q, item) + " vs " + IndexTerms.of(item));
    }

    static final List<String> SYLLABLES = List.of("bão", "bao", "báo", "lũ", "lũy", "hòa", "hoà", "thủy", "thuỷ",
            "đà", "da", "nẵng", "ưu", "tiên", "ô", "nhiễm", "áp", "thấp", "nhiệt", "đới", "Việt", "Nam", "u23",
            "covid", "19", "khỏe", "khoẻ", "nguyễn", "giá", "Москва", "naïve", "ø", "bé");

    @Provide
    Arbitrary<List<String>> texts() {
        return Arbitraries.of(SYLLABLES).list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Integer>> picks() {
        return Arbitraries.integers().between(0, 1_000).list().ofMinSize(1).ofMaxSize(8);
    }

    /** Builds, from words of the text, a query the text matches; then its filter must accept the text's terms. */
    @Property(tries = 300)
    void filterAcceptsEveryMatchingItem(@ForAll("texts") List<String> words, @ForAll("picks") List<Integer> picks,
            @ForAll boolean decompose, @ForAll boolean upper) throws QuerySyntaxException {
        String title = String.join(" ", words);
        title = upper ? title.toUpperCase(java.util.Locale.ROOT) : title;
        title = decompose ? Normalizer.normalize(title, Normalizer.Form.NFD) : title;
        MatchText item = MatchText.of(title, null, null, null);
        List<String> terms = new ArrayList<>();
        for (int pick : picks) {
            int from = pick % words.size();
            int to = Math.min(words.size(), from + 1 + pick % 3);
            String phrase = String.join(" ", words.subList(from, to));
            if (pick % 5 == 0) {
                phrase = Syllables.bare(phrase);
            }
            String term = to - from > 1 ? "\"" + phrase + "\"" : phrase;
            terms.add(pick % 7 == 0 ? "zzz OR " + term : term);
        }
        Query query = Query.parse(String.join(" ", terms));
        assertTrue(query.matches(item), query + " on " + title);
        String filter = expression(query);
        assertTrue(filter == null || satisfies(filter, terms(item)), filter + " vs " + IndexTerms.of(item));
    }

    @Property(tries = 200)
    void queryForADifferentlyAccentedWordDoesNotMatch(@ForAll("texts") List<String> words) throws QuerySyntaxException {
        MatchText item = MatchText.of(String.join(" ", words), null, null, null);
        for (String syllable : SYLLABLES) {
            Query q = Query.parse(syllable);
            boolean present = words.stream().anyMatch(w -> Syllable.of(w).accented().equals(Syllable.of(syllable).accented())
                    || (!Syllable.of(syllable).hasDiacritics() && Syllable.of(w).bare().equals(Syllable.of(syllable).bare())));
            assertEquals(present, q.matches(item), syllable + " in " + words);
            if (present) {
                assertTrue(q.indexFilter() == null || satisfies(expression(q, item), terms(item)));
            }
        }
    }

    /** The bare forms of words, as a user without a Vietnamese keyboard types them. */
    static final class Syllables {
        static String bare(String text) {
            List<String> out = new ArrayList<>();
            for (Syllable s : Tokenizer.syllables(text)) {
                out.add(s.bare());
            }
            return String.join(" ", out);
        }
    }

    @Property(tries = 100)
    void indexTermsAreAlwaysValid(@ForAll String anyText) {
        String joined = IndexTerms.of(MatchText.of(anyText, null, null, null));
        assertTrue(joined.isEmpty() || joined.matches("[a-z0-9]{3,80}( [a-z0-9]{3,80})*"), joined);
    }
}
