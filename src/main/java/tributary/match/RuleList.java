package tributary.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A feed's keep or block list, or a category's block list: the rules in order, parsed. */
public record RuleList(List<Query> rules) {

    public static final RuleList EMPTY = new RuleList(List.of());

    public RuleList {
        rules = List.copyOf(rules);
    }

    /**
     * Parses each rule.
     *
     * @throws QuerySyntaxException of the first bad rule, its message prefixed with the rule's number and text
     */
    public static RuleList parse(List<String> texts) throws QuerySyntaxException {
        List<Query> rules = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            try {
                rules.add(Query.parse(text));
            } catch (QuerySyntaxException e) {
                throw new QuerySyntaxException(
                        "rule " + (i + 1) + " (\"" + text + "\"): " + e.getMessage(), e.position());
            }
        }
        return new RuleList(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The first rule the item matches. */
    public Optional<Query> firstMatch(MatchText item) {
        for (Query rule : rules) {
            if (rule.matches(item)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
