package tributary.normalize;

import java.text.Normalizer;
import java.util.List;
import org.jsoup.Jsoup;

/** Makes text safe to store and republish: Unicode NFC (Vietnamese arrives composed and decomposed), no XML-forbidden characters. */
public final class TextCleaner {

    private TextCleaner() {
    }

    /** NFC text without characters XML 1.0 forbids; null stays null. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        return Normalizer.normalize(xmlSafe(text), Normalizer.Form.NFC);
    }

    /**
     * The text without characters XML 1.0 forbids (controls other than tab, LF and CR, U+FFFE, U+FFFF, unpaired
     * surrogates): the one rule every published string passes, since a single such character makes a whole
     * RSS/Atom page unwritable. Null stays null; clean text comes back as the same instance.
     */
    public static String xmlSafe(String text) {
        return text == null ? null : stripForbidden(text);
    }

    /** Each string of the list made xmlSafe; null stays null, an unchanged list comes back as itself. */
    public static List<String> xmlSafe(List<String> texts) {
        if (texts == null) {
            return null;
        }
        boolean clean = true;
        for (String text : texts) {
            clean &= text == null || stripForbidden(text) == text;
        }
        return clean ? texts : texts.stream().map(TextCleaner::xmlSafe).toList();
    }

    /** A one-line plain-text field (titles, names): markup and entities decoded to text, whitespace collapsed. */
    public static String plainLine(String text) {
        if (text == null) {
            return null;
        }
        String plain = text.indexOf('<') >= 0 || text.indexOf('&') >= 0 ? Jsoup.parse(text).text() : text;
        plain = clean(plain).replaceAll("\\s+", " ").strip();
        return plain.isEmpty() ? null : plain;
    }

    private static String stripForbidden(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD
                    || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            // A lone surrogate comes back from codePointAt as itself and is not allowed.
            if (!allowed) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }
}
