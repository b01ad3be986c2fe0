package tributary.fetch;

import java.time.Duration;
import java.util.Locale;

/**
 * What a response's caching headers say to a poller: noStore (Cache-Control no-store or Expires 0) means its
 * validators must not be kept; maxAge is the publisher's wish for how long the document stays fresh.
 */
record CacheDirectives(boolean noStore, Duration maxAge) {

    static CacheDirectives of(String cacheControl, String expires) {
        boolean noStore = expires != null && expires.strip().equals("0");
        Duration maxAge = null;
        if (cacheControl != null) {
            for (String part : cacheControl.split(",")) {
                String directive = part.strip().toLowerCase(Locale.ROOT);
                if (directive.equals("no-store")) {
                    noStore = true;
                } else if (directive.startsWith("max-age=")) {
                    maxAge = seconds(directive.substring("max-age=".length()));
                }
            }
        }
        return new CacheDirectives(noStore, maxAge);
    }

    private static Duration seconds(String value) {
        try {
            long seconds = Long.parseLong(value.replace("\"", "").strip());
            return seconds > 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
