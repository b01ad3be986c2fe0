package tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollScheduler;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * The reader pages over HTTP after a real poll of the fixture news: headlines and sources, paging by the feeds'
 * cursor, caching, gzip, the security headers, the language by Accept-Language, relative times, 404s and page weight.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReaderPagesIntegrationTest implements TestPropertyProvider {

    /** The bound on HTML plus CSS before images. */
    static final int MAX_PAGE_BYTES = 60 * 1024;

    private final FixtureFeedServer fixtures = new FixtureFeedServer();
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Inject
    PollScheduler scheduler;

    @Inject
    CatalogLoader catalog;

    @Inject
    Database db;

    @Inject
    TestClock clock;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(ReaderFixtures.serve(fixtures)).properties();
    }

    @BeforeAll
    void ingest() {
        db.clear();
        clock.set(TestClock.START);
        catalog.reload();
        scheduler.pollDueNow();
    }

    @AfterEach
    void resetClock() {
        clock.set(TestClock.START);
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String html(String path, String language) throws Exception {
        HttpResponse<byte[]> response = get(path, "Accept-Language", language);
        assertEquals(200, response.statusCode(), path);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<String> riverTitles(String html) {
        Matcher m = Pattern.compile("<article class=\"story[^\"]*\">\\s*<h2><a href=\"[^\"]*\">([^<]*)</a>").matcher(html);
        List<String> titles = new ArrayList<>();
        while (m.find()) {
            titles.add(m.group(1));
        }
        return titles;
    }

    @Nested
    class FrontPage {

        @Test
        void showsEverySectionWithItsLatestHeadlinesAndSubscribeLinks() throws Exception {
            String html = html("/", "vi");
            for (String section : List.of("Thời sự", "Thể thao", "Công nghệ", "Hà Nội", "Tất cả tin")) {
                assertTrue(html.contains("\">" + section + "</a></h2>"), section);
            }
            assertTrue(html.contains(ReaderFixtures.SHARED_TITLE));
            assertTrue(html.contains(ReaderFixtures.SHARED_SOURCES), "both sources, by feed title");
            assertTrue(html.contains("Chưa có tin"), "an empty category says so");
            for (String slug : List.of("thoi-su", "the-thao", "cong-nghe", "ha-noi", "all")) {
                for (String type : List.of("rss", "atom", "json")) {
                    String url = server.getURL() + "/feeds/" + slug + "." + type;
                    assertTrue(html.contains("<link rel=\"alternate\" type=\"application/")
                            && html.contains("href=\"" + url + "\">"), url);
                }
            }
            assertTrue(html.contains("href=\"" + server.getURL() + "/feeds.opml\""));
            int sports = html.indexOf("id=\"s-the-thao\"");
            String sportsSection = html.substring(sports, html.indexOf("</section>", sports));
            assertEquals(FrontPageWriter.HEADLINES, count(sportsSection, "<li class=\"headline"));
            assertTrue(sportsSection.contains("Vòng 1 V-League"), "newest first");
        }

        @Test
        void showsThumbnailsLazilyWithoutReferrer() throws Exception {
            String html = html("/", "vi");
            Matcher img = Pattern.compile("<img class=\"thumb\" src=\"([^\"]+)\"[^>]*>").matcher(html);
            assertTrue(img.find(), html);
            assertTrue(img.group(1).startsWith(fixtures.address("/img/")), img.group(1));
            assertTrue(img.group().contains("loading=\"lazy\"") && img.group().contains("referrerpolicy=\"no-referrer\"")
                    && img.group().contains("alt=\"\""), img.group());
            assertFalse(html.contains("pixel.gif"), "a 1×1 tracking pixel is no thumbnail");
        }

        @Test
        void keepsPublishedTextEscapedAndHonoursBlockRules() throws Exception {
            for (String path : List.of("/", "/c/thoi-su", "/c/all")) {
                String html = html(path, "vi");
                assertTrue(html.contains("Giá xăng &lt; 20.000 đồng &amp; &quot;giảm&quot;:"), path);
                assertFalse(html.contains("<script") || html.contains("alert(1)"), path);
                assertFalse(html.contains("style=\""), path + ": no style attribute, as the CSP forbids them");
                assertFalse(html.contains(ReaderFixtures.BLOCKED_TITLE), path + ": thoi-su blocks quảng cáo");
            }
        }
    }

    @Nested
    class River {

        @Test
        void listsStoriesNewestFirstWithLeadPictureTimeAndEverySource() throws Exception {
            String html = html("/c/thoi-su", "vi");
            assertEquals(List.of(ReaderFixtures.SHARED_TITLE, "Mưa lớn kéo dài ở miền Trung, nhiều tuyến đường ngập sâu",
                    "Giá xăng &lt; 20.000 đồng &amp; &quot;giảm&quot;: người dân đổ xăng trước giờ điều chỉnh",
                    "Đà Nẵng đón chuyến tàu du lịch quốc tế đầu năm", "Khai mạc Hội báo Xuân Bính Ngọ tại Hà Nội"),
                    riverTitles(html));
            assertEquals(1, count(html, ReaderFixtures.SHARED_TITLE + "</a>"), "one story from two feeds");
            assertTrue(html.contains("<span class=\"sources\">" + ReaderFixtures.SHARED_SOURCES + "</span>"));
            assertTrue(html.contains("<p class=\"lead\">Sáng nay, cây cầu vượt sông Hồng"));
            assertTrue(html.contains("mười phút.</p>"), "a short lead whole");
            Matcher lead = Pattern.compile("<p class=\"lead\">(Đài Khí tượng[^<]*)</p>").matcher(html);
            assertTrue(lead.find());
            assertTrue(lead.group(1).endsWith("…") && lead.group(1).length() <= StoryCards.LEAD_CHARS + 1, lead.group(1));
            assertTrue(html.contains("<img class=\"picture\" src=\"" + fixtures.address("/img/mua.png") + "\""),
                    "the first real picture of the summary");
            assertTrue(html.contains("<h1>Thời sự</h1>"));
            assertEquals(1, count(html, "<h1"));
            assertTrue(html.contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Thời sự (RSS)\" href=\""
                    + server.getURL() + "/feeds/thoi-su.rss\">"));
            assertEquals(3, count(html, "<link rel=\"alternate\""), "its own three feeds");
        }

        @Test
        void pagesByTheFeedsCursor() throws Exception {
            String first = html("/c/the-thao", "vi");
            assertEquals(RiverPageWriter.PAGE_SIZE, riverTitles(first).size());
            Matcher next = Pattern.compile("<a rel=\"next\" href=\"/c/the-thao\\?before=([0-9-]+)\">").matcher(first);
            assertTrue(next.find(), "a link to older stories");
            JsonNode feed = json.readValue(get("/feeds/the-thao.json?limit=" + RiverPageWriter.PAGE_SIZE).body(),
                    JsonNode.class);
            assertTrue(feed.get("next_url").getStringValue().endsWith("before=" + next.group(1)),
                    "the same cursor as the feed's next page");

            String second = html("/c/the-thao?before=" + next.group(1), "vi");
            List<String> older = riverTitles(second);
            assertEquals(ReaderFixtures.SPORTS_ITEMS - RiverPageWriter.PAGE_SIZE, older.size());
            Set<String> seen = new HashSet<>(riverTitles(first));
            for (String title : older) {
                assertTrue(seen.add(title), "on one page only: " + title);
            }
            assertFalse(second.contains("rel=\"next\""), "the last page");
            assertTrue(second.contains("<a href=\"/c/the-thao\">Tin mới nhất</a>"));
        }

        @Test
        void servesTopicsAndAll() throws Exception {
            String topic = html("/c/ha-noi", "vi");
            assertTrue(topic.contains("<h1>Hà Nội</h1>") && topic.contains("Chủ đề: hà nội"));
            assertTrue(riverTitles(topic).contains(ReaderFixtures.SHARED_TITLE));
            assertFalse(riverTitles(topic).contains("Đà Nẵng đón chuyến tàu du lịch quốc tế đầu năm"));
            String all = html("/c/all", "en");
            assertTrue(all.contains("<h1>All news</h1>"));
            assertEquals(RiverPageWriter.PAGE_SIZE, riverTitles(all).size());
        }

        @Test
        void answersAnHtml404ForAnUnknownSlugAnd400ForABadCursor() throws Exception {
            HttpResponse<byte[]> missing = get("/c/khong-co", "Accept-Language", "en");
            assertEquals(404, missing.statusCode());
            String body = new String(missing.body(), StandardCharsets.UTF_8);
            assertTrue(body.contains("<html lang=\"en\">") && body.contains("“khong-co”"), body);
            assertEquals(ReaderResponses.CSP, missing.headers().firstValue("Content-Security-Policy").orElseThrow());
            assertTrue(missing.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
            assertEquals(404, get("/c/" + "x".repeat(300)).statusCode());
            assertEquals(404, get("/c/%3Cscript%3E").statusCode());
            assertFalse(new String(get("/c/%3Cscript%3E").body(), StandardCharsets.UTF_8).contains("<script>"));
            assertEquals(400, get("/c/thoi-su?before=yesterday").statusCode());
        }
    }

    @Nested
    class Serving {

        @ParameterizedTest
        @ValueSource(strings = {"/", "/c/thoi-su", "/c/all"})
        void answersNotModifiedWhenTheEtagMatchesAndGzipsWhenAsked(String path) throws Exception {
            HttpResponse<byte[]> page = get(path);
            String etag = page.headers().firstValue("ETag").orElseThrow();
            assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
            HttpResponse<byte[]> again = get(path, "If-None-Match", etag);
            assertEquals(304, again.statusCode());
            assertEquals(0, again.body().length);

            HttpResponse<byte[]> gzipped = get(path, "Accept-Encoding", "gzip");
            assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElseThrow());
            byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes();
            assertEquals(new String(page.body(), StandardCharsets.UTF_8), new String(unzipped, StandardCharsets.UTF_8));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/", "/c/thoi-su", "/c/all", "/c/khong-co"})
        void sendsAStrictContentSecurityPolicyAndVariesByLanguage(String path) throws Exception {
            HttpResponse<byte[]> page = get(path);
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            for (String directive : List.of("default-src 'none'", "style-src 'self'", "img-src 'self' https: http:",
                    "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'")) {
                assertTrue(csp.contains(directive), directive);
            }
            assertFalse(csp.contains("script-src") || csp.contains("unsafe"), csp);
            String vary = String.join(",", page.headers().allValues("Vary"));
            assertTrue(vary.contains("Accept-Language") && vary.contains("Accept-Encoding"), vary);
        }

        @Test
        void servesTheStylesheetFromOurOriginWithALongCache() throws Exception {
            String html = html("/", "vi");
            Matcher href = Pattern.compile("<link rel=\"stylesheet\" href=\"(/assets/site\\.css\\?v=[0-9a-f]{12})\">")
                    .matcher(html);
            assertTrue(href.find(), "a same-origin stylesheet named by its content");
            HttpResponse<byte[]> css = get(href.group(1));
            assertEquals(200, css.statusCode());
            assertTrue(css.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
            assertTrue(css.headers().firstValue("Cache-Control").orElseThrow().contains("max-age=31536000"));
            assertEquals(304, get(href.group(1), "If-None-Match", css.headers().firstValue("ETag").orElseThrow())
                    .statusCode());
        }

        @ParameterizedTest
        @ValueSource(strings = {"/", "/c/all", "/c/thoi-su", "/c/the-thao"})
        void weighsUnder60KilobytesOfHtmlAndCss(String path) throws Exception {
            int htmlBytes = get(path).body().length;
            int cssBytes = get(SiteStylesheet.PATH).body().length;
            System.out.printf("page weight %s: %d bytes HTML + %d bytes CSS = %d%n", path, htmlBytes, cssBytes,
                    htmlBytes + cssBytes);
            assertTrue(htmlBytes + cssBytes < MAX_PAGE_BYTES, path + ": " + (htmlBytes + cssBytes) + " bytes");
        }
    }

    @Nested
    class Language {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "vi-VN,vi;q=0.9,en;q=0.5 | vi | 3 phút trước",
                "en-US,en;q=0.9           | en | 3 minutes ago",
                "fr                       | vi | 3 phút trước",
                "fr, en;q=0.8             | en | 3 minutes ago",
                "vi;q=0.3, en;q=0.9       | en | 3 minutes ago",
                "en;q=0, vi               | vi | 3 phút trước"})
        void followsAcceptLanguage(String acceptLanguage, String lang, String threeMinutesAgo) throws Exception {
            HttpResponse<byte[]> response = get("/c/thoi-su", "Accept-Language", acceptLanguage);
            String html = new String(response.body(), StandardCharsets.UTF_8);
            assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"" + lang + "\">"), html.substring(0, 60));
            assertTrue(html.contains(">" + threeMinutesAgo + "</time>"), threeMinutesAgo);
            assertEquals(lang, response.headers().firstValue("Content-Language").orElseThrow());
        }

        @Test
        void givesDifferentEtagsPerLanguage() throws Exception {
            assertNotEquals(get("/", "Accept-Language", "vi").headers().firstValue("ETag"),
                    get("/", "Accept-Language", "en").headers().firstValue("ETag"));
        }

        @Test
        void countsRelativeTimesFromTheClockInTheDisplayZone() throws Exception {
            String vi = html("/c/thoi-su", "vi");
            // 18:57 in Hà Nội is 11:57 UTC, three minutes before the test clock.
            assertTrue(vi.contains("<time datetime=\"2026-01-28T11:57:00Z\" title=\"18:57, 28/01/2026\">3 phút trước</time>"),
                    vi);
            assertTrue(vi.contains(">2 ngày trước</time>") && vi.contains(">10/01/2026</time>"));
            String en = html("/c/thoi-su", "en");
            assertTrue(en.contains("title=\"28 Jan 2026, 18:57\">3 minutes ago</time>"), en);
            assertTrue(en.contains(">2 days ago</time>") && en.contains(">10 Jan 2026</time>"));

            clock.advance(Duration.ofHours(2));
            assertTrue(html("/c/thoi-su", "vi").contains(">2 giờ trước</time>"), "a new minute renders anew");
            assertTrue(html("/c/thoi-su", "en").contains(">2 hours ago</time>"));
            clock.set(TestClock.START.plusSeconds(20));
            assertTrue(html("/c/thoi-su", "en").contains(">3 minutes ago</time>"));
        }
    }
}
