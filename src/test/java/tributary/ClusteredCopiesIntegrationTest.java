package tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollScheduler;
import tributary.support.ClusterPublishers;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;

/**
 * Copies that arrive or change after clustering moved their story (issue 19), on the three publishers' real items of
 * ClusterControlsIntegrationTest: a second feed of the same site carrying a moved article joins it inside its cluster
 * (one entry, not a second one for the same URL), an edited moved copy stays in its cluster, and a split gives the
 * article's every copy back its own story. The methods run in order: each builds on the store the last one left.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusteredCopiesIntegrationTest implements TestPropertyProvider {

    static final String TOKEN = "test-admin-token-copies-0123456789";
    static final String SECOND = "/section/second.rss";
    static final String EMPTY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Chuyên mục khác</title><link>https://example.vn/</link>
            <description>-</description></channel></rss>
            """;

    private final FixtureFeedServer fixtures = new FixtureFeedServer();
    private final HttpClient client = HttpClient.newHttpClient();
    private volatile String second = EMPTY;
    /** The moved copy's feed (a fixture's name) and its row: found after the first poll. */
    private String movedFeed;
    private String movedUrl;
    private String cluster;
    private String own;

    @Inject
    EmbeddedServer server;

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
        fixtures.serve(SECOND, request -> new FixtureFeedServer.Answer(200, "application/rss+xml",
                second.getBytes(StandardCharsets.UTF_8)));
        // The three publishers, and a second feed of one of their sites, empty until a test gives it a document.
        FeedsYml feedsYml = FeedsYml.write(ClusterPublishers.feedsYml(fixtures) + """
                  - url: %s
                    categories: [tong-hop]
                """.formatted(fixtures.address(SECOND)));
        return feedsYml.properties("tributary.cluster.enabled", "true", "tributary.admin-token", TOKEN);
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
    @Order(1)
    void aSecondFeedOfTheSiteCarryingAMovedArticleJoinsItInItsCluster() throws Exception {
        assertEquals(8, db.count("SELECT COUNT(*) FROM item"));
        assertEquals(5, entries(""));
        assertEquals(8, entries("?clusters=off"));
        // A copy clustering moved into another publisher's story, and the fixture it came from.
        long movedId = db.count("SELECT MIN(id) FROM item WHERE own_story_hash IS NOT NULL");
        assertNotEquals(0, movedId);
        movedUrl = db.string("SELECT url FROM item WHERE id = " + movedId);
        cluster = db.string("SELECT story_hash FROM item WHERE id = " + movedId);
        own = db.string("SELECT own_story_hash FROM item WHERE id = " + movedId);
        String feedUrl = db.string("SELECT f.url FROM item i JOIN feed f ON f.id = i.feed_id WHERE i.id = " + movedId);
        movedFeed = feedUrl.substring(feedUrl.lastIndexOf('/') + 1);

        second = resource(movedFeed);
        repoll();
        assertEquals(8 + itemsOf(movedFeed), db.count("SELECT COUNT(*) FROM item"));
        // The same article from the second feed: where its sibling is, under the same own story.
        assertCopies(2, cluster, own);
        assertEquals(5, entries(""), "no second entry for the same URL");
        assertEquals(8, entries("?clusters=off"), "with clusters off the two copies are still one entry");
    }

    @Test
    @Order(2)
    void anEditedMovedCopyStaysInItsCluster() throws Exception {
        // A moved copy no other feed carries: only the update itself can keep it in place.
        long id = db.count("SELECT MIN(i.id) FROM item i JOIN feed f ON f.id = i.feed_id"
                + " WHERE i.own_story_hash IS NOT NULL AND f.url NOT LIKE '%" + movedFeed + "'");
        assertNotEquals(0, id);
        String url = db.string("SELECT url FROM item WHERE id = " + id);
        String story = db.string("SELECT story_hash FROM item WHERE id = " + id);
        String ownStory = db.string("SELECT own_story_hash FROM item WHERE id = " + id);
        String feedUrl = db.string("SELECT f.url FROM item i JOIN feed f ON f.id = i.feed_id WHERE i.id = " + id);
        String fixture = feedUrl.substring(feedUrl.lastIndexOf('/') + 1);
        String edited = resource(fixture).replace("</description>", " (cập nhật)</description>");
        fixtures.override(fixture, new FixtureFeedServer.Answer(200, "application/rss+xml",
                edited.getBytes(StandardCharsets.UTF_8)));
        repoll();
        assertEquals(1, db.count("SELECT COUNT(*) FROM item WHERE summary LIKE '%(cập nhật)' AND url = "
                + quoted(url)), "the edit was stored");
        assertEquals(1, db.count("SELECT COUNT(*) FROM item WHERE url = " + quoted(url) + " AND story_hash = "
                + quoted(story) + " AND own_story_hash = " + quoted(ownStory)), "still where clustering put it");
        assertCopies(2, cluster, own);
        assertEquals(5, entries(""));
        assertEquals(8, entries("?clusters=off"));
    }

    @Test
    @Order(3)
    void aSplitGivesEveryCopyOfTheArticleBackItsOwnStory() throws Exception {
        long members = db.count("SELECT COUNT(DISTINCT COALESCE(own_story_hash, story_hash)) FROM item"
                + " WHERE story_hash = " + quoted(cluster));
        HttpResponse<String> split = client.send(HttpRequest.newBuilder(URI.create(server.getURL()
                        + "/admin/clusters/" + cluster + "/split")).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, split.statusCode(), split.body());
        assertCopies(2, own, null);
        assertEquals(5 + members - 1, entries(""));
        assertEquals(8, entries("?clusters=off"));
    }

    /** Both copies of the moved article stand in story, with own (null: none). */
    private void assertCopies(int copies, String story, String ownStory) {
        String url = quoted(movedUrl);
        assertEquals(copies, db.count("SELECT COUNT(*) FROM item WHERE url = " + url));
        assertEquals(copies, db.count("SELECT COUNT(*) FROM item WHERE url = " + url + " AND story_hash = "
                + quoted(story) + " AND own_story_hash " + (ownStory == null ? "IS NULL" : "= " + quoted(ownStory))));
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private void repoll() {
        db.update("UPDATE feed SET next_poll_at = NULL, etag = NULL, last_modified = NULL, body_hash = NULL");
        scheduler.pollDueNow();
    }

    private int itemsOf(String fixture) throws IOException {
        return resource(fixture).split("<item>", -1).length - 1;
    }

    private static String resource(String fixture) throws IOException {
        try (InputStream in = ClusteredCopiesIntegrationTest.class.getResourceAsStream("/feeds/" + fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private int entries(String query) throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(server.getURL()
                + "/feeds/tong-hop.json" + query)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, answer.statusCode(), answer.body());
        return json.readValue(answer.body(), JsonNode.class).get("items").size();
    }
}
