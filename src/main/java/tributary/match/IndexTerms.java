package tributary.match;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The words of an item encoded for a MariaDB FULLTEXT index: ASCII tokens of 3 to 80 chars, so InnoDB's default
 * innodb_ft_min_token_size and stopword list drop none of them (Vietnamese has many two-letter syllables).
 * Each word gives its bare token ("zu" + bare form), its reversed token ("zr" + the bare form backwards, for regexes
 * that hold only the end of a word) and, when it has diacritics, its accented token ("za" + accented form), so "Đà"
 * gives zuda, zrad and zax111xax300x (đ is U+0111, the grave U+0300); see {@link Query#indexFilter()} for the other
 * side.
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
                add(seen, IndexToken.reversed(s));
                if (s.hasDiacritics()) {
                    add(seen, IndexToken.accented(s));
                }
            }
        }
        return String.join(" ", seen);
    }

    private static void add(Set<String> seen, String token) {
        if (token != null) {
            seen.add(token);
        }
    }
}
