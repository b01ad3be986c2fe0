package tributary.catalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import tributary.common.Escaper;
import tributary.store.CategoryRow;
import tributary.store.FeedRow;

/** Writes the catalog as an OPML 2.0 subscription list: one folder per category, feeds inside. */
public final class OpmlWriter {

    private OpmlWriter() {
    }

    public static String write(List<CategoryRow> categories, List<FeedRow> feeds, Map<Long, List<String>> slugsByFeed,
                               Instant now) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n")
                .append("<head>\n<title>Tributary feeds</title>\n<dateCreated>")
                .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atZone(ZoneOffset.UTC)))
                .append("</dateCreated>\n</head>\n<body>\n");
        for (CategoryRow c : categories) {
            String title = Escaper.markup(c.title());
            xml.append("<outline text=\"").append(title).append("\" title=\"").append(title).append("\">\n");
            for (FeedRow f : feeds) {
                if (f.deletedAt() == null && slugsByFeed.getOrDefault(f.id(), List.of()).contains(c.slug())) {
                    feed(xml.append("  "), f);
                }
            }
            xml.append("</outline>\n");
        }
        for (FeedRow f : feeds) {
            if (f.deletedAt() == null && slugsByFeed.getOrDefault(f.id(), List.of()).isEmpty()) {
                feed(xml, f);
            }
        }
        return xml.append("</body>\n</opml>\n").toString();
    }

    private static void feed(StringBuilder xml, FeedRow f) {
        String title = Escaper.markup(f.displayTitle());
        xml.append("<outline type=\"rss\" text=\"").append(title).append("\" title=\"").append(title)
                .append("\" xmlUrl=\"").append(Escaper.markup(f.url())).append('"');
        if (f.siteUrl() != null) {
            xml.append(" htmlUrl=\"").append(Escaper.markup(f.siteUrl())).append('"');
        }
        xml.append("/>\n");
    }
}
