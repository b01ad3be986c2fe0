package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
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
import tributary.normalize.HostileMarkup;
import tributary.poll.PollOutcome;
import tributary.poll.PollScheduler;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * Two section feeds of one Vietnamese site ("Đời sống", "Thời sự") carrying the same articles under other guids,
 * tracking parameters, a decomposed title and Vietnamese dates, through a loopback server into MariaDB and out.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossFeedStoryIntegrationTest implements TestPropertyProvider {

    private final FixtureFeedServer fixtures = new FixtureFeedServer();

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
        // A free port: other engineers' test runs share this machine.
        return FeedsYml.write("""
                categories:
                  - title: Đời sống
                  - title: Thời sự
                feeds:
                  - url: %s
                    categories: [Đời sống]
                  - url: %s
                    categories: [thoi-su]
                """.formatted(fixtures.url("tintuc-doi-song.rss"), fixtures.url("tintuc-thoi-su.rss")))
                .properties("micronaut.server.port", "-1");
    }

    @BeforeAll
    void freshDatabase() {
        clock.set(TestClock.START);
        db.clear();
        catalog.reload();
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    private JsonNode get(String path) throws IOException {
        return json.readValue(http.toBlocking().retrieve(HttpRequest.GET(path), byte[].class), JsonNode.class);
    }

    @Test
    @Order(1)
    void storesEveryItemAndJoinsTheCopiesOfOneArticle() {
        List<PollOutcome> outcomes = scheduler.pollDueNow();

        assertEquals(2, outcomes.size());
        assertTrue(outcomes.stream().allMatch(o -> o.result() == PollOutcome.Result.UPDATED), outcomes::toString);
        assertEquals(7, db.count("SELECT COUNT(*) FROM item"));
        // Same canonical URL (tracking parameters, port, case, fragment aside), and same title within 48 h:
        // 7 items, 5 stories; the weather titles are 6 days apart and stay two stories.
        assertEquals(5, db.count("SELECT COUNT(DISTINCT story_hash) FROM item"));
    }

    @Test
    @Order(2)
    void publishesOneStoryPerArticleWithBothSectionsAsSources() throws IOException {
        JsonNode items = get("/feeds/all.json").get("items");
        List<String> titles = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        for (JsonNode item : items.values()) {
            titles.add(item.get("title").getStringValue());
            sources.add(item.get("_tributary").get("sources").size());
        }
        assertEquals(List.of(
                "Gia đình trẻ và chuyện đón Tết xa quê",
                "Chợ hoa ngày Tết đông nghịt người",
                "Dự báo thời tiết dịp Tết",
                "Giá thực phẩm tăng nhẹ trước Tết",
                "Dự báo thời tiết dịp Tết"), titles);
        assertEquals(List.of(2, 2, 1, 1, 1), sources);
        // The decomposed title of the Đời sống feed is published composed.
        assertEquals(Normalizer.normalize(titles.get(1), Normalizer.Form.NFC), titles.get(1));
    }

    @Test
    @Order(3)
    void readsVietnameseDatesAtPlusSeven() throws IOException {
        JsonNode items = get("/feeds/doi-song.json").get("items");
        assertEquals("Đời sống", get("/feeds/doi-song.json").get("title").getStringValue());
        assertEquals("2026-01-28T07:30:00Z", items.get(0).get("date_published").getStringValue());
        assertEquals("2026-01-28T02:15:00Z", items.get(1).get("date_published").getStringValue());
        assertEquals("2026-01-26T17:00:00Z", items.get(2).get("date_published").getStringValue());
        assertEquals("2026-01-22T01:00:00Z", items.get(3).get("date_published").getStringValue());
    }

    @Test
    @Order(4)
    void storesNoMarkupTheSanitizerMustRemove() {
        long hostile = db.count("SELECT COUNT(*) FROM item WHERE content LIKE '%script%' OR content LIKE '%onclick%'"
                + " OR content LIKE '%p.gif%' OR content LIKE '%javascript:%'"
                + " OR summary LIKE '%script%' OR summary LIKE '%onclick%' OR summary LIKE '%p.gif%' OR summary LIKE '%javascript:%'");
        assertEquals(0, hostile);
        String content = db.string("SELECT COALESCE(content, summary) FROM item WHERE guid = 'ds-103'");
        assertTrue(HostileMarkup.findings(content).isEmpty(), content);
        assertTrue(content.contains("Rau xanh &amp; thịt lợn tăng giá."), content);
    }

    @Test
    @Order(5)
    void aChangedCopyIsUpdatedInPlaceAndStaysInItsStory() {
        String changed = new String(readFixture("tintuc-thoi-su.rss"), StandardCharsets.UTF_8)
                .replace("Chợ hoa Hàng Lược nhộn nhịp.", "Chợ hoa Hàng Lược nhộn nhịp đến khuya.");
        fixtures.override("tintuc-thoi-su.rss", new FixtureFeedServer.Answer(200, "application/rss+xml",
                changed.getBytes(StandardCharsets.UTF_8)));
        clock.advance(Duration.ofMinutes(16));

        List<PollOutcome> again = scheduler.pollDueNow();

        assertEquals(1, again.stream().mapToInt(PollOutcome::updated).sum());
        assertEquals(0, again.stream().mapToInt(PollOutcome::inserted).sum());
        assertEquals(7, db.count("SELECT COUNT(*) FROM item"));
        assertEquals(5, db.count("SELECT COUNT(DISTINCT story_hash) FROM item"));
        assertFalse(db.string("SELECT modified_at FROM item WHERE guid = 'ts-9002'") == null);
    }

    private static byte[] readFixture(String name) {
        try (var in = CrossFeedStoryIntegrationTest.class.getResourceAsStream("/feeds/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
