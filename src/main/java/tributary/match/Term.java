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

    /** A /regex/, found (not matched whole) in each field's NFC text separately, case-insensitively. */
    record Regex(Scope scope, Pattern pattern) implements Term {

        @Override
        public boolean matches(MatchText item) {
            List<FieldText> fields = scope.fields(item);
            for (int i = 0; i < fields.size(); i++) {
                if (pattern.matcher(fields.get(i).text()).find()) {
                    return true;
                }
            }
            return false;
        }
    }
}
