package tributary.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegexLiteralsTest {

    private static String[] required(String regex) {
        // Each literal as its alternatives joined by |.
        return Arrays.stream(RegexLiterals.required(Tokenizer.nfc(regex))).map(a -> String.join("|", a))
                .toArray(String[]::new);
    }

    @Test
    void literalRunsBetweenClassesAndGroupsAreRequired() {
        assertArrayEquals(new String[] {"khuyến mãi "}, required("khuyến mãi [0-9]+%"));
        assertArrayEquals(new String[] {"story 13 of section ", "5:"}, required("story 13 of section [0-9]*5:"));
        assertArrayEquals(new String[] {" cách "}, required("[0-9]+ cách (giảm cân|làm đẹp)"));
        assertArrayEquals(new String[] {"clip"}, required("\\bclip\\b"));
    }

    @Test
    void literalsAreFoldedToLowerCase() {
        assertArrayEquals(new String[] {"bão số"}, required("BÃO SỐ"));
        assertArrayEquals(new String[] {"kelvin"}, required("\u212Aelvin"));
        assertArrayEquals(new String[] {"sale"}, required("\u017Fale"));
    }

    @Test
    void anOptionalCharEndsTheLiteralAndIsLeftOut() {
        assertArrayEquals(new String[] {"colo"}, required("colou?r"), "a one-char literal narrows too little");
        assertArrayEquals(new String[] {"ab", "cd"}, required("abx*cd"));
        assertArrayEquals(new String[] {"ab", "cd"}, required("abx{0,3}cd"));
        assertArrayEquals(new String[] {"abx", "cd"}, required("abx+cd"));
        assertArrayEquals(new String[] {"abx", "cd"}, required("abx{2}cd"));
        assertArrayEquals(new String[] {"ab", "cd"}, required("ab(x)?cd"));
        assertArrayEquals(new String[] {"ab", "cd"}, required("ab[xy]*?cd"));
    }

    @Test
    void escapedPunctuationAndQuotedTextAreLiteral() {
        assertArrayEquals(new String[] {"a.b/c"}, required("a\\.b\\/c"));
        assertArrayEquals(new String[] {"[qc] x"}, required("\\Q[QC] x\\E"));
        assertArrayEquals(new String[] {"[qc"}, required("\\Q[QC]\\E?x"));
        assertArrayEquals(new String[] {"ab", "cd"}, required("ab\\d+cd"));
        assertArrayEquals(new String[] {"ab", "cd"}, required("ab\\p{L}cd"));
        assertArrayEquals(new String[] {"{x}"}, required("{x}"));
    }

    @Test
    void anAlternationAtTheTopRequiresALiteralOfOneOfItsAlternatives() {
        assertArrayEquals(new String[] {"quảng cáo|khuyến mãi"}, required("quảng cáo|khuyến mãi"));
        assertArrayEquals(new String[0], required("quảng cáo|x"), "an alternative too short to narrow");
        assertArrayEquals(new String[] {"bão số|lũ"}, required("(a|b)bão số[0-9]|lũ\\d"));
        assertArrayEquals(new String[0], required("a.b"));
        assertArrayEquals(new String[] {"axyc|axyd|bxyc|bxyd"}, required("(a|b)xy(c|d)"));
        assertArrayEquals(new String[0], required("\\d+"));
    }

    @Test
    void aCharOfAnotherScriptEndsTheLiteral() {
        // Greek and Cyrillic have case orbits of more than two chars (σ ς Σ); their literals are not used.
        assertArrayEquals(new String[] {"xcd", "ab"}, required("abσxcd"), "longest first");
        assertArrayEquals(new String[] {"ab"}, required("abдом"));
    }

    /** Whatever the regex, a text it matches holds every literal: random regexes over a tricky alphabet. */
    @Test
    void everyMatchHoldsTheRequiredLiterals() {
        String[] atoms = {"a", "A", "s", "S", "\u017F", "k", "K", "\u212A", "å", "\u212B", "ß", "\u1E9E", "đ", "Đ",
            "ế", "Ế", "µ", "μ", " ", ".", "\\.", "[ab]", "(a|s)", "\\d", "\\b", "x", "-", "\\Qa.\\E", "ſk"};
        String[] quantifiers = {"", "", "", "*", "+", "?", "{0,2}", "{1,2}", "{2}", "*?"};
        String[] letters = {"a", "A", "s", "S", "\u017F", "k", "K", "\u212A", "å", "Å", "\u212B", "ß", "\u1E9E", "đ",
            "Đ", "ế", "Ế", "e", "µ", "μ", "Μ", " ", ".", "1", "x", "-"};
        Random random = new Random(20261203);
        int matched = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder regex = new StringBuilder();
            int length = 1 + random.nextInt(6);
            for (int i = 0; i < length; i++) {
                regex.append(atoms[random.nextInt(atoms.length)]);
                regex.append(quantifiers[random.nextInt(quantifiers.length)]);
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(Tokenizer.nfc(regex.toString()), Pattern.CASE_INSENSITIVE);
            } catch (RuntimeException e) {
                continue;
            }
            String[][] literals = RegexLiterals.required(pattern.pattern());
            for (int t = 0; t < 20; t++) {
                StringBuilder text = new StringBuilder();
                int words = random.nextInt(12);
                for (int i = 0; i < words; i++) {
                    text.append(letters[random.nextInt(letters.length)]);
                }
                String nfc = Tokenizer.nfc(text.toString());
                if (!pattern.matcher(nfc).find()) {
                    continue;
                }
                matched++;
                String folded = RegexLiterals.fold(nfc);
                for (String[] literal : literals) {
                    assertTrue(Arrays.stream(literal).anyMatch(folded::contains), () -> "/" + regex + "/ found in \""
                            + nfc + "\" but none of its literal's alternatives " + Arrays.toString(literal)
                            + " is in \"" + folded + "\" (all: " + Arrays.deepToString(literals) + ")");
                }
            }
        }
        assertTrue(matched > 1_000, "too few matches to mean anything: " + matched);
    }

    @Test
    void aRuleSkipsTheRegexOnlyWhereTheLiteralIsMissing() throws Exception {
        Query rule = Query.parse("/khuyến mãi [0-9]+%/");
        assertTrue(rule.matches(MatchText.of("KHUYẾN MÃI 50% hôm nay", null, null, null)));
        assertTrue(rule.matches(MatchText.of(null, null, null, "Khuyến mãi 5%")));
        assertEquals(false, rule.matches(MatchText.of("khuyến mãi lớn", null, null, "giảm 50%")));
        assertTrue(Query.parse("/\u212Aelvin \\d+/").matches(MatchText.of("kelvin 5", null, null, null)));
        assertTrue(Query.parse("/sale \\d+/").matches(MatchText.of("\u017Fale 5", null, null, null)));
    }
}
