package tributary.match;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One field of an item (its title, author, one category or the body), folded once: the NFC text for regexes, each
 * token's bare and accented form, and where each bare form occurs, so a term is found by lookups and string equality.
 */
final class FieldText {

    static final FieldText EMPTY = new FieldText("", new String[0], new String[0], new String[0], Map.of());

    private final String text;
    /** The tokens as written (NFC), for the words regexes see (IndexTerms.words). */
    private final String[] tokens;
    private final String[] bare;
    private final String[] accented;
    /**
     * Bare form → its positions: element 0 is the count, the positions follow. Built at the first phrase looked up:
     * an item that is only indexed never needs it. A MatchText is read by one thread, so no lock.
     */
    private Map<String, int[]> positions;
    /** The text case-folded for regex literals ({@link RegexLiterals#fold}), at the first regex with literals. */
    private String foldedText;

    private FieldText(String text, String[] tokens, String[] bare, String[] accented, Map<String, int[]> positions) {
        this.text = text;
        this.tokens = tokens;
        this.bare = bare;
        this.accented = accented;
        this.positions = positions;
    }

    private Map<String, int[]> positions() {
        Map<String, int[]> built = positions;
        if (built == null) {
            built = new HashMap<>(bare.length * 2);
            for (int i = 0; i < bare.length; i++) {
                int[] at = built.get(bare[i]);
                if (at == null) {
                    at = new int[4];
                } else if (at[0] + 1 == at.length) {
                    at = Arrays.copyOf(at, at.length * 2);
                }
                at[++at[0]] = i;
                built.put(bare[i], at);
            }
            positions = built;
        }
        return built;
    }

    /** Folds a field. */
    static FieldText of(String raw) {
        String text = Tokenizer.nfc(raw);
        if (text.isEmpty()) {
            return EMPTY;
        }
        List<String> tokens = Tokenizer.tokens(text);
        String[] bare = new String[tokens.size()];
        String[] accented = new String[tokens.size()];
        for (int i = 0; i < bare.length; i++) {
            Syllable s = Syllable.of(tokens.get(i));
            bare[i] = s.bare();
            accented[i] = s.accented();
        }
        return new FieldText(text, tokens.toArray(new String[0]), bare, accented, null);
    }

    String text() {
        return text;
    }

    String foldedText() {
        String folded = foldedText;
        if (folded == null) {
            folded = RegexLiterals.fold(text);
            foldedText = folded;
        }
        return folded;
    }

    int size() {
        return bare.length;
    }

    /** The i-th token as written (NFC). */
    String token(int i) {
        return tokens[i];
    }

    String bare(int i) {
        return bare[i];
    }

    String accented(int i) {
        return accented[i];
    }

    /** Whether the tokens appear consecutively, each matched by {@link QueryToken#matches}. */
    boolean contains(QueryToken[] phrase) {
        Map<String, int[]> positions = positions();
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
