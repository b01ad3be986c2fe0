package tributary.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The rule for a feed URL, shared by feeds.yml and the admin API: absolute http(s) with a host. */
public final class FeedUrls {

    private FeedUrls() {
    }

    /** Why the text is not a feed URL we accept, or null when it is one. */
    public static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "a feed needs a 'url'";
        }
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "url '" + text + "' must start with http:// or https://";
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return "url '" + text + "' has no host name";
            }
            return null;
        } catch (URISyntaxException e) {
            return "url '" + text + "' is not a valid URL: " + e.getReason() + " at character " + (e.getIndex() + 1);
        }
    }
}
