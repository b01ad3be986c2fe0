package tributary.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArticleExtractorTest {

    private static final ArticleExtractor EXTRACTOR = new ArticleExtractor();
    private static final URI VNEXPRESS = URI.create("https://vnexpress.net/ha-noi-mo-them-ba-tuyen-4830001.html");
    private static final URI UNKNOWN = URI.create("https://tin.example.vn/bai-viet/1.html");
    private static final String PARAGRAPH = "Người dân trong xã cho biết con đường mới giúp việc đi lại thuận tiện hơn"
            + " nhiều, nhất là vào mùa mưa, khi đoạn đường đất cũ thường ngập sâu và trơn trượt, học sinh phải đi"
            + " vòng xa hơn năm cây số để đến trường.";

    private static Extraction extract(byte[] page, String type, URI url, String selector, List<String> remove,
                                      String summary) {
        return EXTRACTOR.extract(page, type, url, selector, remove, summary);
    }

    private static byte[] utf8(String html) {
        return html.getBytes(StandardCharsets.UTF_8);
    }

    private static String article(int paragraphs) {
        return "<html><head><meta charset=utf-8><title>t</title></head><body><div class=content>"
                + ("<p>" + PARAGRAPH + "</p>").repeat(paragraphs) + "</div></body></html>";
    }

    @Nested
    class OrderOfRules {

        @Test
        void feedSelectorWinsOverTheSiteRule() {
            Extraction result = extract(Pages.bytes("vnexpress.html"), "text/html", VNEXPRESS, "div.sidebar-1",
                    List.of(), null);

            assertEquals("selector div.sidebar-1", result.rule());
            assertTrue(result.html().contains("Trạm sạc đặt tại hai đầu tuyến"));
        }

        @Test
        void feedRemoveSelectorsAreDroppedFromTheSelectedBody() {
            Extraction result = extract(Pages.bytes("vnexpress.html"), "text/html", VNEXPRESS, "article.fck_detail",
                    List.of("h2", "figure"), null);

            assertEquals("selector article.fck_detail", result.rule());
            assertFalse(result.html().contains("<figure"));
            assertFalse(result.html().contains("Trạm sạc đặt tại hai đầu tuyến"));
            assertTrue(result.html().contains("Sở Xây dựng Hà Nội"));
        }

        @Test
        void aSelectorThatMatchesNothingFallsBackToTheSiteRule() {
            Extraction result = extract(Pages.bytes("vnexpress.html"), "text/html", VNEXPRESS, "div.not-there",
                    List.of(), null);

            assertEquals("site vnexpress.net", result.rule());
        }

        @Test
        void anInvalidSelectorFallsBackInsteadOfFailing() {
            Extraction result = extract(Pages.bytes("unknown-site.html"), "text/html", UNKNOWN, "div[[", List.of(),
                    null);

            assertEquals("readability", result.rule());
        }

        @Test
        void aKnownLayoutOnAnUnknownHostGoesToReadability() {
            Extraction result = extract(Pages.bytes("vnexpress.html"), "text/html",
                    URI.create("https://mirror.example/bai.html"), null, List.of(), null);

            assertEquals("readability", result.rule());
            assertTrue(result.html().contains("Sở Xây dựng Hà Nội"));
            assertFalse(result.html().contains("Tuyến buýt điện đầu tiên của Thủ đô"));
            assertFalse(result.html().contains("Thanh Hương"));
        }

        @Test
        void whenNothingWorksTheProblemSaysWhatEachRuleFound() {
            Extraction result = extract(utf8("<html><body><p>Ngắn.</p></body></html>"), "text/html", VNEXPRESS,
                    "div.not-there", List.of(), null);

            assertFalse(result.found());
            assertTrue(result.problem().contains("the feed's selector \"div.not-there\" matched nothing"),
                    result.problem());
            assertTrue(result.problem().contains("built-in rule for vnexpress.net matched nothing"), result.problem());
        }

        @Test
        void aSelectorThatMatchesAShortBoxIsJudgedAndTheSiteRuleStillSaysItMatchedNothing() {
            Extraction result = extract(utf8("<html><body><div id=x><p>Ngắn.</p></div></body></html>"), "text/html",
                    VNEXPRESS, "#x", List.of(), null);

            assertEquals("selector #x", result.rule());
            assertTrue(result.problem().contains("built-in rule for vnexpress.net matched nothing"), result.problem());
            assertTrue(result.problem().contains("under the 40-word floor"), result.problem());
        }
    }

    @Nested
    class Judge {

        @Test
        void refusesABodyShorterThanTheFeedsSummary() {
            String summary = "<p>" + (PARAGRAPH + " ").repeat(3) + "</p>";

            Extraction result = extract(utf8(article(2)), "text/html", UNKNOWN, null, List.of(), summary);

            assertFalse(result.found());
            assertNull(result.html());
            assertTrue(result.problem().matches(
                    ".*the page's article text \\(\\d+ words\\) is shorter than the feed's summary \\(\\d+ words\\).*"),
                    result.problem());
        }

        @Test
        void acceptsABodyLongerThanTheSummary() {
            Extraction result = extract(utf8(article(4)), "text/html", UNKNOWN, null, List.of(), PARAGRAPH);

            assertTrue(result.found(), result.problem());
            assertEquals(4 * ArticleJudge.words(PARAGRAPH), result.words());
            assertNull(result.problem());
        }

        @Test
        void refusesABodyUnderTheFloorOfWords() {
            Extraction result = extract(utf8("<html><body><div class=content><p>Hà Nội hôm nay trời nắng nhẹ, "
                    + "nhiệt độ cao nhất hai mươi lăm độ.</p></div></body></html>"), "text/html", UNKNOWN, null,
                    List.of(), null);

            assertFalse(result.found());
            assertTrue(result.problem().contains("under the 40-word floor"), result.problem());
        }

        @Test
        void refusesASectionPageOfHeadlinesAndTeasers() {
            StringBuilder page = new StringBuilder("<html><body><div class=list-news>");
            for (int i = 0; i < 12; i++) {
                page.append("<div class=item><h3><a href=/bai-").append(i).append(".html>Tin số ").append(i)
                        .append(": Hà Nội mở thêm tuyến xe buýt mới tới các xã ngoại thành</a></h3><p>")
                        .append(PARAGRAPH).append("</p></div>");
            }
            Extraction result = extract(utf8(page.append("</div></body></html>").toString()), "text/html", UNKNOWN,
                    "div.list-news", List.of(), null);

            assertFalse(result.found());
            assertTrue(result.problem().contains("list of links"), result.problem());
        }

        @Test
        void refusesAPageThatIsMostlyLinks() {
            StringBuilder page = new StringBuilder("<html><body><div id=main><p>Danh mục:</p>");
            for (int i = 0; i < 40; i++) {
                page.append("<a href=/c/").append(i).append(">Chuyên mục tin tức số ").append(i).append("</a> ");
            }
            Extraction result = extract(utf8(page.append("</div></body></html>").toString()), "text/html", UNKNOWN,
                    "#main", List.of(), null);

            assertFalse(result.found());
            assertTrue(result.problem().contains("mostly links") || result.problem().contains("list of links")
                    || result.problem().contains("floor"), result.problem());
        }
    }

    @Nested
    class Charsets {

        /** Vietnamese as windows-1258 writes it: base letters precomposed where the code page has them, tones combining. */
        private byte[] windows1258(String html) {
            StringBuilder out = new StringBuilder();
            for (char c : Normalizer.normalize(html, Normalizer.Form.NFD).toCharArray()) {
                out.append(c);
            }
            String decomposed = out.toString();
            // Re-compose everything but the five tone marks, which the code page keeps as combining characters.
            String tones = "\u0300\u0301\u0303\u0309\u0323";
            StringBuilder text = new StringBuilder();
            StringBuilder pendingTones = new StringBuilder();
            StringBuilder cluster = new StringBuilder();
            for (int i = 0; i <= decomposed.length(); i++) {
                char c = i < decomposed.length() ? decomposed.charAt(i) : '\0';
                if (i < decomposed.length() && Character.getType(c) == Character.NON_SPACING_MARK) {
                    (tones.indexOf(c) >= 0 ? pendingTones : cluster).append(c);
                    continue;
                }
                text.append(Normalizer.normalize(cluster, Normalizer.Form.NFC)).append(pendingTones);
                cluster.setLength(0);
                pendingTones.setLength(0);
                if (i < decomposed.length()) {
                    cluster.append(c);
                }
            }
            return text.toString().getBytes(Charset.forName("windows-1258"));
        }

        private String page(String meta) {
            return "<html><head>" + meta + "<title>Tiêu đề</title></head><body><div class=content>"
                    + ("<p>" + PARAGRAPH + "</p>").repeat(3) + "</div></body></html>";
        }

        @Test
        void readsWindows1258DeclaredInMetaAsNfcVietnamese() {
            byte[] bytes = windows1258(page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">"));

            Extraction result = extract(bytes, "text/html", UNKNOWN, null, List.of(), null);

            assertTrue(result.found(), result.problem());
            assertTrue(Jsoup.parse(result.html()).text().contains(PARAGRAPH));
            assertTrue(Normalizer.isNormalized(result.html(), Normalizer.Form.NFC));
        }

        @Test
        void readsWindows1258DeclaredOnlyInTheContentType() {
            byte[] bytes = windows1258(page(""));

            Extraction result = extract(bytes, "text/html; charset=windows-1258", UNKNOWN, null, List.of(), null);

            assertTrue(Jsoup.parse(result.html()).text().contains(PARAGRAPH));
        }

        @Test
        void aServersLatin1DefaultDoesNotOverrideTheUtf8Page() {
            byte[] bytes = utf8(page("<meta charset=\"utf-8\">"));

            Extraction result = extract(bytes, "text/html; charset=ISO-8859-1", UNKNOWN, null, List.of(), null);

            assertTrue(Jsoup.parse(result.html()).text().contains(PARAGRAPH));
        }

        @Test
        void aBomWinsOverTheContentType() {
            byte[] body = utf8(page(""));
            byte[] bytes = new byte[body.length + 3];
            bytes[0] = (byte) 0xef;
            bytes[1] = (byte) 0xbb;
            bytes[2] = (byte) 0xbf;
            System.arraycopy(body, 0, bytes, 3, body.length);

            Extraction result = extract(bytes, "text/html; charset=windows-1258", UNKNOWN, null, List.of(), null);

            assertTrue(Jsoup.parse(result.html()).text().contains(PARAGRAPH));
        }

        @Test
        void decomposedTextComesOutComposed() {
            byte[] bytes = utf8(Normalizer.normalize(page("<meta charset=utf-8>"), Normalizer.Form.NFD));

            Extraction result = extract(bytes, null, UNKNOWN, null, List.of(), null);

            assertTrue(Jsoup.parse(result.html()).text().contains(PARAGRAPH));
        }
    }

    @Nested
    class BadInput {

        @ParameterizedTest
        @ValueSource(strings = {"application/pdf", "image/jpeg", "application/json", "video/mp4",
            "application/feed+json"})
        void refusesContentTypesThatAreNotHtml(String type) {
            Extraction result = extract(utf8(article(3)), type, UNKNOWN, null, List.of(), null);

            assertFalse(result.found());
            assertTrue(result.problem().contains("not HTML"), result.problem());
        }

        @Test
        void refusesPdfBytesServedAsHtml() {
            Extraction result = extract(utf8("%PDF-1.7\n1 0 obj <<>> endobj"), "text/html", UNKNOWN, null,
                    List.of(), null);

            assertTrue(result.problem().contains("PDF"), result.problem());
        }

        @Test
        void emptyAndNullPagesAreProblemsNotExceptions() {
            assertTrue(extract(new byte[0], "text/html", UNKNOWN, null, List.of(), null).problem().contains("empty"));
            assertNotNull(extract(null, null, null, null, null, null).problem());
            assertNotNull(extract(utf8(article(3)), "text/html", null, null, null, null));
        }

        @Test
        void garbageBytesAreAProblemNeverAnException() {
            Random random = new Random(14);
            for (int i = 0; i < 200; i++) {
                byte[] garbage = new byte[random.nextInt(20_000)];
                random.nextBytes(garbage);

                Extraction result = extract(garbage, i % 2 == 0 ? "text/html" : null, UNKNOWN,
                        i % 3 == 0 ? "p" : null, List.of(), "tóm tắt");

                assertNotNull(result.rule());
                assertTrue(result.found() || result.problem() != null);
            }
        }

        @Test
        void deeplyNestedMarkupIsReadWithoutOverflow() {
            String page = "<html><body>" + "<div>".repeat(100_000) + "<p>" + PARAGRAPH + "</p>" + "</body></html>";

            Extraction result = extract(utf8(page), "text/html", UNKNOWN, null, List.of(), null);

            assertNotNull(result.rule());
        }

        @Test
        void aFiveMegabytePageIsExtractedInLinearTime() {
            StringBuilder page = new StringBuilder(new String(Pages.bytes("unknown-site.html"), StandardCharsets.UTF_8));
            String filler = "<div class=box><p>" + PARAGRAPH + " <a href=/x>liên kết</a></p><ul><li><a href=/y>"
                    + "Một tin khác cùng chuyên mục</a></li></ul></div>";
            int at = page.indexOf("<div class=\"col-4\">");
            StringBuilder fill = new StringBuilder();
            while (page.length() + fill.length() < 5_000_000) {
                fill.append(filler);
            }
            page.insert(at, fill);
            long start = System.nanoTime();

            Extraction result = extract(utf8(page.toString()), "text/html", UNKNOWN, null, List.of(), null);

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("5 MB page: " + took.toMillis() + " ms, " + result.rule() + ", " + result.words()
                    + " words");
            // Generous, to catch a quadratic pass (minutes) rather than to time the code.
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, took.toString());
        }

        @Test
        void aFiveMegabytePageOfInlineScriptStillGivesItsArticle() {
            StringBuilder page = new StringBuilder(new String(Pages.bytes("dantri.html"), StandardCharsets.UTF_8));
            StringBuilder script = new StringBuilder("<script>window.__DATA__ = [");
            while (script.length() < 5_000_000) {
                script.append("{\"id\":1,\"title\":\"Tin số một <b>nổi bật</b>\",\"url\":\"/a.htm\"},");
            }
            page.insert(page.indexOf("</body>"), script.append("{}];</script>"));
            long start = System.nanoTime();

            Extraction result = extract(utf8(page.toString()), "text/html", URI.create("https://dantri.com.vn/a.htm"),
                    null, List.of(), null);

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("5 MB page of script: " + took.toMillis() + " ms, " + result.rule());
            assertEquals("site dantri.com.vn", result.rule());
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, took.toString());
        }
    }
}
