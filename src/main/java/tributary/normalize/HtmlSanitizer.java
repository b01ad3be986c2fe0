package tributary.normalize;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Cleans item HTML with jsoup's allowlist: no script, style, frames, forms, handlers or non-http(s) URLs (every URL
 * attribute the list allows has its protocols set); no tracking pixels; links absolute against the item, never a
 * {@code <base>} the content brings.
 */
public final class HtmlSanitizer {

    private static final Safelist SAFELIST = Safelist.relaxed()
            .addTags("figure", "figcaption", "picture", "mark", "s", "hr", "time")
            .addAttributes("time", "datetime")
            .removeProtocols("a", "href", "ftp", "mailto")
            .addProtocols("a", "href", "mailto");

    private HtmlSanitizer() {
    }

    /** The cleaned HTML with every link absolute against baseUri; null when nothing visible is left. */
    public static String sanitize(String html, String baseUri) {
        if (html == null || html.isBlank()) {
            return null;
        }
        String base = baseUri == null ? "" : baseUri;
        Document dirty = Jsoup.parseBodyFragment(html, base);
        // jsoup adopts the first <base href> it meets; hostile content must not re-point our relative links.
        dirty.select("base").remove();
        dirty.setBaseUri(base);
        for (Element img : dirty.select("img[style]")) {
            if (img.attr("style").replaceAll("\\s", "").matches("(?i).*(width:[01]px|height:[01]px|display:none).*")) {
                img.remove();
            }
        }
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        for (Element img : clean.select("img")) {
            if (isPixel(img.attr("width")) && isPixel(img.attr("height")) || img.attr("src").isEmpty()) {
                img.remove();
            }
        }
        clean.outputSettings().prettyPrint(false);
        String out = clean.body().html().strip();
        return out.isEmpty() ? null : TextCleaner.clean(out);
    }

    private static boolean isPixel(String size) {
        String s = size.strip();
        return s.equals("0") || s.equals("1") || s.equals("1px") || s.equals("0px");
    }
}
