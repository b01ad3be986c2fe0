package tributary.match;

/**
 * Encodes a folded token for the ASCII FULLTEXT column: "zu" + the bare form, "za" + the accented form; a-z and 0-9
 * stand for themselves, any other char (a combining mark, a letter of another script) as x, its hex code point, x.
 * InnoDB indexes tokens of 3..84 chars: accented tokens longer than MAX_LENGTH are left out, and so never required
 * by a query; bare ones are cut to MAX_LENGTH, so the start of a long word is still found. No token starts with
 * "zq" ({@link IndexFilter#NOTHING}).
 */
final class IndexToken {

    static final int MAX_LENGTH = 80;

    private IndexToken() {
    }

    /** The bare index token, cut to MAX_LENGTH: what the index holds for the word, and a prefix of its longer form. */
    static String bareCut(Syllable s) {
        return cut("zu" + encode(s.bare()));
    }

    /**
     * The one token that finds every item holding the word: its accented token when it has diacritics and is short
     * enough to be indexed, else its bare token as the index holds it.
     */
    static String word(Syllable s) {
        String accented = s.hasDiacritics() ? accented(s) : null;
        return accented != null ? accented : bareCut(s);
    }

    /** The accented index token (only for a token with diacritics), or null when too long to index. */
    static String accented(Syllable s) {
        return whole("za" + encode(s.accented()));
    }

    /** The index token a query token requires: its accented token when it has diacritics, else its bare one. */
    static String required(QueryToken t) {
        return whole(t.exact() ? "za" + encode(t.accented()) : "zu" + encode(t.bare()));
    }

    private static String whole(String token) {
        return token.length() > MAX_LENGTH ? null : token;
    }

    private static String cut(String token) {
        return token.length() > MAX_LENGTH ? token.substring(0, MAX_LENGTH) : token;
    }

    private static String encode(String form) {
        StringBuilder out = new StringBuilder(form.length() + 8);
        for (int i = 0; i < form.length(); ) {
            int cp = form.codePointAt(i);
            if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
                out.append((char) cp);
            } else {
                out.append('x').append(Integer.toHexString(cp)).append('x');
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
