package tributary.match;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rule and query grammar: terms separated by spaces (all must match), OR between alternatives (binding
 * tighter than the space), a leading - to exclude, title:/author:/category: to restrict, "phrases" and /regexes/.
 * Positions in messages are 1-based ("character 1" is the first), {@link QuerySyntaxException#position} 0-based.
 */
final class QueryParser {

    static final int MAX_CHARS = 1_000;
    static final int MAX_TERMS = 32;

    private final String text;
    private int at;

    private QueryParser(String text) {
        this.text = text;
    }

    static List<Clause> parse(String text) throws QuerySyntaxException {
        if (text == null || text.isBlank()) {
            throw new QuerySyntaxException(
                    "The rule or query is empty: write at least one word, \"phrase\" or /regex/.", 0);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                throw new QuerySyntaxException("A rule or query is one line: remove the line break at character "
                        + (i + 1) + ", or write each rule on its own line.", i);
            }
        }
        if (text.length() > MAX_CHARS) {
            throw new QuerySyntaxException("The rule or query is too long: " + text.length()
                    + " characters, at most " + MAX_CHARS + "; split it into shorter rules.", MAX_CHARS);
        }
        return new QueryParser(text).clauses();
    }

    private List<Clause> clauses() throws QuerySyntaxException {
        List<Clause> clauses = new ArrayList<>();
        List<Clause.Alternative> current = null;
        int terms = 0;
        int pendingOr = -1;
        int lastOr = -1;
        while (true) {
            skipSpace();
            if (at >= text.length()) {
                break;
            }
            int start = at;
            if (isOr()) {
                if (current == null) {
                    throw new QuerySyntaxException("OR at character " + (start + 1)
                            + " has nothing before it: write a term on each side of OR.", start);
                }
                if (pendingOr >= 0) {
                    throw new QuerySyntaxException("OR at character " + (start + 1)
                            + " follows another OR: write a term between them.", start);
                }
                pendingOr = start;
                lastOr = start;
                at += 2;
                continue;
            }
            if (++terms > MAX_TERMS) {
                throw new QuerySyntaxException("The rule or query is too long: more than " + MAX_TERMS
                        + " terms (the next one starts at character " + (start + 1)
                        + "); split it into several rules.", start);
            }
            Clause.Alternative alternative = alternative();
            if (pendingOr >= 0) {
                current.add(alternative);
                pendingOr = -1;
            } else {
                if (current != null) {
                    clauses.add(new Clause(current));
                }
                current = new ArrayList<>();
                current.add(alternative);
            }
        }
        if (pendingOr >= 0) {
            throw new QuerySyntaxException("OR at character " + (lastOr + 1)
                    + " has nothing after it: write a term on each side of OR.", lastOr);
        }
        clauses.add(new Clause(current));
        return clauses;
    }

    private boolean isOr() {
        return text.startsWith("OR", at) && (at + 2 == text.length() || isSpace(text.charAt(at + 2)));
    }

    private Clause.Alternative alternative() throws QuerySyntaxException {
        boolean negated = false;
        if (text.charAt(at) == '-') {
            int dash = at;
            at++;
            if (at >= text.length() || isSpace(text.charAt(at))) {
                throw new QuerySyntaxException("The - at character " + (dash + 1) + " excludes nothing: write the"
                        + " excluded word, \"phrase\" or /regex/ right after it, without a space.", dash);
            }
            negated = true;
        }
        Scope scope = prefix();
        return new Clause.Alternative(term(scope), negated);
    }

    private Scope prefix() throws QuerySyntaxException {
        for (Scope scope : new Scope[] {Scope.TITLE, Scope.AUTHOR, Scope.CATEGORY}) {
            String prefix = scope.prefix();
            if (text.regionMatches(true, at, prefix, 0, prefix.length())) {
                int start = at;
                at += prefix.length();
                if (at >= text.length() || isSpace(text.charAt(at))) {
                    throw new QuerySyntaxException("The prefix " + prefix + " at character " + (start + 1)
                            + " is followed by nothing: write the word, \"phrase\" or /regex/ right after it,"
                            + " without a space.", start);
                }
                return scope;
            }
        }
        return Scope.ANY;
    }

    private Term term(Scope scope) throws QuerySyntaxException {
        char c = text.charAt(at);
        if (c == '"') {
            return phrase(scope);
        }
        if (c == '/') {
            return regex(scope);
        }
        int start = at;
        while (at < text.length() && !isSpace(text.charAt(at)) && text.charAt(at) != '"') {
            at++;
        }
        return words(scope, text.substring(start, at), "The word", start);
    }

    private Term phrase(Scope scope) throws QuerySyntaxException {
        int open = at;
        int close = text.indexOf('"', open + 1);
        if (close < 0) {
            throw new QuerySyntaxException("The quote opened at character " + (open + 1)
                    + " is never closed: add a closing \" or remove it.", open);
        }
        at = close + 1;
        return words(scope, text.substring(open + 1, close), "The phrase", open);
    }

    private static Term words(Scope scope, String written, String what, int start) throws QuerySyntaxException {
        List<Syllable> syllables = Tokenizer.syllables(written);
        if (syllables.isEmpty()) {
            throw new QuerySyntaxException(what + " \"" + written + "\" at character " + (start + 1)
                    + " has nothing to match: write letters or digits.", start);
        }
        QueryToken[] tokens = new QueryToken[syllables.size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = QueryToken.of(syllables.get(i));
        }
        return new Term.Words(scope, tokens);
    }

    private Term regex(Scope scope) throws QuerySyntaxException {
        int open = at;
        StringBuilder source = new StringBuilder();
        int i = open + 1;
        while (true) {
            if (i >= text.length()) {
                throw new QuerySyntaxException("The regex opened at character " + (open + 1)
                        + " is never closed: end it with / (write \\/ for a slash inside it).", open);
            }
            char c = text.charAt(i);
            if (c == '/') {
                break;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == '/') {
                    source.append('/');
                } else {
                    source.append(c).append(next);
                }
                i += 2;
                continue;
            }
            source.append(c);
            i++;
        }
        at = i + 1;
        if (source.isEmpty()) {
            throw new QuerySyntaxException("The regex at character " + (open + 1)
                    + " is empty and has nothing to match: write a pattern between the slashes.", open);
        }
        String pattern = Tokenizer.nfc(source.toString());
        if (RegexSize.of(pattern) > RegexSize.MAX) {
            throw new QuerySyntaxException("The regex at character " + (open + 1) + " is too large: its repetitions"
                    + " unroll to more than " + RegexSize.MAX + " steps; use smaller {n} counts or fewer nested ones.",
                    open);
        }
        try {
            pattern = RegexFoldGuard.safe(pattern);
        } catch (RegexFoldGuard.UnfoldableException e) {
            int cp = e.codePoint();
            throw new QuerySyntaxException(String.format("The regex at character %d holds U+%04X (%s), which the regex"
                    + " engine cannot match regardless of case; write %s instead.", open + 1, cp,
                    new String(Character.toChars(cp)), new String(Character.toChars(
                            Character.toLowerCase(Character.toUpperCase(cp))))), open);
        }
        try {
            return new Term.Regex(scope, Pattern.compile(pattern, Pattern.CASE_INSENSITIVE));
        } catch (PatternSyntaxException e) {
            throw new QuerySyntaxException("The regex at character " + (open + 1) + " is invalid: "
                    + e.getDescription() + " (in " + e.getPattern() + ").", open);
        }
    }

    private void skipSpace() {
        while (at < text.length() && isSpace(text.charAt(at))) {
            at++;
        }
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
