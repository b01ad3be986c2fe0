package tributary.normalize;

import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tributary.common.Sha256;
import tributary.parse.ParsedEnclosure;
import tributary.parse.ParsedItem;

/** Turns a parsed entry into a NormalizedItem: cleaned text, absolute links, identity and story hashes. */
@Singleton
public class ItemNormalizer {

    /** A date further ahead than this is a publisher's mistake, not a scheduled post. */
    static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);
    /**
     * Dates before this are misreadings (Rome reads "24 May 2019999999999999999999" as the year -190732550): no web
     * feed predates it, MariaDB's DATETIME cannot hold what lies far beyond it, and RFC 3339 has no such years.
     */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

    private final FeedZoneResolver zones;

    public ItemNormalizer(FeedZoneResolver zones) {
        this.zones = zones;
    }

    /** As below, for a feed whose language is unknown. */
    public NormalizedItem normalize(ParsedItem item, long feedId, URI base, Instant now) {
        return normalize(item, feedId, base, null, now);
    }

    /**
     * @param feedId the feed the item came from: link-less items are stories of their own feed only
     * @param base   the URL the document was fetched from, for relative links
     * @param language the feed's declared language, which with base decides the zone of zoneless dates
     * @param now    the poll's time, for dates in the future
     */
    public NormalizedItem normalize(ParsedItem item, long feedId, URI base, String language, Instant now) {
        return normalize(item, feedId, base, language, null, now);
    }

    /** As above; feedZone, when the admin named one for this feed, is the zone of its zoneless dates. */
    public NormalizedItem normalize(ParsedItem item, long feedId, URI base, String language, ZoneId feedZone,
                                    Instant now) {
        // xml:base, resolved against the document's URL, wins where written; an unsafe or broken one is ignored.
        String xmlBase = UrlCanonicalizer.resolve(item.base(), base);
        URI entryBase = xmlBase != null ? URI.create(xmlBase) : base;
        String url = UrlCanonicalizer.resolve(item.link(), entryBase);
        String canonical = UrlCanonicalizer.canonical(url);
        String title = TextCleaner.plainLine(item.title());
        String htmlBase = xmlBase != null ? xmlBase : url != null ? url : String.valueOf(base);
        String summary = HtmlSanitizer.sanitize(item.summary(), htmlBase);
        String content = HtmlSanitizer.sanitize(item.content(), htmlBase);
        if (Objects.equals(summary, content)) {
            summary = null;
        }
        String guid = item.guid() == null || item.guid().isBlank() ? null : TextCleaner.clean(item.guid().strip());
        ZoneId zone = feedZone != null ? feedZone : zones.zoneFor(language, url == null ? null : URI.create(url), base);
        Instant published = published(item, zone);
        if (published != null && (published.isAfter(now.plus(FUTURE_TOLERANCE)) || published.isBefore(EARLIEST))) {
            published = null;
        }
        List<String> tags = new ArrayList<>();
        for (String tag : item.tags()) {
            String t = TextCleaner.plainLine(tag);
            if (t != null && !tags.contains(t)) {
                tags.add(t);
            }
        }
        ParsedEnclosure e = item.enclosure();
        String enclosureUrl = e == null ? null : UrlCanonicalizer.resolve(e.url(), entryBase);
        String enclosureType = enclosureUrl == null ? null : TextCleaner.plainLine(e.type());
        Long enclosureLength = enclosureUrl == null ? null : e.length();

        String identity;
        if (guid != null) {
            identity = "guid:" + guid;
        } else if (canonical != null) {
            identity = "link:" + canonical;
        } else {
            identity = "hash:" + title + "\n" + published + "\n" + content + "\n" + summary;
        }
        String story = canonical != null ? "url:" + canonical : "feed:" + feedId + "\n" + identity;
        String contentHash = Sha256.hex(String.join("\u0000", String.valueOf(title), String.valueOf(url),
                String.valueOf(summary), String.valueOf(content), String.valueOf(item.author()),
                String.valueOf(published), String.join(",", tags), String.valueOf(enclosureUrl)));
        return new NormalizedItem(Sha256.hex(identity), Sha256.hex(story), contentHash, guid, url, canonical, title,
                summary, content, TextCleaner.plainLine(item.author()), List.copyOf(tags), enclosureUrl,
                enclosureType, enclosureLength, published, siteTitleKey(title, url, base));
    }

    /** Our reading of the text as written first (it knows the feed's zone), then what the format's library read. */
    private static Instant published(ParsedItem item, ZoneId zone) {
        Instant parsed = DateParser.parse(item.publishedText(), zone);
        if (parsed != null) {
            return parsed;
        }
        if (item.published() != null) {
            return item.published();
        }
        parsed = DateParser.parse(item.updatedText(), zone);
        return parsed != null ? parsed : item.updated();
    }

    /**
     * The key of "the same title from the same site": host of the link (else of the feed) without www., and the NFC
     * title case-folded; null without a title, since empty titles say nothing about sameness.
     */
    static String siteTitleKey(String title, String url, URI base) {
        if (title == null || title.isBlank()) {
            return null;
        }
        String host = null;
        try {
            host = url != null ? URI.create(url).getHost() : null;
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null && base != null) {
            host = base.getHost();
        }
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        return Sha256.hex(host + "\n" + title.toLowerCase(Locale.ROOT));
    }
}
