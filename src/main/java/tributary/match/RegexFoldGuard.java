package tributary.match;

/**
 * Keeps chars RE2/J 1.8 cannot fold out of a case-insensitive regex: compiling one that holds any of them (U+1C80..
 * U+1C88, Cyrillic Extended-C, as a char, an escape or inside a class range such as [à-ỹ]) never returns, because
 * its fold table and the JDK's case mappings disagree about them (google/re2j#168), so one query would hold a CPU for
 * ever. A class range is narrowed to leave them out ([à-ỹ] still means every Vietnamese letter it meant); a char or
 * escape naming one is refused. RegexFoldGuardTest checks, on the running JDK, that no other char hangs.
 */
final class RegexFoldGuard {

    /** The first and last char whose case-fold orbit does not close in RE2/J 1.8 on this JDK. */
    static final int FIRST = 0x1C80;
    static final int LAST = 0x1C88;

    /** A regex holding a char RE2/J cannot fold, other than inside a range. */
    static final class UnfoldableException extends Exception {
        private final int codePoint;

        UnfoldableException(int codePoint) {
            super(null, null, false, false);
            this.codePoint = codePoint;
        }

        int codePoint() {
            return codePoint;
        }
    }

    private final String regex;
    private final StringBuilder out;
    private int at;

    private RegexFoldGuard(String regex) {
        this.regex = regex;
        this.out = new StringBuilder(regex.length() + 16);
    }

    /** The regex with every class range narrowed to leave out the chars RE2/J cannot fold. */
    static String safe(String regex) throws UnfoldableException {
        RegexFoldGuard guard = new RegexFoldGuard(regex);
        int found = guard.scan();
        if (found >= 0) {
            throw new UnfoldableException(found);
        }
        return guard.out.toString();
    }

    private static boolean bad(int cp) {
        return cp >= FIRST && cp <= LAST;
    }

    /** Copies the regex to out, ranges narrowed; answers the first char it cannot keep out, -1 when none. */
    private int scan() {
        boolean inClass = false;
        while (at < regex.length()) {
            int start = at;
            int cp = regex.codePointAt(at);
            if (!inClass && cp == '[') {
                at++;
                inClass = true;
                if (at < regex.length() && regex.charAt(at) == '^') {
                    at++;
                }
                if (at < regex.length() && regex.charAt(at) == ']') {
                    // A ] first in a class is a literal ].
                    at++;
                }
            } else if (inClass && cp == '[' && regex.startsWith("[:", at)) {
                int close = regex.indexOf(":]", at + 2);
                at = close < 0 ? regex.length() : close + 2;
            } else if (inClass && cp == ']') {
                at++;
                inClass = false;
            } else if (cp == '\\' && regex.startsWith("\\Q", at)) {
                int end = regex.indexOf("\\E", at + 2);
                String quoted = regex.substring(at + 2, end < 0 ? regex.length() : end);
                int found = quoted.codePoints().filter(RegexFoldGuard::bad).findFirst().orElse(-1);
                if (found >= 0) {
                    return found;
                }
                at = end < 0 ? regex.length() : end + 2;
            } else {
                int low = atom();
                if (inClass && at + 1 < regex.length() && regex.charAt(at) == '-' && regex.charAt(at + 1) != ']') {
                    at++;
                    int high = atom();
                    if (low >= 0 && high >= 0 && low <= LAST && high >= FIRST) {
                        if (low >= FIRST && high <= LAST) {
                            return low;
                        }
                        narrowed(low, high);
                        continue;
                    }
                } else if (bad(low)) {
                    return low;
                }
            }
            out.append(regex, start, at);
        }
        return -1;
    }

    /** The range low-high without FIRST..LAST, written with escapes. */
    private void narrowed(int low, int high) {
        if (low < FIRST) {
            out.append(String.format("\\x{%x}-\\x{%x}", low, FIRST - 1));
        }
        if (high > LAST) {
            out.append(String.format("\\x{%x}-\\x{%x}", LAST + 1, high));
        }
    }

    /** Reads one char or escape at at: the char it stands for, or -1 for an escape that names none (\d, \p{L}). */
    private int atom() {
        int cp = regex.codePointAt(at);
        if (cp != '\\' || at + 1 >= regex.length()) {
            at += Character.charCount(cp);
            return cp;
        }
        int next = regex.codePointAt(at + 1);
        at += 1 + Character.charCount(next);
        if (next == 'x') {
            int end;
            int start;
            if (at < regex.length() && regex.charAt(at) == '{') {
                start = at + 1;
                end = regex.indexOf('}', at);
                if (end < 0) {
                    return -1;
                }
                at = end + 1;
            } else {
                start = at;
                end = Math.min(regex.length(), at + 2);
                at = end;
            }
            try {
                return Integer.parseInt(regex.substring(start, end), 16);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        if (next == 'p' || next == 'P') {
            if (at < regex.length() && regex.charAt(at) == '{') {
                int end = regex.indexOf('}', at);
                at = end < 0 ? regex.length() : end + 1;
            } else if (at < regex.length()) {
                at++;
            }
            return -1;
        }
        // \d, \s, \b and the like name no single char; any other escaped char stands for itself.
        return next < 0x80 && Character.isLetterOrDigit(next) ? -1 : next;
    }
}
