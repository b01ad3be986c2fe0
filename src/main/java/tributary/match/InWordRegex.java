package tributary.match;

/**
 * Whether every match of a regex lies inside one word (a token: letters and digits): then a text it is found in
 * holds a word it is found in, and the vocabulary's words name the candidates even when the regex has no literal
 * (/\d{9}/, /[0-9]{4}tr/). Conservative: a regex is in-word only when each thing it may match is a letter or a digit
 * (plain ones, \d, \p{L}, \p{N}, classes of those) and the rest is grouping, alternation, repetition and the anchors
 * ^, $, \A, \z and \b, which hold in a word wherever they hold in the text. \B is refused: between "_" and a letter
 * it holds in the text but not at the start of the word.
 */
final class InWordRegex {

    /** Chars a class range may span: every one is checked to be a letter or digit. */
    static final int MAX_RANGE = 2_000;

    private final String regex;
    private int at;

    private InWordRegex(String regex) {
        this.regex = regex;
    }

    /** Whether every match of the (NFC) regex lies inside one token. */
    static boolean holds(String regex) {
        return !regex.isEmpty() && new InWordRegex(regex).read();
    }

    private boolean read() {
        while (at < regex.length()) {
            int cp = regex.codePointAt(at);
            boolean ok;
            switch (cp) {
                case '\\' -> ok = escape(false);
                case '[' -> ok = charClass();
                case '(' -> ok = groupStart();
                case ')', '|', '*', '+', '?', '^', '$' -> {
                    at++;
                    ok = true;
                }
                case '{' -> ok = repetition();
                default -> {
                    ok = wordChar(cp);
                    at += Character.charCount(cp);
                }
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** An escape at at; inClass: inside [...], where \b is a backspace. */
    private boolean escape(boolean inClass) {
        if (at + 1 >= regex.length()) {
            return false;
        }
        char c = regex.charAt(at + 1);
        at += 2;
        if (c == 'd') {
            return true;
        }
        if (!inClass && (c == 'b' || c == 'A' || c == 'z')) {
            return true;
        }
        if (c == 'p') {
            return property();
        }
        return false;
    }

    /** \p{L}, \p{N}, \p{Nd}, \pL, \pN: letters and digits in any case (a case class would not fold). */
    private boolean property() {
        if (at >= regex.length()) {
            return false;
        }
        String name;
        if (regex.charAt(at) == '{') {
            int close = regex.indexOf('}', at);
            if (close < 0) {
                return false;
            }
            name = regex.substring(at + 1, close);
            at = close + 1;
        } else {
            name = String.valueOf(regex.charAt(at));
            at++;
        }
        return name.equals("L") || name.equals("N") || name.equals("Nd");
    }

    private boolean charClass() {
        at++;
        if (at < regex.length() && regex.charAt(at) == '^') {
            return false;
        }
        boolean first = true;
        while (at < regex.length()) {
            int cp = regex.codePointAt(at);
            if (cp == ']' && !first) {
                at++;
                return true;
            }
            first = false;
            if (cp == '\\') {
                if (!escape(true)) {
                    return false;
                }
                continue;
            }
            if (cp == '[') {
                return false;
            }
            at += Character.charCount(cp);
            if (at + 1 < regex.length() && regex.charAt(at) == '-' && regex.charAt(at + 1) != ']') {
                int to = regex.codePointAt(at + 1);
                at += 1 + Character.charCount(to);
                if (to < cp || to - cp > MAX_RANGE) {
                    return false;
                }
                for (int x = cp; x <= to; x++) {
                    if (!wordChar(x)) {
                        return false;
                    }
                }
            } else if (!wordChar(cp)) {
                return false;
            }
        }
        return false;
    }

    /** "(", "(?:", "(?P<name>" and flag groups such as "(?i)" or "(?i:". */
    private boolean groupStart() {
        at++;
        if (at >= regex.length() || regex.charAt(at) != '?') {
            return true;
        }
        at++;
        if (at < regex.length() && regex.charAt(at) == 'P') {
            int close = regex.indexOf('>', at);
            if (close < 0) {
                return false;
            }
            at = close + 1;
            return true;
        }
        while (at < regex.length() && "imsU".indexOf(regex.charAt(at)) >= 0) {
            at++;
        }
        if (at < regex.length() && (regex.charAt(at) == ':' || regex.charAt(at) == ')')) {
            at++;
            return true;
        }
        return false;
    }

    /** {n}, {n,} or {n,m}; anything else is a literal brace, not a word char. */
    private boolean repetition() {
        int close = regex.indexOf('}', at);
        if (close < 0 || !regex.substring(at + 1, close).matches("\\d+(,\\d*)?")) {
            return false;
        }
        at = close + 1;
        return true;
    }

    /** A char the tokenizer keeps inside a token wherever it stands: a letter or digit (a mark may start none). */
    private static boolean wordChar(int cp) {
        return Character.isLetterOrDigit(cp);
    }
}
