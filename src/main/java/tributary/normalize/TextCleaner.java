package tributary.normalize;

import java.text.Normalizer;
import java.util.List;
import org.jsoup.Jsoup;
import tributary.common.XmlChars;

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
        return XmlChars.strip(text);
    }

    /** Each string of the list made xmlSafe; null stays null, an unchanged list comes back as itself. */
    public static List<String> xmlSafe(List<String> texts) {
        if (texts == null) {
            return null;
        }
        boolean clean = true;
        for (String text : texts) {
            clean &= text == null || XmlChars.strip(text) == text;
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
}
