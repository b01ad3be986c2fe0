package tributary.match;

/**
 * The words of an item encoded for a MariaDB FULLTEXT index: ASCII tokens of 3 to 80 chars, so InnoDB's default
 * innodb_ft_min_token_size and stopword list drop none of them (Vietnamese has many two-letter syllables).
 */
public final class IndexTerms {

    private IndexTerms() {
    }

    /** The space-separated tokens of item_search.terms. */
    public static String of(MatchText text) {
        throw new UnsupportedOperationException("match: being written");
    }
}
