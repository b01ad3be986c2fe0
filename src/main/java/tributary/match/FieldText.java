package tributary.match;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One field of an item (its title, author, one category or the body), folded once: the NFC text for regexes, each
 * token's bare and accented form, and where each bare form occurs, so a term is found by lookups and string equality.
 */
final class FieldText {

    static final FieldText EMPTY = new FieldText("", new String[0], new String[0], Map.of());

    private final String text;
    private final String[] bare;
    private final String[] accented;
    /** Bare form → its positions: element 0 is the count, the positions follow. */
    private final Map<String, int[]> positions;

    private FieldText(String text, String[] bare, String[] accented, Map<String, int[]> positions) {
        this.text = text;
        this.bare = bare;
        this.accented = accented;
        this.positions = positions;
    }

    /** Folds a field; folds caches the folding of tokens already seen in the same item. */
    static FieldText of(String raw, Map<String, Syllable> folds) {
        String text = Tokenizer.nfc(raw);
        if (text.isEmpty()) {
            return EMPTY;
        }
        List<String> tokens = Tokenizer.tokens(text);
        String[] bare = new String[tokens.size()];
        String[] accented = new String[tokens.size()];
        Map<String, int[]> positions = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < bare.length; i++) {
            Syllable s = folds.computeIfAbsent(tokens.get(i), Syllable::of);
            bare[i] = s.bare();
            accented[i] = s.accented();
            int[] at = positions.get(s.bare());
            if (at == null) {
                at = new int[4];
            } else if (at[0] + 1 == at.length) {
                at = java.util.Arrays.copyOf(at, at.length * 2);
            }
            at[++at[0]] = i;
            positions.put(s.bare(), at);
        }
        return new FieldText(text, bare, accented, positions);
    }

    String text() {
        return text;
    }

    int size() {
        return bare.length;
    }

    String bare(int i) {
        return bare[i];
    }

    String accented(int i) {
        return accented[i];
    }

    /** Whether the tokens appear consecutively, each matched by {@link QueryToken#matches}. */
    boolean contains(QueryToken[] phrase) {
        int[] first = positions.get(phrase[0].bare());
        if (first == null) {
            return false;
        }
        for (int j = 1; j < phrase.length; j++) {
            if (!positions.containsKey(phrase[j].bare())) {
                return false;
            }
        }
        for (int k = 1; k <= first[0]; k++) {
            int p = first[k];
            if (p + phrase.length > bare.length) {
                break;
            }
            if (matchesAt(phrase, p)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesAt(QueryToken[] phrase, int p) {
        for (int j = 0; j < phrase.length; j++) {
            if (!phrase[j].matches(this, p + j)) {
                return false;
            }
        }
        return true;
    }
}
