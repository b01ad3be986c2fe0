package tributary.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Repairs that make a near-miss XML document well-formed without changing what a well-formed one says. */
final class XmlRepairer {

    private static final java.nio.charset.Charset WINDOWS_1252 = java.nio.charset.Charset.forName("windows-1252");

    /** A character reference, decimal or hex. */
    private static final Pattern CHAR_REF = Pattern.compile("&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));");

    /** A document type declaration, with its internal subset when it has one. */
    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE\\s[^\\[>]*(?:\\[.*?\\]\\s*)?>", Pattern.DOTALL);

    /** What may stand before a DOCTYPE: the XML declaration, processing instructions, comments, whitespace. */
    private static final Pattern PROLOG = Pattern.compile("(?:\\s|<\\?.*?\\?>|<!--.*?-->)*", Pattern.DOTALL);

    /** An entity reference XML itself defines, or a character reference. */
    private static final Pattern ENTITY = Pattern.compile("&(?!(?:amp|lt|gt|quot|apos|#\\d{1,7}|#x[0-9a-fA-F]{1,6});)");

    private XmlRepairer() {
    }

    /**
     * Always safe: drops characters XML 1.0 forbids (C0 controls, lone surrogates, U+FFFE/FFFF) and anything before
     * the first tag (a BOM, blank lines, stray PHP output).
     */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean started = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!started) {
                if (cp != '<') {
                    continue;
                }
                started = true;
            }
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (allowed) {
                out.appendCodePoint(cp >= 0x80 && cp <= 0x9F ? fromWindows1252(cp) : cp);
            }
        }
        return dropForbiddenCharacterReferences(out.toString());
    }

    /** "&amp;#12;" names a character XML forbids as surely as the raw byte does, and the parser refuses it as well. */
    private static String dropForbiddenCharacterReferences(String text) {
        if (text.indexOf("&#") < 0) {
            return text;
        }
        Matcher m = CHAR_REF.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            long cp;
            try {
                cp = m.group(1) != null ? Long.parseLong(m.group(1), 16) : Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                cp = -1;
            }
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            String kept = cp >= 0x80 && cp <= 0x9F ? "&#" + fromWindows1252((int) cp) + ";" : m.group();
            m.appendReplacement(out, allowed ? Matcher.quoteReplacement(kept) : "");
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * C1 control characters in feed text are windows-1252 punctuation that went through a wrong decoder
     * (0x92 is a right single quote), as HTML5 reads them too; undefined positions stay as they are.
     */
    private static int fromWindows1252(int c1) {
        String decoded = new String(new byte[] {(byte) c1}, WINDOWS_1252);
        int cp = decoded.codePointAt(0);
        return cp == 0xFFFD ? c1 : cp;
    }

    /**
     * Removes a DOCTYPE from the prolog, so the parser (which refuses any) never sees it: old RSS 0.91 feeds carry
     * Netscape's, and the entities it would define are left undefined, to be escaped as text by the last resort.
     */
    static String stripDoctype(String text) {
        int at = text.indexOf("<!DOCTYPE");
        // Only in the prolog: the same characters inside an item's CDATA are content.
        if (at < 0 || !PROLOG.matcher(text.substring(0, at)).matches()) {
            return text;
        }
        return text.substring(0, at) + DOCTYPE.matcher(text.substring(at)).replaceFirst("");
    }

    /**
     * The last resort before giving up: every '&' that does not start an XML-defined entity or a character
     * reference becomes '&amp;' (HTML entities were already turned into character references by then).
     */
    static String escapeStrayAmpersands(String text) {
        Matcher m = ENTITY.matcher(text);
        return m.find() ? m.replaceAll("&amp;") : text;
    }
}
