package tributary.match;

import com.google.re2j.Pattern;
import java.util.List;

/** One term of a query: a word or phrase (a run of tokens that must appear consecutively) or a regex. */
sealed interface Term {

    Scope scope();

    boolean matches(MatchText item);

    /** A word or "phrase": its tokens, consecutive, within one field. */
    record Words(Scope scope, QueryToken[] tokens) implements Term {

        @Override
        public boolean matches(MatchText item) {
            List<FieldText> fields = scope.fields(item);
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).contains(tokens)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A /regex/, found (not matched whole) in each field's NFC text separately, case-insensitively; run only on a
     * field that holds every literal the regex requires, one of its alternatives each ({@link RegexLiterals}); an
     * item's index tokens hold indexFilter (null: any item may match).
     */
    record Regex(Scope scope, Pattern pattern, String[][] literals, IndexFilter indexFilter) implements Term {

        Regex(Scope scope, Pattern pattern) {
            this(scope, pattern, RegexLiterals.required(pattern.pattern()), RegexIndexFilter.of(pattern));
        }

        @Override
        public boolean matches(MatchText item) {
            List<FieldText> fields = scope.fields(item);
            for (int i = 0; i < fields.size(); i++) {
                FieldText field = fields.get(i);
                if (holdsLiterals(field) && pattern.matcher(field.text()).find()) {
                    return true;
                }
            }
            return false;
        }

        private boolean holdsLiterals(FieldText field) {
            if (literals.length == 0) {
                return true;
            }
            String folded = field.foldedText();
            for (String[] alternatives : literals) {
                if (!holdsOne(folded, alternatives)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean holdsOne(String folded, String[] alternatives) {
            for (String alternative : alternatives) {
                if (folded.contains(alternative)) {
                    return true;
                }
            }
            return false;
        }
    }
}
