package tributary.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Finds in sanitized output anything the sanitizer must have removed; tests assert the list is empty. */
public final class HostileMarkup {

    private static final Set<String> FORBIDDEN_TAGS = Set.of("script", "style", "iframe", "frame", "frameset", "object",
            "embed", "applet", "svg", "math", "meta", "base", "link", "form", "input", "button", "textarea", "select",
            "noscript", "template", "xmp", "plaintext", "noembed", "param", "audio", "video", "source", "marquee");
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "cite", "action", "formaction", "poster",
            "background", "srcset", "data", "codebase", "xlink:href", "longdesc", "usemap", "lowsrc", "dynsrc");
    /** Raw-text check as well, so a parser disagreement between jsoup and a browser cannot hide a tag. */
    private static final Pattern RAW_TAG = Pattern.compile(
            "(?i)<\\s*/?\\s*(script|style|iframe|object|embed|svg|math|meta|base|link|form|noscript)\\b");
    private static final Pattern RAW_HANDLER = Pattern.compile("(?i)<[^>]*[\\s/\"']on[a-z]+\\s*=");

    private HostileMarkup() {
    }

    public static List<String> findings(String html) {
        List<String> found = new ArrayList<>();
        if (html == null) {
            return found;
        }
        if (RAW_TAG.matcher(html).find()) {
            found.add("raw forbidden tag");
        }
        if (RAW_HANDLER.matcher(html).find()) {
            found.add("raw event handler");
        }
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element el : doc.body().getAllElements()) {
            if (FORBIDDEN_TAGS.contains(el.normalName())) {
                found.add("tag <" + el.normalName() + ">");
            }
            if (el.normalName().equals("img") && isPixel(el.attr("width")) && isPixel(el.attr("height"))) {
                found.add("tracking pixel " + el.attr("src"));
            }
            for (Attribute a : el.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith("on") || name.equals("style") || name.equals("srcset")) {
                    found.add("attribute " + name + " on <" + el.normalName() + ">");
                }
                if (URL_ATTRIBUTES.contains(name) && !safeUrl(a.getValue())) {
                    found.add("unsafe URL " + name + "=" + a.getValue());
                }
            }
        }
        return found;
    }

    private static boolean safeUrl(String value) {
        // Browsers drop tabs, newlines and leading controls inside a scheme before reading it.
        String v = value.replaceAll("[\\x00-\\x20]", "").toLowerCase(Locale.ROOT);
        return v.startsWith("http://") || v.startsWith("https://") || v.startsWith("mailto:");
    }

    private static boolean isPixel(String size) {
        String s = size.strip();
        return s.equals("0") || s.equals("1") || s.equals("1px") || s.equals("0px");
    }
}
