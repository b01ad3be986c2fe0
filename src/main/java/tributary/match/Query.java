package tributary.match;

/**
 * A rule or a query, parsed: terms (a word, a "phrase" or a /regex/, each optionally title:, author: or category:)
 * separated by spaces must all match, OR joins alternatives and binds tighter than the space, a leading - excludes.
 * Matching is Vietnamese-aware (see {@link MatchText}); a query is immutable and safe to share between threads.
 */
public final class Query {

    private final String text;

    private Query(String text) {
        this.text = text;
    }

    /**
     * Parses a rule or query as written.
     *
     * @throws QuerySyntaxException with a sentence saying what is wrong and where (unbalanced quote, invalid regex…)
     */
    public static Query parse(String text) throws QuerySyntaxException {
        throw new UnsupportedOperationException("match: being written");
    }

    /** The rule or query as written. */
    public String text() {
        return text;
    }

    /** Whether the item matches. */
    public boolean matches(MatchText item) {
        throw new UnsupportedOperationException("match: being written");
    }

    /**
     * A MariaDB FULLTEXT boolean-mode expression over the {@link IndexTerms} column that every item this query
     * matches satisfies (a candidate filter: the caller still calls {@link #matches}); null when no term narrows
     * the candidates (only regexes or exclusions).
     */
    public String indexFilter() {
        throw new UnsupportedOperationException("match: being written");
    }

    @Override
    public String toString() {
        return text;
    }
}
