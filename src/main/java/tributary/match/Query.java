package tributary.match;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A rule or a query, parsed: terms (a word, a "phrase" or a /regex/, each optionally title:, author: or category:)
 * separated by spaces must all match, OR joins alternatives and binds tighter than the space, a leading - excludes.
 * Matching is Vietnamese-aware (see {@link MatchText}); a query is immutable and safe to share between threads.
 */
public final class Query {

    private final String text;
    private final List<Clause> clauses;
    private final String indexFilter;

    private Query(String text, List<Clause> clauses) {
        this.text = text;
        this.clauses = List.copyOf(clauses);
        this.indexFilter = filter(this.clauses);
    }

    /**
     * Parses a rule or query as written.
     *
     * @throws QuerySyntaxException with a sentence saying what is wrong and where (unbalanced quote, invalid regex…)
     */
    public static Query parse(String text) throws QuerySyntaxException {
        return new Query(text, QueryParser.parse(text));
    }

    /** The rule or query as written. */
    public String text() {
        return text;
    }

    /** Whether the item matches. */
    public boolean matches(MatchText item) {
        for (int i = 0; i < clauses.size(); i++) {
            if (!clauses.get(i).matches(item)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A MariaDB FULLTEXT boolean-mode expression over the {@link IndexTerms} column that every item this query
     * matches satisfies (a candidate filter: the caller still calls {@link #matches}); null when no term narrows
     * the candidates (only regexes or exclusions).
     */
    public String indexFilter() {
        return indexFilter;
    }

    /**
     * Each clause of words and phrases becomes +(alternative alternative…), an alternative being one index token or
     * (+token +token…); clauses with an exclusion or a regex are left to {@link #matches}, prefixes are ignored.
     */
    private static String filter(List<Clause> clauses) {
        List<String> parts = new ArrayList<>();
        for (Clause clause : clauses) {
            List<Set<String>> alternatives = alternatives(clause);
            if (alternatives == null) {
                continue;
            }
            if (alternatives.size() == 1) {
                for (String token : alternatives.get(0)) {
                    parts.add("+" + token);
                }
                continue;
            }
            StringBuilder group = new StringBuilder("+(");
            for (int i = 0; i < alternatives.size(); i++) {
                Set<String> tokens = alternatives.get(i);
                if (i > 0) {
                    group.append(' ');
                }
                if (tokens.size() == 1) {
                    group.append(tokens.iterator().next());
                } else {
                    group.append('(');
                    group.append(String.join(" ", tokens.stream().map(t -> "+" + t).toList()));
                    group.append(')');
                }
            }
            parts.add(group.append(')').toString());
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    /** The index tokens each alternative requires, or null when the clause cannot narrow the candidates. */
    private static List<Set<String>> alternatives(Clause clause) {
        List<Set<String>> out = new ArrayList<>();
        for (Clause.Alternative alternative : clause.alternatives()) {
            if (alternative.negated() || !(alternative.term() instanceof Term.Words words)) {
                return null;
            }
            Set<String> tokens = new LinkedHashSet<>();
            for (QueryToken token : words.tokens()) {
                String required = IndexToken.required(token);
                if (required != null) {
                    tokens.add(required);
                }
            }
            if (tokens.isEmpty()) {
                return null;
            }
            out.add(tokens);
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
