package tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollOutcome;
import tributary.poll.PollScheduler;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * The whole pipeline against real parts: feeds.yml → fixture feeds on a loopback HTTP server → MariaDB →
 * merged RSS read back with Rome and JSON Feed read back with a JSON parser.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIntegrationTest implements TestPropertyProvider {

    private final FixtureFeedServer fixtures = new FixtureFeedServer();
    private FeedsYml feedsYml;

    @Inject
    @Client("/")
    HttpClient http;

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
        feedsYml = FeedsYml.write("""
                categories:
                  - title: Thời sự
                  - title: Hà Nội
                  - title: Xã hội
                  - title: Thế giới
                    description: World news
                feeds:
                  - url: %s
                    categories: [thoi-su]
                  - url: %s
                    categories: [Hà Nội, thoi-su]
                  - url: %s
                    title: PNTĐ – Xã hội
                    categories: [xa-hoi]
                    interval: 30m
                  - url: %s
                    categories: [the-gioi]
                  - url: %s
                    categories: [xa-hoi]
                """.formatted(fixtures.url("vnexpress-thoi-su.rss"), fixtures.url("vnexpress-ha-noi.rss"),
                fixtures.url("pntd-xa-hoi.atom"), fixtures.url("world.json"), fixtures.url("not-a-feed.html")));
        return feedsYml.properties();
    }

    @BeforeAll
    void freshDatabase() {
        // A database kept from an earlier run (or a shared external server) starts empty here.
        db.clear();
        catalog.reload();
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    @Test
    @Order(1)
    void firstPollStoresEveryItemAndRecordsTheBrokenFeedsError() {
        List<PollOutcome> outcomes = scheduler.pollDueNow();

        assertEquals(5, outcomes.size());
        assertEquals(4, outcomes.stream().filter(o -> o.result() == PollOutcome.Result.UPDATED).count());
        PollOutcome broken = outcomes.stream().filter(o -> o.url().endsWith("not-a-feed.html")).findFirst().orElseThrow();
        assertEquals(PollOutcome.Result.FAILED, broken.result());
        assertEquals(9, db.count("SELECT COUNT(*) FROM item"));
        String error = db.string("SELECT last_error FROM feed WHERE url LIKE '%not-a-feed.html'");
        assertNotNull(error);
        assertTrue(error.startsWith("not an RSS or Atom feed"), error);
        assertEquals(1, db.count("SELECT consecutive_failures FROM feed WHERE url LIKE '%not-a-feed.html'"));
    }

    @Test
    @Order(2)
    void categoryRssMergesBothSectionsNewestFirstWithOneEntryPerStory() throws Exception {
        HttpResponse<byte[]> response = http.toBlocking().exchange(HttpRequest.GET("/feeds/thoi-su.rss"), byte[].class);

        assertEquals("application/rss+xml; charset=utf-8", response.getHeaders().get("Content-Type"));
        SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
        assertEquals("rss_2.0", feed.getFeedType());
        assertEquals("Thời sự", feed.getTitle());
        List<String> titles = feed.getEntries().stream().map(SyndEntry::getTitle).toList();
        assertEquals(List.of(
                "Hà Nội quyết tâm triển khai Chương trình hành động của Chính phủ",
                "Phố đi bộ Hồ Gươm mở cửa trở lại",
                "Năm 2021 là năm của quy hoạch",
                "Người dân đón Tết Nguyên đán Tân Sửu an toàn"), titles);
        // The fixture wrote the last title decomposed (NFD); we publish it composed, byte for byte.
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("Người dân đón Tết Nguyên đán Tân Sửu an toàn"));
        SyndEntry first = feed.getEntries().get(0);
        assertEquals("https://vnexpress.example/ha-noi-quyet-tam-trien-khai-4001.html?utm_source=rss&utm_medium=feed",
                first.getLink());
        assertEquals("2026-01-28T07:30:00Z", first.getPublishedDate().toInstant().toString());
        assertEquals("Phương Lan", first.getAuthor());
        String description = first.getDescription().getValue();
        assertTrue(description.contains("HĐND"), description);
        assertTrue(!description.contains("<script") && !description.contains("pixel.gif"), description);
        String second = feed.getEntries().get(2).getDescription().getValue();
        assertTrue(second.contains("href=\"https://vnexpress.example/tin-lien-quan.html\""), second);
        assertTrue(!second.contains("onclick"), second);
    }

    @Test
    @Order(3)
    void categoryJsonFeedListsEverySourceOfAMergedStory() throws Exception {
        HttpResponse<byte[]> response = http.toBlocking().exchange(HttpRequest.GET("/feeds/thoi-su.json"), byte[].class);

        assertEquals("application/feed+json; charset=utf-8", response.getHeaders().get("Content-Type"));
        JsonNode feed = json.readValue(response.body(), JsonNode.class);
        assertEquals("https://jsonfeed.org/version/1.1", feed.get("version").getStringValue());
        assertEquals("Thời sự", feed.get("title").getStringValue());
        assertTrue(feed.get("feed_url").getStringValue().endsWith("/feeds/thoi-su.json"));
        JsonNode items = feed.get("items");
        assertEquals(4, items.size());
        JsonNode first = items.get(0);
        assertEquals("Hà Nội quyết tâm triển khai Chương trình hành động của Chính phủ",
                first.get("title").getStringValue());
        assertEquals("2026-01-28T07:30:00Z", first.get("date_published").getStringValue());
        JsonNode sources = first.get("_tributary").get("sources");
        assertEquals(2, sources.size());
        List<String> sourceTitles = new ArrayList<>();
        for (JsonNode source : sources.values()) {
            sourceTitles.add(source.get("feed_title").getStringValue());
        }
        assertEquals(List.of("Thời sự - VnExpress RSS", "Hà Nội - VnExpress RSS"), sourceTitles);
        assertEquals("Phố đi bộ Hồ Gươm mở cửa trở lại", items.get(1).get("title").getStringValue());
    }

    @Test
    @Order(4)
    void allMergesEveryCategoryAndRespectsLimit() throws Exception {
        JsonNode all = json.readValue(http.toBlocking().retrieve(HttpRequest.GET("/feeds/all.json"), byte[].class),
                JsonNode.class);
        List<String> titles = new ArrayList<>();
        for (JsonNode item : all.get("items").values()) {
            titles.add(item.get("title").getStringValue());
        }
        assertEquals(List.of(
                "Hà Nội quyết tâm triển khai Chương trình hành động của Chính phủ",
                "Leaders meet in Hà Nội for regional summit",
                "Phố đi bộ Hồ Gươm mở cửa trở lại",
                "Sở Công Thương bàn sâu về thu chi ngân sách",
                "Năm 2021 là năm của quy hoạch",
                "Người dân đón Tết Nguyên đán Tân Sửu an toàn",
                "Markets steady ahead of Lunar New Year",
                "Đời sống người lao động dịp cuối năm"), titles);

        SyndFeed limited = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(
                http.toBlocking().retrieve(HttpRequest.GET("/feeds/all.rss?limit=3"), byte[].class))));
        assertEquals(3, limited.getEntries().size());
        assertEquals("Phố đi bộ Hồ Gươm mở cửa trở lại", limited.getEntries().get(2).getTitle());
    }

    @Test
    @Order(5)
    void feedsListsCategoriesWithCountsAndSubscriptionUrls() throws Exception {
        JsonNode list = json.readValue(http.toBlocking().retrieve(HttpRequest.GET("/feeds"), byte[].class),
                JsonNode.class);
        Map<String, JsonNode> bySlug = new java.util.LinkedHashMap<>();
        for (JsonNode category : list.values()) {
            bySlug.put(category.get("slug").getStringValue(), category);
        }
        assertEquals(List.of("thoi-su", "ha-noi", "xa-hoi", "the-gioi", "all"), List.copyOf(bySlug.keySet()));
        assertEquals(5, bySlug.get("thoi-su").get("item_count").getLongValue());
        assertEquals(2, bySlug.get("ha-noi").get("item_count").getLongValue());
        assertEquals("World news", bySlug.get("the-gioi").get("description").getStringValue());
        assertTrue(bySlug.get("xa-hoi").get("urls").get("rss").getStringValue().endsWith("/feeds/xa-hoi.rss"));
        assertEquals(9, bySlug.get("all").get("item_count").getLongValue());
    }

    @Test
    @Order(6)
    void pollingAgainStoresNothingTwiceAndUpdatesAChangedItemInPlace() throws Exception {
        assertTrue(scheduler.pollDueNow().isEmpty(), "nothing is due before its interval has passed");

        clock.advance(Duration.ofMinutes(16));
        List<PollOutcome> second = scheduler.pollDueNow();
        // The PNTĐ feed polls every 30m and is not due yet; the broken feed backs off one interval.
        assertEquals(4, second.size());
        assertEquals(0, second.stream().mapToInt(PollOutcome::inserted).sum());
        assertEquals(0, second.stream().mapToInt(PollOutcome::updated).sum());
        assertEquals(9, db.count("SELECT COUNT(*) FROM item"));

        String changed = new String(getClass().getResourceAsStream("/feeds/vnexpress-ha-noi.rss").readAllBytes(),
                StandardCharsets.UTF_8).replace("Phố đi bộ Hồ Gươm mở cửa trở lại", "Phố đi bộ Hồ Gươm mở cửa từ tối nay");
        fixtures.override("vnexpress-ha-noi.rss", new FixtureFeedServer.Answer(200, "application/rss+xml",
                changed.getBytes(StandardCharsets.UTF_8)));
        clock.advance(Duration.ofMinutes(16));
        List<PollOutcome> third = scheduler.pollDueNow();
        assertEquals(1, third.stream().mapToInt(PollOutcome::updated).sum());
        assertEquals(0, third.stream().mapToInt(PollOutcome::inserted).sum());
        assertEquals(9, db.count("SELECT COUNT(*) FROM item"));

        JsonNode feed = json.readValue(http.toBlocking().retrieve(HttpRequest.GET("/feeds/ha-noi.json"), byte[].class),
                JsonNode.class);
        JsonNode item = feed.get("items").get(1);
        assertEquals("Phố đi bộ Hồ Gươm mở cửa từ tối nay", item.get("title").getStringValue());
        assertNotNull(item.get("date_modified"));
        assertEquals("2026-01-28T04:00:00Z", item.get("date_published").getStringValue());
    }

    @Test
    @Order(7)
    void unknownCategoryAndBadLimitAnswerWithAProblemAPersonCanActOn() {
        HttpClientResponseException notFound = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/feeds/sport.rss"), String.class));
        assertEquals(HttpStatus.NOT_FOUND, notFound.getStatus());
        String detail = notFound.getResponse().getBody(Argument.of(String.class)).orElse("");
        assertTrue(detail.contains("There is no category 'sport'"), detail);

        HttpClientResponseException badLimit = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/feeds/thoi-su.rss?limit=lots"), String.class));
        assertEquals(HttpStatus.BAD_REQUEST, badLimit.getStatus());

        HttpClientResponseException badFormat = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/feeds/thoi-su.xml"), String.class));
        assertEquals(HttpStatus.NOT_FOUND, badFormat.getStatus());
    }

    @Test
    @Order(8)
    void aBrokenFeedsFileIsRefusedWithItsLineAndTheLastGoodListStays() throws Exception {
        String good = Files.readString(feedsYml.path());
        feedsYml.rewrite(good.replace("categories: [the-gioi]", "categories: [the-thao]"));

        assertTrue(catalog.reload().isEmpty());

        String problem = catalog.lastProblem().orElseThrow();
        assertTrue(problem.contains(":17: unknown category 'the-thao'"), problem);
        assertEquals(5, db.count("SELECT COUNT(*) FROM feed"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM feed_category fc JOIN category c ON c.id = fc.category_id "
                + "WHERE c.slug = 'the-gioi'"));
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/feeds/the-gioi.rss"), byte[].class)
                .getStatus());

        feedsYml.rewrite(good);
        assertTrue(catalog.reload().isPresent());
        assertTrue(catalog.lastProblem().isEmpty());
    }
}
