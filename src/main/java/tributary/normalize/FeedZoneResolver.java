package tributary.normalize;

import jakarta.inject.Singleton;
import java.net.URI;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tributary.config.ConfigDefaults;

/** Picks the zone a feed's zoneless dates are written in: the site's configured zone, else +07:00 for Vietnamese sites, else the default. */
@Singleton
public class FeedZoneResolver {

    private final ZoneId defaultZone;
    private final ZoneId vietnameseZone;
    private final Map<String, ZoneId> hostZones = new LinkedHashMap<>();

    public FeedZoneResolver(NormalizeConfig config) {
        this.defaultZone = zone(config.defaultZone(), "tributary.normalize.default-zone");
        this.vietnameseZone = zone(config.vietnameseZone(), "tributary.normalize.vietnamese-zone");
        List<String> entries = config.hostZones() == null ? List.of() : config.hostZones();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("tributary.normalize.host-zones: '" + entry
                        + "' is not host=zone, e.g. vnexpress.net=Asia/Ho_Chi_Minh");
            }
            hostZones.put(entry.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                    zone(entry.substring(eq + 1), "tributary.normalize.host-zones"));
        }
    }

    /** The default rules alone (UTC, Vietnamese sites +07:00), without the default per-site zones. */
    public static FeedZoneResolver defaults() {
        NormalizeConfig defaults = ConfigDefaults.of(NormalizeConfig.class);
        return new FeedZoneResolver(new NormalizeConfig(defaults.defaultZone(), defaults.vietnameseZone(), List.of()));
    }

    /** As below, with the feed's URL as the only site. */
    public ZoneId zoneFor(URI feedUrl, String language) {
        return zoneFor(language, feedUrl);
    }

    /**
     * @param language the feed's declared language (may be null)
     * @param sites    where the feed and its items live (the item's link first: a .vn article on a CDN-hosted feed
     *                 is still Vietnamese); null entries are skipped
     */
    public ZoneId zoneFor(String language, URI... sites) {
        for (URI site : sites) {
            // example.vn=… also covers www.example.vn and news.example.vn.
            for (String h = host(site); !h.isEmpty(); h = h.indexOf('.') < 0 ? "" : h.substring(h.indexOf('.') + 1)) {
                ZoneId configured = hostZones.get(h);
                if (configured != null) {
                    return configured;
                }
            }
        }
        String lang = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
        if (lang.equals("vi") || lang.startsWith("vi-") || lang.startsWith("vi_")) {
            return vietnameseZone;
        }
        for (URI site : sites) {
            if (host(site).endsWith(".vn")) {
                return vietnameseZone;
            }
        }
        return defaultZone;
    }

    private static String host(URI uri) {
        return uri == null || uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }

    private static ZoneId zone(String text, String key) {
        try {
            ZoneId zone = ZoneId.of(text.strip());
            return zone.equals(ZoneId.of("UTC")) ? ZoneOffset.UTC : zone;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a time zone; use an offset like +07:00 "
                    + "or a region like Asia/Ho_Chi_Minh", e);
        }
    }
}
