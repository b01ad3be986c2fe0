package tributary.normalize;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/** Cleans item HTML with jsoup's allowlist: no script, style, frames, forms, handlers or non-http(s) URLs; no tracking pixels. */
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
        Document dirty = Jsoup.parseBodyFragment(html, baseUri == null ? "" : baseUri);
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
