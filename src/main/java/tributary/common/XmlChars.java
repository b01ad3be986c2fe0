package tributary.common;

/**
 * The one XML 1.0 character rule: tab, LF, CR and U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF are allowed;
 * controls, U+FFFE, U+FFFF and unpaired surrogates are not, and a single one makes a whole document unwritable
 * (publishing) or unreadable (parsing).
 */
public final class XmlChars {

    private XmlChars() {
    }

    /** Whether XML 1.0 allows the code point (a lone surrogate, as codePointAt returns it, is not allowed). */
    public static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /** The text without the characters XML 1.0 forbids; null stays null, clean text comes back as the same instance. */
    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!allowed(cp)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out == null ? text : out.toString();
    }
}
