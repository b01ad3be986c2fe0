package tributary.catalog;

import tributary.match.Query;
import tributary.match.QuerySyntaxException;

/**
 * Whether a keep/block rule or a topic's query can be stored: the one check feeds.yml and the admin API share. A rule
 * is one line (the database keeps a list one rule per line) of at most MAX_RULE chars (a rule that leaves an item out
 * is recorded with it); the grammar is match.Query's.
 */
public final class RuleChecks {

    /** The longest rule: item_left_out.rule_text holds the rule that left an item out. */
    public static final int MAX_RULE = 1000;

    /** The longest query of a topic. */
    public static final int MAX_QUERY = 4000;

    private RuleChecks() {
    }

    /** Why this rule cannot be used, a sentence; null when it can. */
    public static String ruleProblem(String rule) {
        if (rule == null || rule.isBlank()) {
            return "a rule cannot be empty: remove it, or write a word, a \"phrase\" or a /regex/";
        }
        if (rule.indexOf('\n') >= 0 || rule.indexOf('\r') >= 0) {
            return "a rule is one line: split it into several rules (items matching any of them count)";
        }
        if (rule.length() > MAX_RULE) {
            return "a rule has at most " + MAX_RULE + " characters: split it into several rules";
        }
        return syntaxProblem(rule);
    }

    /** Why this topic query cannot be used, a sentence; null when it can. */
    public static String queryProblem(String query) {
        if (query == null || query.isBlank()) {
            return "a topic needs a query: words, \"phrases\" or /regexes/, with OR and -";
        }
        if (query.length() > MAX_QUERY) {
            return "a query has at most " + MAX_QUERY + " characters";
        }
        return syntaxProblem(query);
    }

    private static String syntaxProblem(String text) {
        try {
            Query.parse(text);
            return null;
        } catch (QuerySyntaxException e) {
            return e.getMessage();
        }
    }
}
