package tributary.match;

import java.util.Locale;
import java.util.Set;
import org.jsoup.parser.Parser;

/** The text of sanitized HTML, without markup, entities decoded: what rules and queries match in a summary. */
public final class PlainText {

    /** Tags that end a word: block-level elements, line breaks, cells and embedded content. */
    private static final Set<String> SEPARATING = Set.of("address", "article", "aside", "audio", "blockquote", "br",
            "caption", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
            "h2", "h3", "h4", "h5", "h6", "header", "hr", "iframe", "img", "li", "main", "nav", "ol", "option", "p",
            "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "video");

    /** Elements whose content is not text. */
    private static final Set<String> SKIPPED = Set.of("script", "style", "template");

    private PlainText() {
    }

    public static String ofHtml(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        StringBuilder raw = new StringBuilder(html.length());
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c != '<' || i + 1 >= n || !startsMarkup(html.charAt(i + 1))) {
                raw.append(c);
                i++;
                continue;
            }
            if (html.startsWith("<!--", i)) {
                int end = html.indexOf("-->", i + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            int end = tagEnd(html, i + 1);
            String name = tagName(html, i + 1, end);
            boolean closing = html.charAt(i + 1) == '/';
            i = end < n ? end + 1 : n;
            if (SEPARATING.contains(name)) {
                raw.append(' ');
            } else if (!closing && SKIPPED.contains(name)) {
                int close = indexOfIgnoreCase(html, "</" + name, i);
                i = close < 0 ? n : Math.min(n, tagEnd(html, close + 1) + 1);
                raw.append(' ');
            }
        }
        String text = raw.toString();
        return collapse(text.indexOf('&') < 0 ? text : Parser.unescapeEntities(text, false));
    }

    /** Where needle (ASCII) starts at or after from, in any case; -1 when nowhere. */
    private static int indexOfIgnoreCase(String html, String needle, int from) {
        for (int i = from; i + needle.length() <= html.length(); i++) {
            if (html.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsMarkup(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?';
    }

    /** The index of the '>' ending the tag whose name starts at from, skipping quoted attribute values. */
    private static int tagEnd(String html, int from) {
        char quote = 0;
        for (int i = from; i < html.length(); i++) {
            char c = html.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        return html.length();
    }

    private static String tagName(String html, int from, int end) {
        int i = from;
        if (i < end && html.charAt(i) == '/') {
            i++;
        }
        int start = i;
        while (i < end && Character.isLetterOrDigit(html.charAt(i))) {
            i++;
        }
        return html.substring(start, i).toLowerCase(Locale.ROOT);
    }

    private static String collapse(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
