package tributary.match;

/**
 * Encodes a folded token for the ASCII FULLTEXT column: "zu" + the bare form, "za" + the accented form; a-z and 0-9
 * stand for themselves, any other char (a combining mark, a letter of another script) as x, its hex code point, x.
 * Tokens outside InnoDB's 3..80 chars are not indexed, and so never required by a query.
 */
final class IndexToken {

    static final int MAX_LENGTH = 80;

    private IndexToken() {
    }

    /** The bare index token, or null when it would be too long to index. */
    static String bare(Syllable s) {
        return encode("zu", s.bare());
    }

    /** The accented index token (only for a token with diacritics), or null when too long to index. */
    static String accented(Syllable s) {
        return encode("za", s.accented());
    }

    /** The index token a query token requires: its accented token when it has diacritics, else its bare one. */
    static String required(QueryToken t) {
        return t.exact() ? encode("za", t.accented()) : encode("zu", t.bare());
    }

    private static String encode(String prefix, String form) {
        StringBuilder out = new StringBuilder(prefix.length() + form.length() + 8);
        out.append(prefix);
        for (int i = 0; i < form.length(); ) {
            int cp = form.codePointAt(i);
            if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
                out.append((char) cp);
            } else {
                out.append('x').append(Integer.toHexString(cp)).append('x');
            }
            if (out.length() > MAX_LENGTH) {
                return null;
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
