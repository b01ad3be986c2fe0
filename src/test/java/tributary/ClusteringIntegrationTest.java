package tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollScheduler;
import tributary.support.ClusterPublishers;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;

/**
 * Three publishers' feeds on loopback, real items: the bar shooting reported by all three is one entry listing three
 * sources, storm Fengshen under its Vietnamese name and its number is one entry, while two storms' relief stories and
 * a digest stay apart.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusteringIntegrationTest implements TestPropertyProvider {

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
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(ClusterPublishers.feedsYml(fixtures)).properties("tributary.cluster.enabled", "true");
    }

    @BeforeAll
    void pollEveryPublisher() {
        db.clear();
        catalog.reload();
        scheduler.pollDueNow();
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    @Test
    void showsOneEntryPerEventWithEveryPublisherAsASource() throws Exception {
        assertEquals(8, db.count("SELECT COUNT(*) FROM item"));
        JsonNode feed = json.readValue(http.toBlocking().retrieve(HttpRequest.GET("/feeds/tong-hop.json"), byte[].class),
                JsonNode.class);
        Map<String, Integer> sourcesByTitle = new HashMap<>();
        List<String> titles = new ArrayList<>();
        for (JsonNode item : feed.get("items").values()) {
            String title = item.get("title").getStringValue();
            titles.add(title);
            sourcesByTitle.put(title, item.get("_tributary").get("sources").size());
        }
        assertEquals(5, titles.size(), titles.toString());
        // The earliest copy (Thanh Niên's) speaks for the shooting; the other two are its sources.
        assertEquals(3, sourcesByTitle.get("Xả súng chết nhiều người tại một quán bar ở Mỹ"), titles.toString());
        assertEquals(2, sourcesByTitle.get("Bão số 12 (Fengshen) áp sát Đà Nẵng, sắp dội mưa lớn dọc miền Trung"),
                titles.toString());
        assertEquals(1, sourcesByTitle.get("Trung ương Đoàn hỗ trợ hơn 2,1 tỉ đồng người dân thiệt hại bão Bualoi"));
        assertEquals(1, sourcesByTitle.get("TKV trao 10,7 tỉ đồng hỗ trợ 4 tỉnh khắc phục hậu quả mưa lũ bão Matmo"));
        assertTrue(titles.stream().anyMatch(t -> t.startsWith("Điểm tin 6h")), titles.toString());
    }

    @Test
    void creditsTheOtherPublishersInRssAndAtom() {
        String rss = http.toBlocking().retrieve(HttpRequest.GET("/feeds/tong-hop.rss"));
        // The feeds declare Vietnamese, so the credit line is in Vietnamese.
        assertTrue(rss.contains("Cũng đưa tin:"), rss);
        assertTrue(rss.contains("rel=\"related\""), rss);
        assertTrue(rss.contains("href=\"https://tuoitre.vn/xa-sung-kinh-hoang-tai-bang-south-carolina-cua-my-luc-rang-sang-20251012224353016.htm\""), rss);
        String atom = http.toBlocking().retrieve(HttpRequest.GET("/feeds/tong-hop.atom"));
        assertTrue(atom.contains("rel=\"related\""), atom);
        assertTrue(atom.contains("Cũng đưa tin:"), atom);
    }

    @Test
    void remembersTheStoryEachMovedCopyHad() {
        assertEquals(3, db.count("SELECT COUNT(*) FROM item WHERE own_story_hash IS NOT NULL"));
    }
}
