package tributary.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the index must hold for a regex: the words of its literals, whole inside them, as word ends (pieces the
 * vocabulary answers) and word starts (prefix tokens) at their open sides, a piece of one word as the words holding
 * it; and that every text a regex is found in holds it, its pieces resolved over a vocabulary of its words.
 */
class RegexIndexFilterTest {

    private static String expression(String query) throws QuerySyntaxException {
        return IndexFilterTest.expression(Query.parse(query));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            /s[ếe]u đầu/ => +((+~sếu +zudau*) (+~seu +zudau*))
            /S[ẾE]U ĐẦU/ => +((+~sếu +zudau*) (+~seu +zudau*))
            /giá (vàng|xăng)/ => +((+~giá +zuvang*) (+~giá +zuxang*))
            /^\\[(PR|QC)\\]/ => +(zupr zuqc)
            /\\d+ người chết/ => +zangux31bxox31bxix300x +zuchet*
            /^bão$/ => +zabaox303x
            /^bão/ => +zubao*
            /bão$/ => +~bão
            /(?:đàn|bầy) sếu/ => +((+~đàn +zuseu*) (+~bầy +zuseu*))
            /covid-19/ => +~covid +zu19*
            `/title: "x"/` => +~title +zux
            /ab?c d/ => +zud*
            /x/ => +~/x/~
            /xo/ => +~xo~
            /huỷ/ => +~huỷ~
            /Ện/ => +~ện~
            /[^a]b c/ => +zuc*
            /a|b c/ => -
            /ab|b c/ => +(~ab~ zuc*)
            /quảng cáo|khuyến mãi/ => +((+~quảng +zucao*) (+~khuyến +zumai*))
            /^\\[PR\\]|^\\[QC\\]/ => +(zupr zuqc)
            /\\bclip\\b/ => +~clip~
            """)
    void regexFilterShapes(String query, String filter) throws QuerySyntaxException {
        assertEquals(filter.equals("-") ? null : filter, expression(query));
    }

    @Test
    void aLiteralOfManyAlternativesEndsInsteadOfGrowing() throws QuerySyntaxException {
        // [0-9][0-9] would stand for 100 strings: the literal ends at the second class and starts again after it.
        List<RegexLiterals.Run> runs = RegexLiterals.branches("giá [0-9][0-9] đồng").get(0);
        assertTrue(runs.stream().allMatch(r -> r.alternatives().size() <= RegexLiterals.MAX_ALTERNATIVES), runs.toString());
        assertTrue(expression("/giá [0-9][0-9] đồng/").contains("+zudong*"), expression("/giá [0-9][0-9] đồng/"));
    }

    @Test
    void theIndexHoldsTheStartsOfLongWordsAndTheVocabularyTheWords() {
        MatchText item = MatchText.of("ĐÀ Nẵng hoà hòa " + "a".repeat(100), null, null, null);
        Set<String> terms = IndexFilterTest.terms(item);
        assertTrue(terms.containsAll(Set.of("zuda", "zunang")), terms.toString());
        assertTrue(terms.contains("zu" + "a".repeat(78)), "a long word's bare token is cut, not left out");
        assertTrue(terms.stream().noneMatch(t -> t.startsWith("zr")), "no word ends: the vocabulary answers them");
        Set<String> words = IndexTerms.words(item);
        assertEquals(Set.of("đà", "nẵng", "hoà", "hòa", "a".repeat(100)), words, "as a regex sees them");
        assertEquals(IndexTerms.wordToken("hoà"), IndexTerms.wordToken("hòa"), "one token finds both spellings");
        assertTrue(words.stream().allMatch(w -> terms.contains(IndexTerms.wordToken(w))), "each word's token is indexed");
    }

    @Test
    void aPieceOfAWordIsFoundThroughTheWordsHoldingIt() throws QuerySyntaxException {
        MatchText item = MatchText.of("Khuỷu tay bị thương, trận đấu bị huỷ", null, null, null);
        Query q = Query.parse("/uỷu/");
        assertTrue(q.matches(item));
        String filter = IndexFilterTest.expression(q, item, "huỷ", "thuỷ", "khuya");
        assertEquals("+" + IndexTerms.wordToken("khuỷu"), filter, "only the word holding the piece");
        assertTrue(IndexFilterTest.satisfies(filter, IndexFilterTest.terms(item)));
        assertEquals("+zqnothing", IndexFilterTest.expression(Query.parse("/qqzz/"), item), "no word holds it");
        assertFalse(IndexFilterTest.satisfies("+zqnothing", IndexFilterTest.terms(item)));
    }

    @Test
    void theLongSIsAnSForTheIndexAsForTheRegex() throws QuerySyntaxException {
        MatchText item = MatchText.of("\u017Fếu đầu đàn", null, null, null);
        Query q = Query.parse("/sếu đầu/");
        assertTrue(q.matches(item));
        assertTrue(IndexFilterTest.satisfies(IndexFilterTest.expression(q, item), IndexFilterTest.terms(item)));
        assertTrue(Query.parse("sếu").matches(item), "a word query folds it alike");
    }

    @Test
    void aWordEndIsNotAWholeWord() throws QuerySyntaxException {
        // "sếu" at the start of the regex may end a longer word: the filter must not ask for the word sếu itself.
        MatchText item = MatchText.of("Xsếu đầu", null, null, null);
        Query q = Query.parse("/sếu đầu/");
        assertTrue(q.matches(item));
        String filter = IndexFilterTest.expression(q, item, "sếu");
        assertTrue(IndexFilterTest.satisfies(filter, IndexFilterTest.terms(item)));
        assertTrue(filter.contains(IndexTerms.wordToken("xsếu")) && filter.contains(IndexTerms.wordToken("sếu")), filter);
        assertFalse(IndexFilterTest.satisfies("+zaseux302xx301x", IndexFilterTest.terms(item)), "the whole word is absent");
    }

    @Test
    void regexesOfOnlyOptionalOrUnknownPartsGiveNoFilter() throws QuerySyntaxException {
        assertNull(Query.parse("/.*/").indexFilter());
        assertNull(Query.parse("/(bão)?/").indexFilter(), "found in every text");
        assertNull(Query.parse("/\\p{L}+ \\d+/").indexFilter(), "a match may span words");
        assertNull(Query.parse("/\\w{9}/").indexFilter(), "_ separates words");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            /[0-9]{9}/ => +~/[0-9]{9}/~
            /\\d{3,}tr/ => +~tr~
            /\\d{3,}[trk]/ => +~/\\d{3,}[trk]/~
            /^\\p{L}{12,}$/ => +~/^\\p{L}{12,}$/~
            /(?i)[a-zđ]{2}\\b/ => +~/(?i)[a-zđ]{2}\\b/~
            /[à-ỹ]{2}/ => -
            /\\d+ tỷ/ => +zuty*
            /\\d.\\d/ => -
            /\\B\\d{4}/ => -
            /[^a]{9}/ => -
            /[!-z]{9}/ => -
            /(?-i)ABC\\d/ => +~abc~
            /(bão)?/ => -
            /\\d*/ => -
            """)
    void aRegexWithoutLiteralsFoundOnlyInsideWordsAsksTheVocabulary(String query, String filter)
            throws QuerySyntaxException {
        assertEquals(filter.equals("-") ? null : filter, expression(query));
    }

    @Test
    void aRegexWithoutLiteralsIsAskedAsTheWordsItIsFoundIn() throws QuerySyntaxException {
        MatchText item = MatchText.of("Hotline 0912345678, giá 250tr", null, null, null);
        Query phone = Query.parse("/[0-9]{9}/");
        assertTrue(phone.matches(item));
        String filter = IndexFilterTest.expression(phone, item, "2026", "123");
        assertEquals("+" + IndexTerms.wordToken("0912345678"), filter);
        assertEquals("+zqnothing", IndexFilterTest.expression(Query.parse("/[0-9]{11}/"), item), "no word holds it");
        assertEquals("+" + IndexTerms.wordToken("250tr"), IndexFilterTest.expression(Query.parse("/\\d{3}TR/"), item),
                "found case-insensitively, as in the text");
    }

    static final String[] WORDS = {"bão", "số", "3", "sếu", "đầu", "đàn", "Đà", "Nẵng", "hòa", "hoà", "thuỷ", "lũ",
        "lũy", "giá", "vàng", "xăng", "V-League", "U23", "covid-19", "khỏe", "\u017Fale", "Москва", "naïve", "ø",
        "[PR]", "50%", "KHUYẾN", "mãi"};

    /**
     * Regexes made from a piece of a text (classes holding the char, alternatives holding the word, dots, ^ and $,
     * other cases): every text one is found in satisfies its filter.
     */
    @Test
    void everyTextARegexIsFoundInHoldsItsFilter() throws QuerySyntaxException {
        Random random = new Random(20261203);
        int filtered = 0;
        for (int n = 0; n < 5_000; n++) {
            StringBuilder raw = new StringBuilder();
            int words = 1 + random.nextInt(6);
            for (int i = 0; i < words; i++) {
                raw.append(i == 0 ? "" : random.nextInt(5) == 0 ? ", " : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            String text = raw.toString();
            if (random.nextBoolean()) {
                text = random.nextBoolean() ? text.toUpperCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT);
            }
            String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
            String stored = random.nextInt(4) == 0 ? Normalizer.normalize(text, Normalizer.Form.NFD) : text;
            int[] cps = nfc.codePoints().toArray();
            int from = random.nextInt(cps.length);
            int to = from + 1 + random.nextInt(cps.length - from);
            StringBuilder regex = new StringBuilder(from == 0 && random.nextBoolean() ? "^" : "");
            for (int i = from; i < to; i++) {
                String c = new String(cps, i, 1);
                int roll = random.nextInt(20);
                if (roll == 0) {
                    regex.append('.');
                } else if (roll == 1) {
                    regex.append('[').append(quoteInClass(c)).append("xé]");
                } else if (roll == 2 && Character.isLetter(cps[i])) {
                    regex.append("(?:").append(quote(c)).append("|ư)");
                } else {
                    regex.append(quote(random.nextInt(3) == 0 ? swapCase(c) : c));
                }
            }
            if (to == cps.length && random.nextBoolean()) {
                regex.append('$');
            }
            Query q = Query.parse("/" + regex.toString().replace("/", "\\/") + "/");
            MatchText item = MatchText.of(stored, null, null, null);
            assertTrue(q.matches(item), () -> regex + " not found in " + nfc);
            String filter = IndexFilterTest.expression(q, item, "sếu", "thuỷ", "lũy", "vàng");
            if (filter != null) {
                filtered++;
                assertTrue(IndexFilterTest.satisfies(filter, IndexFilterTest.terms(item)),
                        () -> "/" + regex + "/ is found in \"" + nfc + "\" but " + filter + " does not hold in "
                                + IndexTerms.of(item));
            }
        }
        assertTrue(filtered > 2_000, "too few regexes with a filter to mean anything: " + filtered);
    }

    /**
     * Regexes without literals made from a piece of one word of a text (each letter a class of eleven chars or \p{L},
     * each digit \d, some repeated): every text one is found in holds the words it is found in.
     */
    @Test
    void everyTextAnInWordRegexIsFoundInHoldsItsFilter() throws QuerySyntaxException {
        Random random = new Random(20261204);
        int asked = 0;
        for (int n = 0; n < 3_000; n++) {
            StringBuilder raw = new StringBuilder();
            for (int i = 0, words = 1 + random.nextInt(5); i < words; i++) {
                raw.append(i == 0 ? "" : random.nextInt(4) == 0 ? "_" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            String text = random.nextBoolean() ? raw.toString().toUpperCase(Locale.ROOT) : raw.toString();
            String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
            List<String> tokens = Tokenizer.tokens(nfc);
            int[] cps = tokens.get(random.nextInt(tokens.size())).codePoints().toArray();
            int from = random.nextInt(cps.length);
            int to = from + 1 + random.nextInt(cps.length - from);
            StringBuilder regex = new StringBuilder();
            for (int i = from; i < to; i++) {
                int cp = cps[i];
                if (Character.isDigit(cp)) {
                    regex.append("\\d");
                } else if (random.nextInt(3) == 0) {
                    regex.append("\\p{L}");
                } else {
                    regex.append('[').append(swapCase(new String(Character.toChars(cp)))).append("0-9]");
                }
                if (random.nextInt(8) == 0) {
                    regex.append('+');
                }
            }
            Query q = Query.parse("/" + regex + "/");
            MatchText item = MatchText.of(text, null, null, null);
            assertTrue(q.matches(item), () -> regex + " not found in " + nfc);
            String filter = IndexFilterTest.expression(q, item, "sếu", "2026");
            if (filter != null) {
                asked++;
                assertTrue(IndexFilterTest.satisfies(filter, IndexFilterTest.terms(item)),
                        () -> "/" + regex + "/ is found in \"" + nfc + "\" but " + filter + " does not hold in "
                                + IndexTerms.of(item));
            }
        }
        assertTrue(asked > 2_000, "too few in-word regexes to mean anything: " + asked);
    }

    private static String quote(String c) {
        return "\\.[]{}()*+?^$|/-%".contains(c) ? "\\" + c : c;
    }

    private static String quoteInClass(String c) {
        return "\\[]^-".contains(c) ? "\\" + c : c;
    }

    private static String swapCase(String c) {
        String upper = c.toUpperCase(Locale.ROOT);
        return upper.equals(c) ? c.toLowerCase(Locale.ROOT) : upper.length() == c.length() ? upper : c;
    }
}
