package tributary.match;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into tokens: maximal runs of letters and digits together with the combining marks that follow them;
 * everything else separates ("V-League" is v, league; "U23" is u23).
 */
final class Tokenizer {

    private Tokenizer() {
    }

    static String nfc(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** The raw tokens of NFC text, as written. */
    static List<String> tokens(String nfcText) {
        List<String> out = new ArrayList<>();
        int n = nfcText.length();
        int start = -1;
        int i = 0;
        while (i < n) {
            int cp = nfcText.codePointAt(i);
            boolean word = Character.isLetterOrDigit(cp) || (start >= 0 && isMark(cp));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                out.add(nfcText.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(nfcText.substring(start));
        }
        return out;
    }

    /** The folded tokens of text in any normal form. */
    static List<Syllable> syllables(String text) {
        List<Syllable> out = new ArrayList<>();
        for (String token : tokens(nfc(text))) {
            out.add(Syllable.of(token));
        }
        return out;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
