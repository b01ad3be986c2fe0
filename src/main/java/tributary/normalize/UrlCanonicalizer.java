package tributary.normalize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/** Resolves links against their document and gives the canonical form stories are matched by. */
public final class UrlCanonicalizer {

    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid",
            "yclid", "igshid", "_ga", "_gl", "ref_src", "cmpid", "zarsrc", "gidzl");

    private UrlCanonicalizer() {
    }

    /**
     * The link made absolute against base; null unless the result is an http(s) URL. Characters XML forbids are
     * dropped first: java.net.URI accepts U+FFFF and the like, and one of them would make a whole page unwritable.
     */
    public static String resolve(String link, URI base) {
        String safe = TextCleaner.xmlSafe(link);
        if (safe == null || safe.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(safe.strip().replace(" ", "%20"));
            if (!uri.isAbsolute() && base != null) {
                uri = base.resolve(uri);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return null;
            }
            return uri.toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The canonical form of an absolute http(s) URL: scheme and host lower-case, default port, fragment and
     * tracking parameters (utm_*, fbclid, …) dropped. Null when the URL cannot be read.
     */
    public static String canonical(String absoluteUrl) {
        if (absoluteUrl == null) {
            return null;
        }
        try {
            URI uri = new URI(absoluteUrl);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            if (host == null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            StringBuilder out = new StringBuilder(scheme).append("://").append(host);
            if (!defaultPort) {
                out.append(':').append(port);
            }
            String path = uri.getRawPath();
            out.append(path == null || path.isEmpty() ? "/" : path);
            String query = cleanQuery(uri.getRawQuery());
            if (query != null) {
                out.append('?').append(query);
            }
            return out.toString();
        } catch (URISyntaxException | NullPointerException e) {
            return null;
        }
    }

    private static String cleanQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        StringJoiner kept = new StringJoiner("&");
        for (String pair : rawQuery.split("&")) {
            String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
                kept.add(pair);
            }
        }
        return kept.length() == 0 ? null : kept.toString();
    }
}
