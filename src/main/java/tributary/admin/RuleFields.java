package tributary.admin;

import java.util.ArrayList;
import java.util.List;
import tributary.catalog.RuleChecks;
import tributary.publish.Problems;

/** A list of rules or one query as the admin API receives it, checked like feeds.yml's (catalog.RuleChecks). */
final class RuleFields {

    private RuleFields() {
    }

    /** The rules, stripped and each once; a refused one is added to errors as field[i]. Null stays null (unchanged). */
    static List<String> rules(String field, List<String> given, List<Problems.FieldError> errors) {
        if (given == null) {
            return null;
        }
        List<String> rules = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String rule = given.get(i) == null ? "" : given.get(i).strip();
            String problem = RuleChecks.ruleProblem(rule);
            if (problem != null) {
                errors.add(new Problems.FieldError(field + "[" + i + "]", rule, problem));
            } else if (!rules.contains(rule)) {
                rules.add(rule);
            }
        }
        return rules;
    }

    /** The query, stripped; a refused one is added to errors as field. */
    static String query(String field, String given, List<Problems.FieldError> errors) {
        String query = given == null ? null : given.strip();
        String problem = RuleChecks.queryProblem(query);
        if (problem != null) {
            errors.add(new Problems.FieldError(field, query, problem));
        }
        return query;
    }
}
