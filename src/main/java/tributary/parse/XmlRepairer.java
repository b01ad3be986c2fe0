package tributary.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tributary.common.XmlChars;

/**
 * Repairs that make a near-miss XML document well-formed without changing what a well-formed one says; each is one
 * forward pass over the text, so a hostile document costs linear time and no stack.
 */
final class XmlRepairer {

    private static final java.nio.charset.Charset WINDOWS_1252 = java.nio.charset.Charset.forName("windows-1252");

    /** A character reference, decimal or hex. */
    private static final Pattern CHAR_REF = Pattern.compile("&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));");

    /** The entity references XML itself defines. */
    private static final String[] NAMED = {"amp;", "lt;", "gt;", "quot;", "apos;"};

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
            if (XmlChars.allowed(cp)) {
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
            // A reference past the last code point (up to ten digits are read) names no character at all.
            boolean allowed = cp <= Character.MAX_CODE_POINT && XmlChars.allowed((int) cp);
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
     * One forward scan: a DOCTYPE that never closes is left for the parser to refuse.
     */
    static String stripDoctype(String text) {
        // Only in the prolog: the same characters inside an item's CDATA are content.
        int at = prologEnd(text);
        if (at < 0 || !text.startsWith("<!DOCTYPE", at) || at + 9 >= text.length() || !isSpace(text.charAt(at + 9))) {
            return text;
        }
        int i = at + 10;
        while (i < text.length() && text.charAt(i) != '[' && text.charAt(i) != '>') {
            i++;
        }
        if (i >= text.length()) {
            return text;
        }
        int end = text.charAt(i) == '>' ? i + 1 : internalSubsetEnd(text, i + 1);
        return end < 0 ? text : text.substring(0, at) + text.substring(end);
    }

    /** Where the prolog's whitespace, processing instructions and comments end; -1 when one of them never closes. */
    private static int prologEnd(String text) {
        int i = 0;
        while (i < text.length()) {
            if (isSpace(text.charAt(i))) {
                i++;
            } else if (text.startsWith("<?", i)) {
                int close = text.indexOf("?>", i + 2);
                if (close < 0) {
                    return -1;
                }
                i = close + 2;
            } else if (text.startsWith("<!--", i)) {
                int close = text.indexOf("-->", i + 4);
                if (close < 0) {
                    return -1;
                }
                i = close + 3;
            } else {
                break;
            }
        }
        return i;
    }

    /** Just past the first ']' of the internal subset that whitespace and '>' follow; -1 when none does. */
    private static int internalSubsetEnd(String text, int from) {
        for (int bracket = text.indexOf(']', from); bracket >= 0; ) {
            int i = bracket + 1;
            while (i < text.length() && isSpace(text.charAt(i))) {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '>') {
                return i + 1;
            }
            bracket = text.indexOf(']', i);
        }
        return -1;
    }

    /** What the regular expression \s matched here before: ASCII whitespace. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /**
     * The last resort before giving up: every '&' that does not start an XML-defined entity or a character
     * reference becomes '&amp;' (HTML entities were already turned into character references by then).
     */
    static String escapeStrayAmpersands(String text) {
        int amp = text.indexOf('&');
        if (amp < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        int copied = 0;
        for (; amp >= 0; amp = text.indexOf('&', amp + 1)) {
            if (!isReference(text, amp + 1)) {
                out.append(text, copied, amp + 1).append("amp;");
                copied = amp + 1;
            }
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** amp; lt; gt; quot; apos; &#digits; (1 to 7) or &#xhex; (1 to 6) starting at i. */
    private static boolean isReference(String text, int i) {
        for (String name : NAMED) {
            if (text.startsWith(name, i)) {
                return true;
            }
        }
        if (!text.startsWith("#", i)) {
            return false;
        }
        boolean hex = text.startsWith("x", i + 1);
        int start = hex ? i + 2 : i + 1;
        int max = hex ? 6 : 7;
        int j = start;
        while (j < text.length() && j - start < max && (hex ? isHex(text.charAt(j)) : isDigit(text.charAt(j)))) {
            j++;
        }
        return j > start && j < text.length() && text.charAt(j) == ';';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
