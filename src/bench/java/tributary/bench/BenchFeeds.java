package tributary.bench;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Generated RSS 2.0 documents of 20 items, about 40 KB, in Vietnamese or English, like bench/gen-feeds.py writes. */
final class BenchFeeds {

    private static final String VI = "Chiều 15/1, hội nghị giao ban trực tuyến của Thường trực Thành ủy - HĐND - UBND "
            + "thành phố Hà Nội với lãnh đạo các quận, huyện, thị xã đã thống nhất nhiều giải pháp đẩy nhanh tiến độ giải "
            + "ngân vốn đầu tư công. Người dân phố cổ phấn khởi khi những tuyến đường mới được mở rộng. ";
    private static final String EN = "Officials in Hanoi agreed on Thursday to speed up public investment, as residents "
            + "of the old quarter welcomed wider streets and new trees; economists expect growth to pick up in the "
            + "second quarter while exporters warn that shipping costs remain high. ";
    private static final DateTimeFormatter RFC_822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss", Locale.ROOT);

    private BenchFeeds() {
    }

    /** Feed number n; the tag keeps identities apart between runs that share a database. */
    static byte[] rss(int n, String tag) {
        boolean vietnamese = n % 2 == 0;
        String text = vietnamese ? VI : EN;
        LocalDateTime base = LocalDateTime.of(2026, 1, 28, 12, 0).minusMinutes(n % 997);
        StringBuilder doc = new StringBuilder(48_000).append("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Section %d</title><link>https://site%d.example/s%d/</link>
                <description>Generated bench feed</description><language>%s</language>
                """.formatted(n, n % 500, n, vietnamese ? "vi" : "en"));
        for (int i = 0; i < 20; i++) {
            doc.append("<item><title>").append(vietnamese ? "Tin số " + i + " của chuyên mục " + n
                            + ": Hà Nội đẩy nhanh giải ngân" : "Story " + i + " of section " + n + ": Hanoi speeds up")
                    .append("</title>\n<link>https://site").append(n % 500).append(".example/").append(tag).append('/')
                    .append(n).append("/bai-").append(i).append(".html</link><guid isPermaLink=\"false\">").append(tag)
                    .append('-').append(n).append('-').append(i).append("</guid>\n<description>");
            for (int p = 0; p < 5; p++) {
                doc.append("&lt;p&gt;").append(text, (i * 7 + p * 3) % 40, text.length()).append(n).append("&lt;/p&gt;");
            }
            doc.append("</description><category>").append(vietnamese ? "Thời sự" : "World").append("</category>\n<pubDate>")
                    .append(RFC_822.format(base.minusMinutes(37L * i))).append(" +0700</pubDate></item>\n");
        }
        return doc.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
