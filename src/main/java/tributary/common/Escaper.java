package tributary.common;

/** The one markup escaper: text made safe for HTML/XML content and for double- or single-quoted attributes alike. */
public final class Escaper {

    private Escaper() {
    }

    /** &amp; &lt; &gt; &quot; &#39; for the five characters that can end text or an attribute; null becomes "". */
    public static String markup(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
