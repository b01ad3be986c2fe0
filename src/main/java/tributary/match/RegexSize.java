package tributary.match;

/**
 * How many steps a regex expands to once its counted repetitions are unrolled, as RE2/J compiles them: RE2/J bounds
 * each count (at most 1000) but not their product, and "((x{1000}){1000}){1000}" would take a heap's worth of
 * memory to compile. A reader can send any regex in ?q=, so one past {@link #MAX} is refused before compiling.
 * An estimate on the safe side: a class or an escape counts one, a group the largest of its alternatives.
 */
final class RegexSize {

    /** The most steps a regex may expand to; (x{100}){100} is 10,000 and compiles in milliseconds. */
    static final long MAX = 10_000;

    private final String regex;
    private int at;

    private RegexSize(String regex) {
        this.regex = regex;
    }

    /** The estimated size, saturating at Long.MAX_VALUE; a pattern RE2/J would refuse may get any number. */
    static long of(String regex) {
        RegexSize size = new RegexSize(regex);
        long total = 0;
        while (size.at < regex.length()) {
            // A stray ')' at the top: RE2/J refuses it; skip it so the estimate ends.
            total = add(total, size.alternatives());
            size.at++;
        }
        return total;
    }

    /** alternatives := sequence ('|' sequence)*, up to a ')' or the end; the largest one. */
    private long alternatives() {
        long largest = 0;
        while (true) {
            largest = Math.max(largest, sequence());
            if (at < regex.length() && regex.charAt(at) == '|') {
                at++;
                continue;
            }
            return largest;
        }
    }

    private long sequence() {
        long total = 0;
        while (at < regex.length() && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
            long atom = atom();
            total = add(total, quantified(atom));
        }
        return total;
    }

    private long atom() {
        char c = regex.charAt(at);
        if (c == '(') {
            at++;
            if (at < regex.length() && regex.charAt(at) == '?') {
                // (?:…), (?i:…), (?P<name>…) open a group; (?i) alone only sets flags.
                int name = regex.startsWith("?P<", at) ? regex.indexOf('>', at) : -1;
                int i = name >= 0 ? name : at;
                while (i < regex.length() && regex.charAt(i) != ':' && regex.charAt(i) != ')'
                        && regex.charAt(i) != '>') {
                    i++;
                }
                if (i < regex.length() && regex.charAt(i) == ')') {
                    at = i + 1;
                    return 0;
                }
                at = Math.min(regex.length(), i + 1);
            }
            long inner = alternatives();
            if (at < regex.length()) {
                at++; // ')'
            }
            return Math.max(1, inner);
        }
        if (c == '[') {
            at = RegexSyntax.afterClass(regex, at);
            return 1;
        }
        if (c == '\\') {
            return escape();
        }
        at++;
        return 1;
    }

    /** Quantifiers after an atom: a count multiplies it; *, + and ? add a step. */
    private long quantified(long atom) {
        long size = atom;
        while (at < regex.length()) {
            char c = regex.charAt(at);
            if (c == '*' || c == '+' || c == '?') {
                at++;
                size = add(size, 1);
            } else if (c == '{' && RegexSyntax.countAt(regex, at)) {
                size = multiply(size, count());
            } else {
                break;
            }
        }
        return size;
    }


    /** Reads {n}, {n,} or {n,m}: the most copies it unrolls to ({n,} is n copies and a star). */
    private long count() {
        int close = regex.indexOf('}', at);
        String inside = regex.substring(at + 1, close);
        at = close + 1;
        int comma = inside.indexOf(',');
        String low = comma < 0 ? inside : inside.substring(0, comma);
        String high = comma < 0 ? low : inside.substring(comma + 1);
        return Math.max(number(low) + (high.isEmpty() ? 1 : 0), high.isEmpty() ? 0 : number(high));
    }

    private static long number(String digits) {
        // More digits than a long holds: RE2/J refuses such a count anyway; count it as huge.
        return digits.length() > 12 ? Long.MAX_VALUE / 2 : Long.parseLong(digits);
    }

    /** \Q…\E counts its characters, \p{…} and \x{…} one, any other escape one. */
    private long escape() {
        if (regex.startsWith("\\Q", at)) {
            int end = regex.indexOf("\\E", at + 2);
            int stop = end < 0 ? regex.length() : end;
            long length = Math.max(1, stop - at - 2);
            at = end < 0 ? regex.length() : end + 2;
            return length;
        }
        at += 2;
        if (at <= regex.length() && at - 1 < regex.length()
                && "pPx".indexOf(regex.charAt(at - 1)) >= 0 && at < regex.length() && regex.charAt(at) == '{') {
            int close = regex.indexOf('}', at);
            at = close < 0 ? regex.length() : close + 1;
        }
        return 1;
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
