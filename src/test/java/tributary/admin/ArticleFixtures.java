package tributary.admin;

import java.nio.charset.StandardCharsets;
import tributary.support.FixtureFeedServer;

/** The article page of the preview tests and a feed whose newest item links to it (the older one to a gone page). */
final class ArticleFixtures {

    /** Under src/test/resources/feeds/: a news page with menu, breadcrumbs, a related-news box, share and footer. */
    static final String ARTICLE = "preview-article.html";

    static final String NEWEST_TITLE = "Hà Nội mở thêm tuyến xe buýt điện";

    private ArticleFixtures() {
    }

    /** Serves the feed at /f/giao-thong.rss and answers its URL. */
    static String serveFeed(FixtureFeedServer fixtures) {
        byte[] rss = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Giao thông</title><link>%s</link><description>d</description>
                <item><guid isPermaLink="false">old</guid><title>Tuyến xe buýt cũ ngừng chạy</title>
                  <link>%s</link><description>Tuyến cũ ngừng chạy.</description>
                  <pubDate>Mon, 30 Nov 2026 08:00:00 +0700</pubDate></item>
                <item><guid isPermaLink="false">new</guid><title>%s</title>
                  <link>%s</link><description>Tuyến xe buýt điện mới nối các khu đô thị phía tây.</description>
                  <pubDate>Tue, 01 Dec 2026 08:00:00 +0700</pubDate></item>
                </channel></rss>
                """.formatted(fixtures.address("/"), fixtures.address("/pages/gone.html"), NEWEST_TITLE,
                fixtures.url(ARTICLE)).getBytes(StandardCharsets.UTF_8);
        fixtures.serve("/f/giao-thong.rss", request -> new FixtureFeedServer.Answer(200, "application/rss+xml", rss));
        return fixtures.address("/f/giao-thong.rss");
    }
}
