package tributary.match;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * The index tokens a regex's literals ({@link RegexLiterals}) hold. A word inside a literal is a whole word of the
 * text; the literal's first word may be the end of a longer one and its last the start of one, unless a separator,
 * ^ or $ bounds them: word starts are looked up as a bare prefix, word ends and a piece of one word (/huỷ/) as a
 * {@link IndexFilter.Fragment}, the words the vocabulary holds with it. So /s[ếe]u đầu/ needs a word ending in sếu or
 * seu and one starting with dau, which the index answers at once where a scan reads rows until it has found enough of
 * a rare pair.
 */
final class RegexIndexFilter {

    /** Chars a piece of a word needs to be looked up: one letter ends or lies in most words. */
    static final int MIN_PIECE = 2;

    private RegexIndexFilter() {
    }

    /**
     * What every item the (NFC, case-insensitive) pattern is found in holds: its literals' words, or when they give
     * nothing and every match lies inside one word, the words of the vocabulary it is found in; null when neither.
     */
    static IndexFilter of(Pattern pattern) {
        IndexFilter literals = of(pattern.pattern());
        // A regex found in the empty string is found in every word: the vocabulary would name them all.
        return literals != null || !InWordRegex.holds(pattern.pattern()) || pattern.matcher("").find() ? literals
                : new IndexFilter.WordPattern(pattern);
    }

    /** What every item the (NFC) regex is found in holds; null when its literals hold no usable word. */
    static IndexFilter of(String regex) {
        List<IndexFilter> branches = new ArrayList<>();
        for (List<RegexLiterals.Run> runs : RegexLiterals.branches(regex)) {
            List<IndexFilter> parts = new ArrayList<>();
            for (RegexLiterals.Run run : runs) {
                List<IndexFilter> alternatives = new ArrayList<>();
                for (String literal : run.alternatives()) {
                    alternatives.add(literal(literal, run.textStart(), run.textEnd()));
                }
                parts.add(IndexFilter.any(alternatives));
            }
            // A top-level alternative (a|b) with nothing known makes the whole regex unknown: any() gives null.
            branches.add(IndexFilter.all(parts));
        }
        return IndexFilter.any(branches);
    }

    /** The tokens a text holding this folded literal holds; null when none is known. */
    static IndexFilter literal(String literal, boolean textStart, boolean textEnd) {
        List<String> words = Tokenizer.tokens(literal);
        if (words.isEmpty()) {
            return null;
        }
        boolean openStart = !textStart && wordChar(literal.codePointAt(0));
        boolean openEnd = !textEnd && wordChar(literal.codePointBefore(literal.length()));
        List<IndexFilter> tokens = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            boolean endOfAWord = i == 0 && openStart;
            boolean startOfAWord = i == words.size() - 1 && openEnd;
            if (endOfAWord) {
                // The literal is folded as the vocabulary's words are: its piece is one's end or lies inside one.
                String piece = words.get(i);
                if (piece.codePointCount(0, piece.length()) >= MIN_PIECE) {
                    tokens.add(new IndexFilter.Fragment(piece, !startOfAWord));
                }
                continue;
            }
            Syllable word = Syllable.of(words.get(i));
            String token = startOfAWord ? IndexToken.bareCut(word) : IndexToken.required(QueryToken.of(word));
            if (token != null) {
                tokens.add(new IndexFilter.Token(token, startOfAWord));
            }
        }
        return IndexFilter.all(tokens);
    }

    /** What the tokenizer counts as part of a word: a letter, a digit or a combining mark. */
    private static boolean wordChar(int cp) {
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }
}
