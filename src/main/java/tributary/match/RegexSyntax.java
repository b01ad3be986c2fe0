package tributary.match;

/** What the regex readers (RegexSize, RegexLiterals) both need to know of RE2/J's syntax at a position. */
final class RegexSyntax {

    private RegexSyntax() {
    }

    /** Whether the '{' at {@code at} starts {n}, {n,} or {n,m}; otherwise RE2/J reads it as a literal brace. */
    static boolean countAt(String regex, int at) {
        int i = at + 1;
        int digits = 0;
        while (i < regex.length() && Character.isDigit(regex.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= regex.length()) {
            return false;
        }
        if (regex.charAt(i) == '}') {
            return true;
        }
        if (regex.charAt(i) != ',') {
            return false;
        }
        i++;
        while (i < regex.length() && Character.isDigit(regex.charAt(i))) {
            i++;
        }
        return i < regex.length() && regex.charAt(i) == '}';
    }

    /** The position after the class [...] opened at {@code at}: its escapes, a leading ']' or '^]', and [:name:]. */
    static int afterClass(String regex, int at) {
        at++;
        if (at < regex.length() && regex.charAt(at) == '^') {
            at++;
        }
        if (at < regex.length() && regex.charAt(at) == ']') {
            at++;
        }
        while (at < regex.length() && regex.charAt(at) != ']') {
            if (regex.charAt(at) == '\\') {
                at += 2;
            } else if (regex.startsWith("[:", at)) {
                int end = regex.indexOf(":]", at + 2);
                at = end < 0 ? at + 2 : end + 2;
            } else {
                at++;
            }
        }
        return at + 1;
    }
}
