package tributary.match;

import java.text.Normalizer;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token of text folded two ways: the bare form (no marks at all, đ as d) and the accented form (lower case,
 * tone marks moved to the end so that both tone placements, hòa and hoà, are one form). A token has diacritics when
 * the two differ.
 */
record Syllable(String bare, String accented) {

    /** Grave, acute, tilde, hook above, dot below: the five Vietnamese tones, in the order they are appended. */
    private static final char[] TONES = {'\u0300', '\u0301', '\u0303', '\u0309', '\u0323'};

    boolean hasDiacritics() {
        return !bare.equals(accented);
    }

    /**
     * Folded tokens kept across items: news text has a vocabulary of some thousands of syllables, and folding one
     * (lower case, NFD, marks sorted) costs far more than a lookup. At most CACHED tokens, forgotten all at once past.
     */
    private static final ConcurrentHashMap<String, Syllable> FOLDED = new ConcurrentHashMap<>();
    static final int CACHED = 100_000;

    /** Folds one token (a run of letters, digits and their combining marks). */
    static Syllable of(String token) {
        Syllable known = FOLDED.get(token);
        if (known != null) {
            return known;
        }
        Syllable folded = fold(token);
        // Tokens longer than a word are rarely met again: keeping them would only crowd the cache.
        if (token.length() <= 24) {
            if (FOLDED.size() >= CACHED) {
                FOLDED.clear();
            }
            FOLDED.put(token, folded);
        }
        return folded;
    }

    private static Syllable fold(String token) {
        if (isPlainAscii(token)) {
            String lower = asciiLower(token);
            return new Syllable(lower, lower);
        }
        String nfd = Normalizer.normalize(caseFold(token), Normalizer.Form.NFD);
        StringBuilder shaped = new StringBuilder(nfd.length());
        StringBuilder bare = new StringBuilder(nfd.length());
        int[] tones = new int[TONES.length];
        boolean anyTone = false;
        for (int i = 0; i < nfd.length(); i++) {
            char c = nfd.charAt(i);
            int tone = toneIndex(c);
            if (tone >= 0) {
                tones[tone]++;
                anyTone = true;
                continue;
            }
            shaped.append(c);
            if (Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK
                    || Character.getType(c) == Character.ENCLOSING_MARK) {
                continue;
            }
            bare.append(bareLetter(c));
        }
        if (anyTone) {
            for (int t = 0; t < TONES.length; t++) {
                for (int n = 0; n < tones[t]; n++) {
                    shaped.append(TONES[t]);
                }
            }
        }
        String b = bare.toString();
        String a = shaped.toString();
        return new Syllable(b, a.equals(b) ? b : a);
    }

    /**
     * Each char upper-cased then lower-cased, as regex literals are (RegexLiterals#fold): one form for every member
     * of a case orbit RE2/J treats as equal (s and the long s ſ, µ and μ), so a regex's words find their text.
     */
    private static String caseFold(String token) {
        StringBuilder out = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); ) {
            int cp = token.codePointAt(i);
            out.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp)));
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static int toneIndex(char c) {
        for (int t = 0; t < TONES.length; t++) {
            if (TONES[t] == c) {
                return t;
            }
        }
        return -1;
    }

    private static char bareLetter(char c) {
        return switch (c) {
            case 'đ' -> 'd';
            case 'ø' -> 'o';
            case 'ł' -> 'l';
            default -> c;
        };
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String asciiLower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
    }
}
