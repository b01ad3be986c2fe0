package tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
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
 * tributary.cluster.window: with a window of 2 h the bar shooting's two copies published 9 minutes apart are one
 * entry, while Tuổi Trẻ's copy, 9 hours later, and storm Fengshen's two copies, 8 hours apart, stay their own entries
 * (ClusteringIntegrationTest shows the same feeds clustered under the default 48 h).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusteringWindowTest implements TestPropertyProvider {

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
        return FeedsYml.write(ClusterPublishers.feedsYml(fixtures)).properties("tributary.cluster.enabled", "true",
                "tributary.cluster.window", "2h");
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
    void copiesPublishedFurtherApartThanTheWindowStayApart() throws Exception {
        assertEquals(8, db.count("SELECT COUNT(*) FROM item"));
        JsonNode feed = json.readValue(http.toBlocking().retrieve(HttpRequest.GET("/feeds/tong-hop.json"), byte[].class),
                JsonNode.class);
        Map<String, Integer> sourcesByTitle = new HashMap<>();
        for (JsonNode item : feed.get("items").values()) {
            sourcesByTitle.put(item.get("title").getStringValue(), item.get("_tributary").get("sources").size());
        }
        assertEquals(7, sourcesByTitle.size(), sourcesByTitle.toString());
        assertEquals(2, sourcesByTitle.get("Xả súng chết nhiều người tại một quán bar ở Mỹ"), sourcesByTitle.toString());
        assertEquals(1, sourcesByTitle.get("Xả súng kinh hoàng tại bang South Carolina của Mỹ lúc rạng sáng"),
                sourcesByTitle.toString());
        assertEquals(1, sourcesByTitle.get("Bão số 12 (Fengshen) áp sát Đà Nẵng, sắp dội mưa lớn dọc miền Trung"),
                sourcesByTitle.toString());
        assertEquals(1, sourcesByTitle.get("Bão Thần Gió cách Đà Nẵng 280km, từ trưa nay miền Trung mưa rất to"),
                sourcesByTitle.toString());
        assertEquals(1, db.count("SELECT COUNT(*) FROM item WHERE own_story_hash IS NOT NULL"));
    }
}
