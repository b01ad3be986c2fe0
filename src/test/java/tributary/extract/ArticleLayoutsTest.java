package tributary.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each fixture page, written in the layout of a real site, gives back its article and none of its chrome. The
 * article's truth is a selector over the fixture itself; words kept, lead and date lines kept (the site rules leave
 * them out, readability often takes them) and chrome words leaked go to target/extract-layouts.md for the note.
 */
class ArticleLayoutsTest {

    /**
     * One fixture: where it claims to live, which of its elements are the article, which are its lead and date lines
     * (neither article body nor chrome), what chrome it carries.
     */
    record Layout(String page, String url, String truth, String lead, String rule, List<String> chrome) {
        @Override
        public String toString() {
            return page;
        }
    }

    private static final ArticleExtractor EXTRACTOR = new ArticleExtractor();
    private static final Map<String, String> ROWS = new TreeMap<>();

    /** The layouts a site rule reads, to be read once more by readability alone. */
    static Stream<Layout> siteLayouts() {
        return layouts().filter(layout -> !layout.rule().equals("readability"));
    }

    static Stream<Layout> layouts() {
        return Stream.of(
                new Layout("vnexpress.html", "https://vnexpress.net/ha-noi-mo-them-ba-tuyen-buyt-dien-4830001.html",
                        "article.fck_detail > p, article.fck_detail > h2, article.fck_detail figcaption",
                        "p.description, span.date", "site vnexpress.net",
                        List.of("Góc nhìn", "Thể thao", "Thời sự", "Tuyến buýt điện đầu tiên của Thủ đô",
                                "vé tháng xe buýt qua ứng dụng", "Chia sẻ Facebook", "Sao chép liên kết", "Thanh Hương",
                                "Ý kiến", "Xem nhiều", "Quảng cáo", "Toàn bộ bản quyền", "giao thông Hà Nội", "Tìm")),
                new Layout("tuoitre.html", "https://tuoitre.vn/tp-hcm-thi-diem-cho-dem-ven-kenh-20260122081500.htm",
                        "div.detail-content > p, div.detail-content > h3, div.detail-content figcaption",
                        "h2.detail-sapo, div.detail-time", "site tuoitre.vn",
                        List.of("Nhịp sống trẻ", "Đăng nhập", "Quảng cáo", "Sao chép link", "Đọc thêm",
                                "Phố đi bộ Nguyễn Huệ", "Minh Trí", "Bình luận", "Tin cùng chuyên mục",
                                "Đường vành đai 3", "Thành Đoàn", "Zalo")),
                new Layout("thanhnien.html", "https://thanhnien.vn/nong-dan-dong-thap-trong-sen-185260123093.htm",
                        "div.detail-content > p, div.detail-content figcaption",
                        "h2.detail-sapo, div.detail-time", "site thanhnien.vn",
                        List.of("Giới trẻ", "Video", "Mùa sen Đồng Tháp hút khách", "Hữu Phước", "Gửi bình luận",
                                "Đọc nhiều", "Quảng cáo", "Trung ương Hội Liên hiệp", "du lịch nông nghiệp", "Zalo",
                                "Chia sẻ")),
                new Layout("dantri.html", "https://dantri.com.vn/giao-duc/hoc-sinh-vung-cao-nhan-ao-am-20260124.htm",
                        "div.singular-content > p, div.singular-content figcaption",
                        "h2.singular-sapo, time.author-time", "site dantri.com.vn",
                        List.of("Bất động sản", "Tấm lòng nhân ái", "Quảng cáo", "Lưu bài", "Tin liên quan",
                                "Bữa cơm bán trú", "Lan Phương", "Tin mới nhất", "Giảng Võ", "áo ấm vùng cao",
                                "Chia sẻ")),
                new Layout("phunuthudo.html", "https://phunuthudo.vn/hoi-lhpn-quan-dong-da-mo-lop-day-nghe-12345.html",
                        "div.article-content > p, div.article-content figcaption",
                        "div.article-sapo, div.article-meta", "site phunuthudo.vn",
                        List.of("Làm đẹp", "Đặt báo", "Quảng cáo", "Trang chủ", "Facebook", "Tin cùng chuyên mục",
                                "Mẹ Việt Nam Anh hùng", "Cựu chiến binh", "Đọc nhiều nhất", "Thụy Khuê", "Từ khóa",
                                "Chia sẻ")),
                new Layout("unknown-site.html", "https://nongthonmoi.example.vn/thi-truong/che-ban-truc-tuyen.html",
                        "div.noi-dung > p, div.noi-dung > h2, div.img-note", "div.info", "readability",
                        List.of("Khuyến nông", "Liên hệ quảng cáo", "Chia sẻ lên Facebook", "In bài viết",
                                "Bài viết liên quan", "Chè Thái Nguyên tìm đường", "Hoàng Long", "Gửi bình luận",
                                "Tin mới", "Máy sao chè tự động", "Ghi rõ nguồn", "Đăng lúc")),
                new Layout("lazy-images.html", "https://dulich.example/diem-den/tam-giac-mach.html",
                        "div.post-content > p, div.post-content figcaption", "div.post-meta", "readability",
                        List.of("Ẩm thực", "Kinh nghiệm", "Chia sẻ", "Lưu ảnh", "Có thể bạn quan tâm",
                                "Chợ tình Khâu Vai", "bản quyền tác giả")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void keepsEveryArticleParagraphAndNoChrome(Layout layout) {
        check(layout, URI.create(layout.url()), layout.rule(), layout.page());
    }

    /** The fallback on its own: each site's layout served from a host no rule knows. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("siteLayouts")
    void readabilityAloneKeepsTheArticleOfEveryLayout(Layout layout) {
        URI elsewhere = URI.create("https://mirror.example.org/" + layout.page());
        check(layout, elsewhere, "readability", layout.page() + " (as an unknown host)");
    }

    private static void check(Layout layout, URI url, String rule, String row) {
        byte[] page = Pages.bytes(layout.page());
        Extraction result = EXTRACTOR.extract(page, "text/html; charset=utf-8", url, null, List.of(), null);

        assertTrue(result.found(), layout.page() + ": " + result.problem());
        assertEquals(rule, result.rule());
        Document out = Jsoup.parseBodyFragment(result.html());
        String text = out.text();
        int kept = 0;
        int total = 0;
        Document source = Jsoup.parse(new String(page, StandardCharsets.UTF_8));
        int lead = 0;
        for (Element line : source.select(layout.lead())) {
            lead += text.contains(line.text()) ? ArticleJudge.words(line.text()) : 0;
        }
        for (Element paragraph : source.select(layout.truth())) {
            int words = ArticleJudge.words(paragraph.text());
            total += words;
            assertTrue(text.contains(paragraph.text()), layout.page() + " lost: " + paragraph.text());
            kept += words;
        }
        for (String marker : layout.chrome()) {
            assertFalse(text.contains(marker), layout.page() + " leaked chrome: " + marker);
        }
        for (Element img : out.select("img")) {
            assertTrue(img.attr("src").startsWith("https://"), layout.page() + ": " + img);
        }
        assertFalse(out.select("img").isEmpty(), layout.page() + " lost its figure");
        int leaked = Math.max(0, ArticleJudge.words(text) - kept - lead);
        assertEquals(result.words(), ArticleJudge.words(text));
        ROWS.put(row, String.format(Locale.ROOT, "| %s | %s | %d / %d | %d | %d | %d |", row,
                result.rule(), kept, total, lead, leaked, out.select("img").size()));
    }

    @AfterAll
    static void writeTable() throws IOException {
        StringBuilder table = new StringBuilder("| layout | rule used | article words kept / total | lead and date"
                + " words kept | chrome words leaked | images |\n|---|---|---|---|---|---|\n");
        ROWS.values().forEach(row -> table.append(row).append('\n'));
        System.out.println(table);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("extract-layouts.md"), table.toString());
        }
    }
}
