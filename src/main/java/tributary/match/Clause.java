package tributary.match;

import java.util.List;

/** Alternatives joined by OR; a query matches when each of its clauses does. */
record Clause(List<Alternative> alternatives) {

    Clause {
        alternatives = List.copyOf(alternatives);
    }

    boolean matches(MatchText item) {
        for (int i = 0; i < alternatives.size(); i++) {
            if (alternatives.get(i).matches(item)) {
                return true;
            }
        }
        return false;
    }

    /** A term, or with a leading - its absence. */
    record Alternative(Term term, boolean negated) {

        boolean matches(MatchText item) {
            return term.matches(item) != negated;
        }
    }
}
