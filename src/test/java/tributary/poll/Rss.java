package tributary.poll;

import java.nio.charset.StandardCharsets;

/** Small RSS documents for poll tests; extra goes inside the channel (ttl, skipHours, sy: elements). */
final class Rss {

    private Rss() {
    }

    static byte[] document(String name, int items, String extra) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel>
                <title>%s</title><link>https://site.example/%s</link><description>d</description>%s
                """.formatted(name, name, extra));
        for (int i = 1; i <= items; i++) {
            xml.append("<item><guid>https://site.example/%s/%d</guid><title>Item %d of %s</title>"
                    .formatted(name, i, i, name))
                    .append("<link>https://site.example/%s/%d.html</link>".formatted(name, i))
                    .append("<pubDate>Wed, 28 Jan 2026 0%d:00:00 GMT</pubDate></item>\n".formatted(i % 10));
        }
        return xml.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
