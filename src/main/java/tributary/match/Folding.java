package tributary.match;

import java.util.ArrayList;
import java.util.List;

/** The one public door to the Vietnamese folding of this package, for stages that compare texts (clustering). */
public final class Folding {

    private Folding() {
    }

    /** The tokens of text as written, NFC: runs of letters and digits, everything else separates. */
    public static List<String> tokens(String text) {
        return Tokenizer.tokens(Tokenizer.nfc(text));
    }

    /** One token lower-cased with its tone mark moved to the end, so that hòa and hoà compare equal. */
    public static String accented(String token) {
        return Syllable.of(token).accented();
    }

    /** The accented folded forms of every token of text. */
    public static List<String> accentedSyllables(String text) {
        List<String> out = new ArrayList<>();
        for (Syllable s : Tokenizer.syllables(text)) {
            out.add(s.accented());
        }
        return out;
    }
}
