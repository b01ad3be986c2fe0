package tributary.fulltext;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import tributary.support.FixtureFeedServer;
import tributary.support.FixtureFeedServer.Answer;

/**
 * A news site on the loopback fixture server for full-text tests: section feeds under /ft/ whose items a test sets
 * (empty until then, so polls by other tests store nothing), article pages under /ft/p/, and the most requests the
 * site ever had in progress at once, across feeds and pages.
 */
final class NewsSite {

    static final String SUMMARY = "Tóm tắt một dòng của bài.";

    private final FixtureFeedServer server;
    private final Map<String, AtomicReference<String>> items = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    NewsSite(FixtureFeedServer server) {
        this.server = server;
    }

    /** Serves the feed /ft/{name}.rss, with no items yet. */
    void feed(String name) {
        feed(name, request -> null);
    }

    /** As feed(name), running before each answer (to hold the request at a gate). */
    void feed(String name, Function<FixtureFeedServer.Request, Void> before) {
        items.put(name, new AtomicReference<>(""));
        server.serve("/ft/" + name + ".rss", counted(request -> {
            before.apply(request);
            return new Answer(200, "application/rss+xml; charset=utf-8",
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>" + name
                            + "</title><link>https://site.example/</link><description>d</description>"
                            + items.get(name).get() + "</channel></rss>").getBytes(StandardCharsets.UTF_8));
        }));
    }

    /** From now on the feed carries one item: its guid, link to the page /ft/p/{page}.html, and summary. */
    void publish(String feed, String guid, String page, String summary) {
        items.get(feed).set("<item><guid>" + guid + "</guid><title>Bài " + page + "</title><link>" + pageUrl(page)
                + "</link><description>" + summary + "</description>"
                + "<pubDate>Wed, 28 Jan 2026 10:00:00 GMT</pubDate></item>");
    }

    /** Answers the page /ft/p/{page}.html with what the handler decides. */
    void page(String page, Function<FixtureFeedServer.Request, Answer> handler) {
        server.serve("/ft/p/" + page + ".html", counted(handler));
    }

    String feedUrl(String name) {
        return server.address("/ft/" + name + ".rss");
    }

    String pageUrl(String page) {
        return server.address("/ft/p/" + page + ".html");
    }

    int pageHits(String page) {
        return server.hitsAt("/ft/p/" + page + ".html");
    }

    int feedHits(String name) {
        return server.hitsAt("/ft/" + name + ".rss");
    }

    int mostRequestsAtOnce() {
        return mostAtOnce.get();
    }

    /** A news page: menu, the article (class noi-dung, long enough for the judge), a related-news box, footer. */
    static Answer article(String paragraph) {
        String html = """
                <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Bài</title></head><body>
                <nav><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a></nav>
                <article class="noi-dung"><h1>Tiêu đề bài</h1><p>%s</p><p>Đoạn thứ hai của bài viết kể lại diễn biến
                của sự việc theo thứ tự thời gian, dẫn lời những người có mặt tại hiện trường và ý kiến của cơ quan chức
                năng địa phương. Phóng viên đã liên hệ với nhiều bên liên quan để làm rõ nguyên nhân, đồng thời ghi nhận
                những đề xuất của người dân về cách khắc phục trong thời gian tới, trước khi mùa mưa bão bắt đầu.</p>
                <div class="lien-quan">Tin cùng chuyên mục</div></article>
                <footer>Bản quyền thuộc về tòa soạn</footer></body></html>""".formatted(paragraph);
        return new Answer(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private Function<FixtureFeedServer.Request, Answer> counted(Function<FixtureFeedServer.Request, Answer> handler) {
        return request -> {
            mostAtOnce.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                return handler.apply(request);
            } finally {
                active.decrementAndGet();
            }
        };
    }
}
