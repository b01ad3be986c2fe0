package tributary.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds known multi-syllable phrases in a run of folded syllables, longest first, and says whether a phrase occurs. */
final class Phrases {

    private Phrases() {
    }

    /** The values of the phrases of {@code known} that occur in {@code folded}. */
    static Set<String> find(List<String> folded, Map<String, String> known) {
        Set<String> found = new HashSet<>();
        int i = 0;
        while (i < folded.size()) {
            int taken = 0;
            for (int n = Math.min(Gazetteer.LONGEST, folded.size() - i); n >= 1 && taken == 0; n--) {
                String value = known.get(String.join(" ", folded.subList(i, i + n)));
                if (value != null) {
                    found.add(value);
                    taken = n;
                }
            }
            i += Math.max(taken, 1);
        }
        return found;
    }

    /** Whether the folded phrase (syllables joined by one space) occurs in the folded text, on syllable bounds. */
    static boolean occurs(String phrase, String foldedText) {
        return (" " + foldedText + " ").contains(" " + phrase + " ");
    }
}
