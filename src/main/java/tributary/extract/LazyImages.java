package tributary.extract;

import java.util.Locale;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Element;

/**
 * Gives lazy-loaded images their real {@code src} ({@code data-src}, {@code data-original}, {@code data-lazy-src},
 * the largest of {@code srcset} / {@code data-srcset}, or a {@code <picture>}'s source) and makes every image and
 * link absolute against the page URL (never a {@code <base>} the page brings, as for feed content).
 */
final class LazyImages {

    private static final String[] LAZY = {"data-src", "data-original", "data-lazy-src", "data-lazy", "data-url",
        "data-full-src", "data-srcset", "srcset"};

    private LazyImages() {
    }

    static void fix(Element body, String pageUrl) {
        for (Element img : body.select("img")) {
            String src = img.attr("src").strip();
            if (src.isEmpty() || placeholder(src)) {
                String real = realSource(img);
                if (real != null) {
                    img.attr("src", real);
                }
            }
            img.attr("src", absolute(pageUrl, img.attr("src").strip()));
            img.removeAttr("srcset");
        }
        for (Element a : body.select("a[href]")) {
            a.attr("href", absolute(pageUrl, a.attr("href").strip()));
        }
    }

    private static String realSource(Element img) {
        for (String name : LAZY) {
            String value = img.attr(name).strip();
            if (!value.isEmpty()) {
                return name.endsWith("srcset") ? largest(value) : value;
            }
        }
        Element picture = img.parent() != null && img.parent().nameIs("picture") ? img.parent() : null;
        if (picture != null) {
            for (Element source : picture.select("source")) {
                String set = source.hasAttr("data-srcset") ? source.attr("data-srcset") : source.attr("srcset");
                if (!set.isBlank()) {
                    return largest(set);
                }
            }
        }
        return null;
    }

    /** A transparent GIF, a data: URI or a named placeholder stands in until a script swaps the real image in. */
    private static boolean placeholder(String src) {
        String s = src.toLowerCase(Locale.ROOT);
        return s.startsWith("data:") || s.contains("blank.") || s.contains("placeholder") || s.contains("lazy")
                || s.contains("loading.") || s.contains("grey.gif") || s.contains("1x1");
    }

    /** The candidate of a srcset with the largest width (or density) descriptor; the last one when none has one. */
    static String largest(String srcset) {
        String best = null;
        double bestSize = -1;
        for (String candidate : srcset.split(",\\s+|,(?=\\S+\\s+\\d)")) {
            String[] parts = candidate.strip().split("\\s+");
            if (parts.length == 0 || parts[0].isEmpty()) {
                continue;
            }
            double size = 0;
            if (parts.length > 1) {
                String d = parts[1].toLowerCase(Locale.ROOT);
                try {
                    size = Double.parseDouble(d.substring(0, d.length() - 1)) * (d.endsWith("x") ? 1000 : 1);
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    size = 0;
                }
            }
            if (size >= bestSize) {
                best = parts[0];
                bestSize = size;
            }
        }
        return best;
    }

    private static String absolute(String base, String url) {
        if (url.isEmpty() || url.startsWith("https://") || url.startsWith("http://")) {
            return url;
        }
        String resolved = StringUtil.resolve(base, url);
        return resolved.isEmpty() ? url : resolved;
    }
}
