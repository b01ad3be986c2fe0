package tributary.match;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule or a query, parsed: terms (a word, a "phrase" or a /regex/, each optionally title:, author: or category:)
 * separated by spaces must all match, OR joins alternatives and binds tighter than the space, a leading - excludes.
 * Matching is Vietnamese-aware (see {@link MatchText}); a query is immutable and safe to share between threads.
 */
public final class Query {

    private final String text;
    private final List<Clause> clauses;
    private final IndexFilter indexFilter;

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
     * The index tokens every item this query matches holds ({@link IndexFilter}, over the {@link IndexTerms} column):
     * a candidate filter, the caller still calls {@link #matches}; null when no term narrows the candidates (only
     * exclusions, or regexes without a usable word).
     */
    public IndexFilter indexFilter() {
        return indexFilter;
    }

    /** Each clause needs one of its alternatives; a clause with an exclusion, or one that cannot narrow, is left out. */
    private static IndexFilter filter(List<Clause> clauses) {
        List<IndexFilter> parts = new ArrayList<>();
        for (Clause clause : clauses) {
            parts.add(clauseFilter(clause));
        }
        return IndexFilter.all(parts);
    }

    private static IndexFilter clauseFilter(Clause clause) {
        List<IndexFilter> alternatives = new ArrayList<>();
        for (Clause.Alternative alternative : clause.alternatives()) {
            if (alternative.negated()) {
                return null;
            }
            Term term = alternative.term();
            alternatives.add(term instanceof Term.Words words ? wordsFilter(words) : ((Term.Regex) term).indexFilter());
        }
        return IndexFilter.any(alternatives);
    }

    /** A word or phrase: the index token of each of its tokens (prefixes are ignored: the index holds no scope). */
    private static IndexFilter wordsFilter(Term.Words words) {
        List<IndexFilter> tokens = new ArrayList<>();
        for (QueryToken token : words.tokens()) {
            String required = IndexToken.required(token);
            if (required != null) {
                tokens.add(new IndexFilter.Token(required, false));
            }
        }
        return IndexFilter.all(tokens);
    }

    @Override
    public String toString() {
        return text;
    }
}
