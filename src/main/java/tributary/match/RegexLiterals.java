package tributary.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The literal strings a regex cannot match without: "khuyến mãi [0-9]+%" needs "khuyến mãi " and "%";
 * "s[ếe]u đầu" needs one of "sếu đầu" and "seu đầu". A field whose text lacks one of them is skipped without running
 * the regex, which is most of what regex rules cost at ingest (RE2/J has no literal shortcut for a case-insensitive
 * pattern), and the words in them narrow a search through the index ({@link RegexIndexFilter}). Conservative:
 * anything this reader is not sure of (a group other than plain alternatives, a class other than a few plain chars,
 * an escape other than punctuation, an alternation at the top) ends a literal or gives none, so a required literal is
 * never wrong, only sometimes missing.
 *
 * <p>Literals and texts are compared in {@link #fold} form: each code point upper-cased then lower-cased, which
 * puts every member of a simple case-folding orbit that RE2/J's case-insensitive mode treats as equal on one char
 * (k, K and the Kelvin sign K; s, S and the long s ſ). Literal chars are kept only in the Latin blocks, where that
 * is known to hold; a char of another script ends the literal.
 */
final class RegexLiterals {

    /** A literal shorter than this narrows too little to be worth a search. */
    private static final int MIN_LENGTH = 2;

    /** How many strings one literal may stand for ([ếe], (vàng|xăng) multiply them) before it ends instead. */
    static final int MAX_ALTERNATIVES = 16;

    /** The most chars a class may hold to be read as alternatives ([0-9] holds ten). */
    static final int MAX_CLASS = 10;

    /**
     * A literal: every match holds one of its alternatives (folded). textStart: it is found only at the start of a
     * field (after ^); textEnd: only at its end (before $), so no word goes on past it on that side.
     */
    record Run(List<String> alternatives, boolean textStart, boolean textEnd) {
    }

    private final String regex;
    private final List<Run> runs = new ArrayList<>();
    private List<StringBuilder> current = fresh();
    private boolean currentAtStart;
    private int at;

    private RegexLiterals(String regex) {
        this.regex = regex;
    }

    /**
     * The literals of each top-level alternative of the (NFC) regex ("quảng cáo|khuyến mãi" has two): a match holds
     * every literal of one of them. An alternative of which nothing is known is an empty list.
     */
    static List<List<Run>> branches(String regex) {
        List<List<Run>> branches = new ArrayList<>();
        for (String branch : topLevelBranches(regex)) {
            RegexLiterals reader = new RegexLiterals(branch);
            reader.read();
            branches.add(List.copyOf(reader.runs));
        }
        return branches;
    }

    /** The regex cut at each | outside groups and classes. */
    private static List<String> topLevelBranches(String regex) {
        List<String> branches = new ArrayList<>();
        RegexLiterals scan = new RegexLiterals(regex);
        int from = 0;
        while (scan.at < regex.length()) {
            char c = regex.charAt(scan.at);
            if (c == '\\') {
                if (regex.startsWith("\\Q", scan.at)) {
                    int close = regex.indexOf("\\E", scan.at + 2);
                    scan.at = close < 0 ? regex.length() : close + 2;
                } else {
                    scan.at += 2;
                }
            } else if (c == '[') {
                scan.at = RegexSyntax.afterClass(regex, scan.at);
            } else if (c == '(') {
                scan.skipGroup();
            } else if (c == '|') {
                branches.add(regex.substring(from, scan.at));
                from = ++scan.at;
            } else {
                scan.at++;
            }
        }
        branches.add(regex.substring(Math.min(from, regex.length())));
        return branches;
    }

    /**
     * The literals a field must hold, each as its alternatives (one of them must be in the folded text), the longest
     * first; literals with an alternative too short to narrow are left out. Alternatives that share a long enough
     * start or end ("khuyến mãi 0" to "khuyến mãi 9") give that alone: one search of a field instead of ten.
     */
    static String[][] required(String regex) {
        List<List<Run>> branches = branches(regex);
        if (branches.size() > 1) {
            // One alternative matched: it holds its own longest literal, so a field holds one of theirs.
            List<String> oneOf = new ArrayList<>();
            for (List<Run> branch : branches) {
                String[][] own = required(branch);
                if (own.length == 0) {
                    return new String[0][];
                }
                oneOf.addAll(List.of(own[0]));
            }
            return new String[][] {oneOf.stream().distinct().toArray(String[]::new)};
        }
        return required(branches.get(0));
    }

    private static String[][] required(List<Run> runs) {
        return runs.stream()
                .map(run -> shared(run.alternatives()))
                .filter(alternatives -> alternatives.stream().allMatch(s -> s.length() >= MIN_LENGTH))
                .distinct()
                .sorted(Comparator.comparingInt((List<String> a) -> shortest(a)).reversed())
                .map(a -> a.toArray(String[]::new))
                .toArray(String[][]::new);
    }

    /** The longer of the alternatives' common start and end when it narrows; else the alternatives. */
    private static List<String> shared(List<String> alternatives) {
        if (alternatives.size() == 1) {
            return alternatives;
        }
        String first = alternatives.get(0);
        int start = first.length();
        int end = first.length();
        for (String other : alternatives) {
            int i = 0;
            while (i < Math.min(start, other.length()) && first.charAt(i) == other.charAt(i)) {
                i++;
            }
            start = i;
            int j = 0;
            while (j < Math.min(end, other.length())
                    && first.charAt(first.length() - 1 - j) == other.charAt(other.length() - 1 - j)) {
                j++;
            }
            end = j;
        }
        // Literal chars are all in the Latin blocks (no surrogate pairs), so any cut is between chars.
        String prefix = first.substring(0, start);
        String suffix = first.substring(first.length() - end);
        String common = prefix.length() >= suffix.length() ? prefix : suffix;
        return common.length() >= MIN_LENGTH ? List.of(common) : alternatives;
    }

    private static int shortest(List<String> alternatives) {
        return alternatives.stream().mapToInt(String::length).min().orElse(0);
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

    private static boolean latin(int cp) {
        return cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF)
                || (cp >= 0x300 && cp <= 0x36F); // combining marks of Vietnamese text written decomposed
    }

    /** Reads one top-level alternative; false when it meets an alternation at its top (then nothing is required). */
    private boolean read() {
        while (at < regex.length()) {
            char c = regex.charAt(at);
            switch (c) {
                case '|' -> {
                    runs.clear();
                    return false;
                }
                case '(' -> group();
                case '[' -> charClass();
                case '^' -> {
                    end(false);
                    at++;
                    // Only a ^ that opens the regex, unrepeated, puts the next literal at the start of a field.
                    if (at == 1 && !quantifierAt(at)) {
                        currentAtStart = true;
                    }
                    skipQuantifier();
                }
                case '$' -> {
                    at++;
                    end(!quantifierAt(at));
                    skipQuantifier();
                }
                case '.', ')' -> {
                    end(false);
                    at++;
                    skipQuantifier();
                }
                case '*', '+', '?' -> {
                    // A quantifier with nothing before it (RE2/J refuses it); nothing to keep.
                    end(false);
                    at++;
                }
                case '\\' -> escape();
                default -> {
                    int cp = regex.codePointAt(at);
                    at += Character.charCount(cp);
                    item(member(cp));
                }
            }
        }
        end(false);
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
                List<String> one = member(cp);
                if (i >= quoted.length()) {
                    item(one);
                } else if (one == null) {
                    end(false);
                } else {
                    multiply(one);
                }
            }
            return;
        }
        if (at + 1 >= regex.length()) {
            end(false);
            at++;
            return;
        }
        char next = regex.charAt(at + 1);
        at += 2;
        if (next < 0x80 && !Character.isLetterOrDigit(next)) {
            item(member(next));
        } else {
            end(false);
            if ((next == 'p' || next == 'P' || next == 'x') && at < regex.length() && regex.charAt(at) == '{') {
                int close = regex.indexOf('}', at);
                at = close < 0 ? regex.length() : close + 1;
            }
            skipQuantifier();
        }
    }

    /** One char as the alternatives of an item: itself folded, or none (null) outside the Latin blocks. */
    private static List<String> member(int cp) {
        return latin(cp) ? List.of(Character.toString(foldChar(cp))) : null;
    }

    /**
     * A class of a few plain chars ([ếe], [0-9], [Ss]) is read as alternatives; any other (negated, \d, [:alpha:],
     * a wide range) ends the literal.
     */
    private void charClass() {
        int after = RegexSyntax.afterClass(regex, at);
        List<String> members = classMembers(regex.substring(at + 1, Math.max(at + 1, after - 1)));
        at = after;
        item(members);
    }

    private static List<String> classMembers(String body) {
        if (body.isEmpty() || body.charAt(0) == '^') {
            return null;
        }
        Set<String> members = new LinkedHashSet<>();
        int i = 0;
        while (i < body.length()) {
            int from;
            if (body.charAt(i) == '\\') {
                if (i + 1 >= body.length() || body.charAt(i + 1) >= 0x80 || Character.isLetterOrDigit(body.charAt(i + 1))) {
                    return null;
                }
                from = body.charAt(i + 1);
                i += 2;
            } else if (body.startsWith("[:", i)) {
                return null;
            } else {
                from = body.codePointAt(i);
                i += Character.charCount(from);
            }
            int to = from;
            if (i + 1 < body.length() && body.charAt(i) == '-') {
                if (body.charAt(i + 1) == '\\') {
                    return null;
                }
                to = body.codePointAt(i + 1);
                i += 1 + Character.charCount(to);
                if (to < from || to - from >= MAX_CLASS) {
                    return null;
                }
            }
            for (int cp = from; cp <= to; cp++) {
                if (!latin(cp)) {
                    return null;
                }
                members.add(Character.toString(foldChar(cp)));
            }
            if (members.size() > MAX_CLASS) {
                return null;
            }
        }
        return List.copyOf(members);
    }

    /**
     * A group of plain alternatives, (vàng|xăng) or (?:vàng|xăng), is read as those alternatives; any other group
     * (nested, with a class, a flag, an empty alternative) ends the literal and is skipped whole.
     */
    private void group() {
        int start = at;
        skipGroup();
        String body = regex.substring(start + 1, Math.max(start + 1, at - 1));
        if (body.startsWith("?:")) {
            body = body.substring(2);
        }
        item(groupAlternatives(body));
    }

    private static List<String> groupAlternatives(String body) {
        Set<String> alternatives = new LinkedHashSet<>();
        StringBuilder one = new StringBuilder();
        for (int i = 0; i <= body.length(); ) {
            if (i == body.length() || body.charAt(i) == '|') {
                if (one.isEmpty()) {
                    return null;
                }
                alternatives.add(one.toString());
                one.setLength(0);
                i++;
                continue;
            }
            int cp = body.codePointAt(i);
            if (cp == '\\') {
                if (i + 1 >= body.length() || body.charAt(i + 1) >= 0x80 || Character.isLetterOrDigit(body.charAt(i + 1))) {
                    return null;
                }
                cp = body.charAt(i + 1);
                i += 2;
            } else if ("()[]{}.*+?^$".indexOf(cp) >= 0 || !latin(cp)) {
                return null;
            } else {
                i += Character.charCount(cp);
            }
            one.appendCodePoint(foldChar(cp));
        }
        return alternatives.size() > MAX_ALTERNATIVES ? null : List.copyOf(alternatives);
    }

    /**
     * An item just read (a char, a class or a group, as its alternatives; null when it is none of those this reader
     * understands): required once unless a quantifier after it makes it optional.
     */
    private void item(List<String> alternatives) {
        if (alternatives == null) {
            end(false);
            skipQuantifier();
            return;
        }
        if (at < regex.length()) {
            char q = regex.charAt(at);
            if (q == '*' || q == '?' || (q == '{' && RegexSyntax.countAt(regex, at) && minimumCount() == 0)) {
                end(false);
                skipQuantifier();
                return;
            }
            if (q == '+' || (q == '{' && RegexSyntax.countAt(regex, at))) {
                // Required at least once, but what follows is not right after that one copy.
                multiply(alternatives);
                end(false);
                skipQuantifier();
                return;
            }
        }
        multiply(alternatives);
    }

    /** Every current alternative followed by each of these; past MAX_ALTERNATIVES a new literal starts with them. */
    private void multiply(List<String> alternatives) {
        if (current.size() * alternatives.size() > MAX_ALTERNATIVES) {
            end(false);
        }
        List<StringBuilder> next = new ArrayList<>(current.size() * alternatives.size());
        for (StringBuilder head : current) {
            for (String tail : alternatives) {
                next.add(new StringBuilder(head).append(tail));
            }
        }
        current = next;
    }

    private void end(boolean textEnd) {
        if (!current.get(0).isEmpty()) {
            List<String> alternatives = current.stream().map(StringBuilder::toString).distinct().toList();
            runs.add(new Run(alternatives, currentAtStart, textEnd));
        }
        current = fresh();
        currentAtStart = false;
    }

    private static List<StringBuilder> fresh() {
        List<StringBuilder> none = new ArrayList<>(1);
        none.add(new StringBuilder());
        return none;
    }

    private boolean quantifierAt(int i) {
        if (i >= regex.length()) {
            return false;
        }
        char q = regex.charAt(i);
        return q == '*' || q == '+' || q == '?' || (q == '{' && RegexSyntax.countAt(regex, i));
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
        at = Math.min(at, regex.length());
    }
}
