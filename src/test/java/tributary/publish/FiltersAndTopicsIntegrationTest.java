package tributary.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollScheduler;
import tributary.store.ContentChangedEvent;
import tributary.store.ItemReader;
import tributary.store.LeftOutItems;
import tributary.store.StoryFilter;
import tributary.store.StoryPage;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * Filters and topics end to end, from feeds.yml through a real poll of loopback feeds to the published feeds read over
 * HTTP: a feed's keep/block decide what is stored (and the left-out items are counted with their rule), a category's
 * block what its outputs show (at once when it changes), topics and ?q= select stories with Vietnamese-aware
 * matching, ?since= by published date. query-scan-rows is 0, so every query with indexable terms is answered through
 * the FULLTEXT index (two-letter syllables, phrases inside OR groups), and query-max-rows is 4, so pages end early
 * and only walking their next links gives every story: the walk is what the assertions read.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FiltersAndTopicsIntegrationTest implements TestPropertyProvider {

    private static final String TOKEN = "filters-token";
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private static final String CATALOG = """
            categories:
              - slug: thoi-su
                title: Thời sự
                block: ["quảng cáo", "/^\\\\[(PR|QC)\\\\]/"]
              - slug: the-thao
                title: Thể thao
            topics:
              - title: Bão lũ
                slug: bao-lu
                query: 'bão OR lũ OR "áp thấp nhiệt đới" -"bão giá"'
              - title: Đà Nẵng thể thao
                slug: da-nang
                query: 'da nang'
                categories: [the-thao]
            feeds:
              - url: %s
                categories: [thoi-su]
              - url: %s
                categories: [the-thao]
                keep: ["bóng đá", "V-League"]
                block: ["cá cược"]
            """;

    /** The news feed's titles, newest first (an hour apart, the newest an hour before the test clock). */
    private static final List<String> NEWS = List.of(
            "Bão số 12 đổ bộ miền Trung",
            "Lũ lên nhanh ở Quảng Ngãi",
            "Áp thấp nhiệt đới mạnh lên",
            "Bão giá đẩy lạm phát tăng",
            "[PR] Khuyến mãi lớn cuối năm",
            "Quảng cáo trá hình bị xử phạt",
            "Báo chí và mạng xã hội",
            "Lũy tre làng trong bão táp đô thị hoá",
            "Hoà bình ở Trung Đông",
            "Thuỷ điện xả lũ: người dân sơ tán");

    private static final List<String> SPORT = List.of(
            "Bóng đá: SHB Đà Nẵng thắng trận thứ ba",
            "V-League vòng 5: Hà Nội hoà",
            "Cá cược bóng đá trái phép bị bắt",
            "Quần vợt: Nadal giải nghệ");

    private final FixtureFeedServer fixtures = new FixtureFeedServer();
    private final HttpClient http = HttpClient.newHttpClient();
    private FeedsYml file;

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

    @Inject
    LeftOutItems leftOut;

    @Inject
    ItemReader reader;

    @Inject
    ApplicationEventPublisher<ContentChangedEvent> events;

    @Override
    public Map<String, String> getProperties() {
        file = FeedsYml.write(CATALOG.formatted(fixtures.url("news.rss"), fixtures.url("sport.rss")));
        return file.properties("tributary.publish.query-scan-rows", "0", "tributary.publish.query-max-rows", "4",
                "tributary.admin-token", TOKEN);
    }

    @BeforeAll
    void ingest() {
        db.clear();
        clock.set(TestClock.START);
        serve("news.rss", "news", NEWS);
        serve("sport.rss", "sport", SPORT);
        catalog.reload();
        scheduler.pollDueNow();
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
        file.restore();
    }

    /** Each title of NEWS and SPORT is dated by its place there, an hour apart; any other half an hour back. */
    private static Instant dateOf(String title) {
        int i = Math.max(NEWS.indexOf(title), SPORT.indexOf(title));
        return i < 0 ? TestClock.START.minus(Duration.ofMinutes(30)) : TestClock.START.minus(Duration.ofHours(i + 1));
    }

    private void serve(String name, String site, List<String> titles) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>" + site + "</title><link>https://" + site + ".example/</link><description>d</description>\n");
        for (String title : titles) {
            Instant published = dateOf(title);
            int i = Math.abs(title.hashCode());
            xml.append("<item><guid>https://").append(site).append(".example/").append(i).append("</guid><title>")
                    .append(title).append("</title><link>https://").append(site).append(".example/")
                    .append(i).append("</link><description>&lt;p&gt;Tin ").append(i)
                    .append("&lt;/p&gt;</description><pubDate>").append(RFC_1123.format(published))
                    .append("</pubDate></item>\n");
        }
        fixtures.override(name, new FixtureFeedServer.Answer(200, "application/rss+xml; charset=utf-8",
                xml.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode page(String path) throws Exception {
        HttpResponse<byte[]> response = get(path);
        assertEquals(200, response.statusCode(), path + ": " + new String(response.body(), StandardCharsets.UTF_8));
        return json.readValue(response.body(), JsonNode.class);
    }

    /** Every title of the feed at path, following next links; each page's next link keeps the search. */
    private List<String> walk(String path) throws Exception {
        List<String> titles = new ArrayList<>();
        String next = path;
        for (int pages = 0; next != null; pages++) {
            assertTrue(pages < 40, "the walk ends");
            JsonNode page = page(next);
            for (JsonNode item : page.get("items").values()) {
                titles.add(item.get("title").getStringValue());
            }
            JsonNode nextUrl = page.get("next_url");
            next = nextUrl == null ? null : nextUrl.getStringValue().substring(server.getURL().toString().length());
        }
        assertEquals(titles.size(), new HashSet<>(titles).size(), "no story twice: " + titles);
        return titles;
    }

    private static String q(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static List<String> news(int... indexes) {
        List<String> titles = new ArrayList<>();
        for (int i : indexes) {
            titles.add(NEWS.get(i));
        }
        return titles;
    }

    @Nested
    class FeedRules {

        @Test
        void keepAndBlockDecideWhatIsStoredAndEachLeftOutItemIsCountedWithItsRule() throws Exception {
            assertEquals(List.of(SPORT.get(0), SPORT.get(1)), walk("/feeds/the-thao.json"));
            assertEquals(2, db.count("SELECT COUNT(*) FROM item i JOIN feed f ON f.id = i.feed_id "
                    + "WHERE f.url LIKE '%sport.rss'"));
            long sport = db.count("SELECT id FROM feed WHERE url LIKE '%sport.rss'");
            LeftOutItems.Summary summary = leftOut.summary(sport);
            assertEquals(2, summary.items());
            Set<String> rules = new HashSet<>();
            for (LeftOutItems.RuleCount count : summary.byRule()) {
                rules.add(count.list() + ":" + count.rule());
            }
            assertEquals(Set.of("block:cá cược", "keep:null"), rules);

            JsonNode view = json.readValue(get("/admin/feeds/" + sport, "Authorization", "Bearer " + TOKEN).body(),
                    JsonNode.class);
            assertEquals(2, view.get("health").get("left_out").getLongValue());
            assertEquals(2, view.get("left_out").get("items").getLongValue());
            Set<String> titles = new HashSet<>();
            for (JsonNode item : view.get("left_out").get("latest").values()) {
                titles.add(item.get("title").getStringValue());
            }
            assertEquals(Set.of(SPORT.get(2), SPORT.get(3)), titles);
            JsonNode list = json.readValue(get("/admin/feeds", "Authorization", "Bearer " + TOKEN).body(),
                    JsonNode.class);
            for (JsonNode feed : list.values()) {
                boolean isSport = feed.get("id").getLongValue() == sport;
                assertEquals(isSport, feed.get("health").get("left_out") != null, "only a feed with rules counts");
            }
        }

        @Test
        void aSecondPollOfTheSameItemsCountsNoneAgain() {
            long sport = db.count("SELECT id FROM feed WHERE url LIKE '%sport.rss'");
            serve("sport.rss", "sport", SPORT);
            db.update("UPDATE feed SET next_poll_at = ?, etag = NULL, last_modified = NULL, body_hash = NULL",
                    clock.instant());
            scheduler.pollDueNow();
            assertEquals(2, leftOut.summary(sport).items());
        }
    }

    @Nested
    class CategoryBlock {

        @Test
        void itemsMatchingACategorysBlockRulesAreLeftOutOfItsFeedsAndOfEverything() throws Exception {
            List<String> thoiSu = walk("/feeds/thoi-su.json");
            assertEquals(news(0, 1, 2, 3, 6, 7, 8, 9), thoiSu);
            List<String> all = walk("/feeds/all.json");
            assertFalse(all.contains(NEWS.get(4)), all.toString());
            assertFalse(all.contains(NEWS.get(5)), all.toString());
            assertTrue(all.contains(SPORT.get(0)), all.toString());
        }

        @Test
        void aChangedBlockListReachesTheOutputsAtOnceWithoutAPoll() throws Exception {
            try {
                file.rewrite(file.text().replace("block: [\"quảng cáo\", \"/^\\\\[(PR|QC)\\\\]/\"]",
                        "block: [\"xã hội\"]"));
                catalog.reload();
                assertEquals(news(0, 1, 2, 3, 4, 5, 7, 8, 9), walk("/feeds/thoi-su.json"));
            } finally {
                file.restore();
                catalog.reload();
            }
            assertEquals(news(0, 1, 2, 3, 6, 7, 8, 9), walk("/feeds/thoi-su.json"));
        }
    }

    @Nested
    class Topics {

        @Test
        void aTopicListsWhatItsQueryMatchesWithOrAndExclusionsAndWholeSyllables() throws Exception {
            // Not "Bão giá" (excluded), not "Báo chí" (báo is not bão), not "Lũy tre" (lũy is not lũ) though it has
            // "bão táp"; "Thuỷ điện xả lũ" matches lũ.
            List<String> titles = walk("/feeds/bao-lu.json");
            assertEquals(news(0, 1, 2, 7, 9), titles);
        }

        @Test
        void aTopicLooksOnlyInItsCategoriesAndFindsDaNangWithoutDiacritics() throws Exception {
            assertEquals(List.of(SPORT.get(0)), walk("/feeds/da-nang.json"));
        }

        @Test
        void aTopicIsListedLikeACategoryAndAnswers304ToItsValidator() throws Exception {
            JsonNode listing = json.readValue(get("/feeds").body(), JsonNode.class);
            boolean found = false;
            for (JsonNode entry : listing.values()) {
                if (entry.get("slug").getStringValue().equals("bao-lu")) {
                    found = true;
                    assertEquals("topic", entry.get("kind").getStringValue());
                    assertTrue(entry.get("urls").get("rss").getStringValue().endsWith("/feeds/bao-lu.rss"));
                }
            }
            assertTrue(found, "GET /feeds lists the topic");
            assertTrue(new String(get("/feeds.opml").body(), StandardCharsets.UTF_8).contains("/feeds/bao-lu.rss"));
            assertTrue(new String(get("/").body(), StandardCharsets.UTF_8).contains("/feeds/bao-lu.atom"));

            HttpResponse<byte[]> first = get("/feeds/bao-lu.rss");
            assertEquals(200, first.statusCode());
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertEquals(304, get("/feeds/bao-lu.rss", "If-None-Match", etag).statusCode());
        }

        @Test
        void aNewMatchingItemReachesTheTopicAfterItsPoll() throws Exception {
            List<String> more = new ArrayList<>(NEWS);
            more.add(0, "Mưa lũ kéo dài");
            try {
                serve("news.rss", "news", more);
                db.update("UPDATE feed SET next_poll_at = ?, etag = NULL, last_modified = NULL, body_hash = NULL",
                        clock.instant());
                scheduler.pollDueNow();
                assertEquals("Mưa lũ kéo dài", walk("/feeds/bao-lu.json").get(0));
            } finally {
                db.update("DELETE FROM item WHERE title = ?", "Mưa lũ kéo dài");
                serve("news.rss", "news", NEWS);
                // Deleted behind the service's back: every cached page is dropped as after a catalog change.
                events.publishEvent(new ContentChangedEvent(null));
            }
        }
    }

    @Nested
    class Search {

        @Test
        void aTermWithoutDiacriticsFindsEveryAccentAndOneWithThemOnlyThose() throws Exception {
            // bao: Bão ×2 (and "bão táp"), Báo; bão: not Báo.
            assertEquals(news(0, 3, 6, 7), walk("/feeds/thoi-su.json?q=bao"));
            assertEquals(news(0, 3, 7), walk("/feeds/thoi-su.json?q=" + q("bão")));
        }

        @Test
        void bothTonePlacementsAreOneWord() throws Exception {
            assertEquals(news(8), walk("/feeds/thoi-su.json?q=" + q("hòa")));
            assertEquals(news(9), walk("/feeds/all.json?q=" + q("thủy")));
        }

        @Test
        void prefixesPhrasesAndRegexesWorkOnEveryOutputWithPaging() throws Exception {
            assertEquals(news(1), walk("/feeds/thoi-su.json?limit=1&q=" + q("title:lũ -thuỷ")));
            assertEquals(news(2), walk("/feeds/all.json?q=" + q("\"nhiệt đới\"")));
            assertEquals(List.of(SPORT.get(1)), walk("/feeds/all.json?q=" + q("/^V-League/")));
            assertEquals(news(0), walk("/feeds/bao-lu.json?limit=1&q=" + q("bão -táp")));
        }

        @Test
        void aRegexIsFoundThroughTheIndexByTheEndsAndStartsOfItsWords() throws Exception {
            // query-scan-rows is 0: the index is asked first, for the words at a literal's open sides as word ends
            // (the words of the vocabulary ending in "ũ") and word starts (tokens starting with len), then the regex
            // tests each row.
            assertEquals(news(1), walk("/feeds/all.json?q=" + q("/ũ lên/")));
            assertEquals(news(2), walk("/feeds/thoi-su.json?q=" + q("/NHIỆT Đ[ỚO]I/")));
            assertEquals(news(0, 1, 3, 7), walk("/feeds/thoi-su.json?q=" + q("/(bão|lũ) /")));
            assertEquals(news(9), walk("/feeds/all.json?limit=1&q=" + q("/ện xả/")));
            assertEquals(List.of(), walk("/feeds/all.json?q=" + q("/ện xả lũy/")));
            // The oldest item is past the 4 rows a page may read as they come: only the index finds it on page one.
            assertEquals(news(9), titles(page("/feeds/all.json?q=" + q("/ện xả/"))));
            assertEquals(news(0, 9), titles(page("/feeds/all.json?q=" + q("/ện XẢ|số 12 đổ/"))));
            // A piece inside one word: the vocabulary's words holding it ("thuỷ"), then their token.
            assertEquals(news(9), titles(page("/feeds/all.json?q=" + q("/huỷ/"))));
            assertEquals(news(9), titles(page("/feeds/all.json?q=" + q("/HUỶ Đ/"))));
            assertEquals(List.of(), walk("/feeds/all.json?q=" + q("/huỳ/")), "another tone: no word holds it");
            // No literal, but found only inside words: the vocabulary's words it is found in ("thuỷ").
            assertEquals(news(9), titles(page("/feeds/all.json?q=" + q("/\\p{L}ỷ/"))));
        }

        private List<String> titles(JsonNode page) {
            List<String> titles = new ArrayList<>();
            JsonNode items = page.get("items");
            for (int i = 0; i < items.size(); i++) {
                titles.add(items.get(i).get("title").getStringValue());
            }
            return titles;
        }

        @Test
        void aTopicNarrowedByQAndSinceTakesBoth() throws Exception {
            // Within 3 hours of the clock: the three newest news items, all in the topic.
            assertEquals(news(0, 1, 2), walk("/feeds/bao-lu.json?since=3h"));
            assertEquals(news(1), walk("/feeds/bao-lu.json?since=3h&q=" + q("quảng ngãi")));
            String date = TestClock.START.minus(Duration.ofMinutes(150)).toString();
            assertEquals(news(0, 1), walk("/feeds/thoi-su.json?since=" + q(date)));
        }

        @Test
        void theNextLinkCarriesTheSearch() throws Exception {
            JsonNode first = page("/feeds/thoi-su.json?limit=1&q=bao&since=1w");
            String next = first.get("next_url").getStringValue();
            assertTrue(next.contains("q=bao") && next.contains("since=1w") && next.contains("limit=1"), next);
        }

        @Test
        void aBadQueryOrSinceIsRefusedWithAProblemSayingWhy() throws Exception {
            HttpResponse<byte[]> quote = get("/feeds/all.json?q=" + q("\"bão lũ"));
            assertEquals(400, quote.statusCode());
            assertTrue(quote.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(new String(quote.body(), StandardCharsets.UTF_8).contains("never closed"));
            HttpResponse<byte[]> regex = get("/feeds/all.json?q=" + q("/(unclosed/"));
            assertEquals(400, regex.statusCode());
            HttpResponse<byte[]> since = get("/feeds/all.json?since=yesterday");
            assertEquals(400, since.statusCode());
            assertTrue(new String(since.body(), StandardCharsets.UTF_8).contains("RFC 3339"));
        }

        @Test
        void aPageThatSpentItsTimeBudgetEndsWithANextLink() {
            StoryFilter.CopyTest every = (feedId, text) -> true;
            StoryPage unbounded = reader.newestStories(new StoryFilter(null, null, every, null, 0, 1000, null), 5, null);
            assertEquals(5, unbounded.storyHashes().size());
            StoryPage spent = reader.newestStories(new StoryFilter(null, null, every, null, 0, 1000,
                    Duration.ofNanos(1)), 5, null);
            assertEquals(1, spent.storyHashes().size(), "the budget ends the page after the first row");
            assertNotNull(spent.next());
            assertEquals(unbounded.storyHashes().get(1), reader.newestStories(new StoryFilter(null, null, every, null,
                    0, 1000, Duration.ofNanos(1)), 5, spent.next()).storyHashes().get(0), "the next page goes on");
        }

        @Test
        void aPageThatReachedItsRowBoundEndsWithANextLink() throws Exception {
            // A regex with nothing the index can use (one letter ending a word, then a colon): with query-max-rows 4
            // the first page ends after 4 rows, short of the oldest item, the only match.
            JsonNode first = page("/feeds/all.json?q=" + q("/ũ:/"));
            assertEquals(0, first.get("items").size());
            assertNotNull(first.get("next_url"), "a bounded page says where to go on");
            assertEquals(news(9), walk("/feeds/all.json?q=" + q("/ũ:/")));
        }
    }
}
