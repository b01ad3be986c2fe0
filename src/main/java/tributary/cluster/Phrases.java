package tributary.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds known multi-syllable phrases in a run of folded syllables, longest first, and says whether a phrase occurs. */
final class Phrases {

    /** One known phrase: its syllables after the first, and the value it stands for. */
    private record Phrase(String[] rest, String value) {
    }

    /**
     * Phrases by their first syllable, the longest first: a scan looks each syllable up once, where joining every run
     * of up to four syllables into a string to look it up was most of the cost of reading an item.
     */
    private final Map<String, List<Phrase>> byFirst;

    /** A dictionary of folded phrases (syllables joined by one space) to their values. */
    Phrases(Map<String, String> known) {
        Map<String, List<Phrase>> out = new HashMap<>();
        known.forEach((phrase, value) -> {
            String[] syllables = phrase.split(" ");
            String[] rest = new String[syllables.length - 1];
            System.arraycopy(syllables, 1, rest, 0, rest.length);
            out.computeIfAbsent(syllables[0], k -> new ArrayList<>()).add(new Phrase(rest, value));
        });
        out.values().forEach(list -> list.sort(Comparator.comparingInt((Phrase p) -> p.rest().length).reversed()));
        out.replaceAll((k, list) -> List.copyOf(list));
        this.byFirst = Map.copyOf(out);
    }

    /** The values of the known phrases that occur in {@code folded}, each run of syllables read as its longest phrase. */
    Set<String> find(List<String> folded) {
        Set<String> found = new HashSet<>();
        int i = 0;
        while (i < folded.size()) {
            int taken = 1;
            List<Phrase> phrases = byFirst.get(folded.get(i));
            if (phrases != null) {
                for (Phrase p : phrases) {
                    if (matches(p.rest(), folded, i + 1)) {
                        found.add(p.value());
                        taken = p.rest().length + 1;
                        break;
                    }
                }
            }
            i += taken;
        }
        return found;
    }

    private static boolean matches(String[] rest, List<String> folded, int from) {
        if (from + rest.length > folded.size()) {
            return false;
        }
        for (int k = 0; k < rest.length; k++) {
            if (!rest[k].equals(folded.get(from + k))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the folded phrase (syllables joined by one space) occurs in the folded text, on syllable bounds. */
    static boolean occurs(String phrase, String foldedText) {
        if (phrase.isEmpty()) {
            return false;
        }
        for (int at = foldedText.indexOf(phrase); at >= 0; at = foldedText.indexOf(phrase, at + 1)) {
            int end = at + phrase.length();
            if ((at == 0 || foldedText.charAt(at - 1) == ' ')
                    && (end == foldedText.length() || foldedText.charAt(end) == ' ')) {
                return true;
            }
        }
        return false;
    }
}
