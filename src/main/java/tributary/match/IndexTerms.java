package tributary.match;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The words of an item encoded for a MariaDB FULLTEXT index: ASCII tokens of 3 to 80 chars, so InnoDB's default
 * innodb_ft_min_token_size and stopword list drop none of them (Vietnamese has many two-letter syllables).
 * Each word gives its bare token ("zu" + bare form) and, when it has diacritics, its accented token ("za" + accented
 * form), so "Đà" gives zuda and zax111xax300x (đ is U+0111, the grave U+0300); see {@link Query#indexFilter()} for the
 * other side. The words themselves, as regexes see them, go to the vocabulary ({@link #words}), where a regex that
 * holds only a piece of a word finds the whole words, and so the tokens, to ask for.
 */
public final class IndexTerms {

    private IndexTerms() {
    }

    /** The space-separated tokens of item_search.terms. */
    public static String of(MatchText text) {
        // Each distinct word is encoded once: news text repeats its words many times over.
        Set<String> words = new HashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (FieldText field : text.allFields()) {
            for (int i = 0; i < field.size(); i++) {
                if (!words.add(field.accented(i))) {
                    continue;
                }
                Syllable s = new Syllable(field.bare(i), field.accented(i));
                add(seen, IndexToken.bareCut(s));
                if (s.hasDiacritics()) {
                    add(seen, IndexToken.accented(s));
                }
            }
        }
        return String.join(" ", seen);
    }

    /**
     * The item's distinct words as a regex's literals are compared with them (NFC, each char folded as {@link
     * RegexLiterals#fold} does); {@link #wordToken} gives the token that finds one, asked only for words not yet in
     * the vocabulary: encoding every word of every item again would cost ingest more than the vocabulary saves.
     */
    public static Set<String> words(MatchText text) {
        Set<String> out = new HashSet<>();
        Set<String> written = new HashSet<>();
        for (FieldText field : text.allFields()) {
            for (int i = 0; i < field.size(); i++) {
                String token = field.token(i);
                if (written.add(token)) {
                    out.add(RegexLiterals.fold(token));
                }
            }
        }
        return out;
    }

    /** The one index token that finds a word of {@link #words} ({@link IndexToken#word}). */
    public static String wordToken(String word) {
        return IndexToken.word(Syllable.of(word));
    }

    private static void add(Set<String> seen, String token) {
        if (token != null) {
            seen.add(token);
        }
    }
}
