package tributary.match;

import java.util.ArrayList;
import java.util.List;

/**
 * The literal strings a regex cannot match without: "khuyến mãi [0-9]+%" needs "khuyến mãi " and "%". A field
 * whose text lacks one of them is skipped without running the regex, which is most of what regex rules cost at
 * ingest (RE2/J has no literal shortcut for a case-insensitive pattern). Conservative: anything this reader is not
 * sure of (a group, a class, an escape other than punctuation, an alternation at the top) ends a literal or gives
 * none, so a required literal is never wrong, only sometimes missing.
 *
 * <p>Literals and texts are compared in {@link #fold} form: each code point upper-cased then lower-cased, which
 * puts every member of a simple case-folding orbit that RE2/J's case-insensitive mode treats as equal on one char
 * (k, K and the Kelvin sign K; s, S and the long s ſ). Literal chars are kept only in the Latin blocks, where that
 * is known to hold; a char of another script ends the literal.
 */
final class RegexLiterals {

    /** A literal shorter than this narrows too little to be worth a search. */
    private static final int MIN_LENGTH = 2;

    private final String regex;
    private final List<String> literals = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private int at;

    private RegexLiterals(String regex) {
        this.regex = regex;
    }

    /** The folded literals every match of the (NFC) regex contains, longest first; empty when none is known. */
    static String[] required(String regex) {
        RegexLiterals reader = new RegexLiterals(regex);
        if (!reader.read()) {
            return new String[0];
        }
        return reader.literals.stream()
                .filter(s -> s.length() >= MIN_LENGTH)
                .distinct()
                .sorted((a, b) -> b.length() - a.length())
                .toArray(String[]::new);
    }

    /** The text in the form literals are compared in. */
    static String fold(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int folded = foldChar(cp);
            if (folded != cp && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.appendCodePoint(folded);
            }
            i += Character.charCount(cp);
        }
        return out == null ? text : out.toString();
    }

    private static int foldChar(int cp) {
        if (cp < 0x80) {
            return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
        }
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    /** Reads the whole regex; false when it has an alternation at its top (then no literal is required). */
    private boolean read() {
        while (at < regex.length()) {
            char c = regex.charAt(at);
            switch (c) {
                case '|' -> {
                    return false;
                }
                case '(' -> {
                    end();
                    skipGroup();
                    skipQuantifier();
                }
                case '[' -> {
                    end();
                    at = RegexSyntax.afterClass(regex, at);
                    skipQuantifier();
                }
                case '.', '^', '$', ')' -> {
                    end();
                    at++;
                    skipQuantifier();
                }
                case '*', '+', '?' -> {
                    // A quantifier with nothing before it (RE2/J refuses it); nothing to keep.
                    end();
                    at++;
                }
                case '\\' -> escape();
                default -> literal(regex.codePointAt(at), Character.charCount(regex.codePointAt(at)));
            }
        }
        end();
        return true;
    }

    /** \Q…\E and escaped punctuation are literal; any other escape (\d, \b, \p{L}, \x41…) ends the literal. */
    private void escape() {
        if (regex.startsWith("\\Q", at)) {
            int close = regex.indexOf("\\E", at + 2);
            int stop = close < 0 ? regex.length() : close;
            String quoted = regex.substring(at + 2, stop);
            at = close < 0 ? regex.length() : close + 2;
            // The last quoted char is what a following quantifier applies to.
            for (int i = 0; i < quoted.length(); ) {
                int cp = quoted.codePointAt(i);
                i += Character.charCount(cp);
                if (i < quoted.length()) {
                    append(cp);
                } else {
                    quantifiedChar(cp);
                }
            }
            return;
        }
        if (at + 1 >= regex.length()) {
            end();
            at++;
            return;
        }
        char next = regex.charAt(at + 1);
        at += 2;
        if (next < 0x80 && !Character.isLetterOrDigit(next)) {
            quantifiedChar(next);
        } else {
            end();
            if ((next == 'p' || next == 'P' || next == 'x') && at < regex.length() && regex.charAt(at) == '{') {
                int close = regex.indexOf('}', at);
                at = close < 0 ? regex.length() : close + 1;
            }
            skipQuantifier();
        }
    }

    private void literal(int cp, int width) {
        at += width;
        quantifiedChar(cp);
    }

    /** A char just read: required once unless a quantifier after it makes it optional. */
    private void quantifiedChar(int cp) {
        if (at < regex.length()) {
            char q = regex.charAt(at);
            if (q == '*' || q == '?' || (q == '{' && RegexSyntax.countAt(regex, at) && minimumCount() == 0)) {
                end();
                skipQuantifier();
                return;
            }
            if (q == '+' || (q == '{' && RegexSyntax.countAt(regex, at))) {
                // Required at least once, but what follows is not right after that one copy.
                append(cp);
                end();
                skipQuantifier();
                return;
            }
        }
        append(cp);
    }

    private void append(int cp) {
        boolean latin = cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF)
                || (cp >= 0x300 && cp <= 0x36F); // combining marks of Vietnamese text written decomposed
        if (!latin) {
            end();
            return;
        }
        current.appendCodePoint(foldChar(cp));
    }

    private void end() {
        if (!current.isEmpty()) {
            literals.add(current.toString());
            current.setLength(0);
        }
    }

    /** Skips *, +, ?, {n,m} and a lazy ? after them, any number of times. */
    private void skipQuantifier() {
        while (at < regex.length()) {
            char q = regex.charAt(at);
            if (q == '*' || q == '+' || q == '?') {
                at++;
            } else if (q == '{' && RegexSyntax.countAt(regex, at)) {
                at = regex.indexOf('}', at) + 1;
            } else {
                return;
            }
        }
    }


    private int minimumCount() {
        int i = at + 1;
        int n = 0;
        while (i < regex.length() && Character.isDigit(regex.charAt(i)) && n < 1_000_000) {
            n = n * 10 + (regex.charAt(i) - '0');
            i++;
        }
        return n;
    }

    /** Skips a group with everything nested in it, classes and escapes included. */
    private void skipGroup() {
        int depth = 0;
        while (at < regex.length()) {
            char c = regex.charAt(at);
            if (c == '\\') {
                at += 2;
            } else if (c == '[') {
                at = RegexSyntax.afterClass(regex, at);
            } else {
                at++;
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return;
                }
            }
        }
    }
}
