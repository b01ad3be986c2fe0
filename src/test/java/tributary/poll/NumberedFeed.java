package tributary.poll;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** RSS documents whose items are numbered from..to, item i published i minutes after a fixed start (newest first). */
final class NumberedFeed {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private NumberedFeed() {
    }

    static byte[] rss(String name, int from, int to) {
        StringBuilder xml = new StringBuilder(64 * 1024).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<rss version=\"2.0\"><channel><title>").append(name)
                .append("</title><link>https://site.example/</link><description>numbered</description>\n");
        for (int i = to; i >= from; i--) {
            xml.append("<item><guid>https://site.example/").append(name).append('/').append(i)
                    .append("</guid><title>Bài ").append(i).append("</title><link>https://site.example/").append(name)
                    .append('/').append(i).append(".html</link><description>Nội dung của bài ").append(i)
                    .append(", đủ dài để một tài liệu lớn mất thời gian ghi.</description><pubDate>")
                    .append(RFC_1123.format(START.plus(Duration.ofMinutes(i)))).append("</pubDate></item>\n");
        }
        return xml.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
