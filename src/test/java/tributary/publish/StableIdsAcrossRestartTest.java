package tributary.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollScheduler;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/** Item ids are a function of the story, not of the process: a restarted service publishes the same ids. */
class StableIdsAcrossRestartTest {

    @Test
    void idsAndEtagsSurviveARestartAndARepoll() throws Exception {
        try (FixtureFeedServer fixtures = new FixtureFeedServer()) {
            Path dir = Files.createTempDirectory(Path.of("target"), "restart-");
            FeedsYml feeds = FeedsYml.at(dir.resolve("feeds.yml"), """
                    categories:
                      - title: Thời sự
                    feeds:
                      - url: %s
                        categories: [thoi-su]
                      - url: %s
                        categories: [thoi-su]
                    """.formatted(fixtures.url("vnexpress-thoi-su.rss"), fixtures.url("vnexpress-ha-noi.rss")));
            Map<String, Object> properties = Map.of(
                    "tributary.feeds-file", feeds.path().toString(),
                    // Self links would otherwise carry each run's random port.
                    "tributary.public-base-url", "https://feeds.example.org/",
                    "tributary.embedded-db.data-dir", dir.resolve("mariadb").toString());

            List<String> before;
            String etagBefore;
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                server.getApplicationContext().getBean(Database.class).clear();
                server.getApplicationContext().getBean(CatalogLoader.class).reload();
                server.getApplicationContext().getBean(PollScheduler.class).pollDueNow();
                before = ids(server);
                etagBefore = etag(server);
            }
            assertFalse(before.isEmpty());

            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                assertEquals(before, ids(server));
                assertEquals(etagBefore, etag(server), "the same bytes after a restart");
                assertEquals("https://feeds.example.org/feeds/thoi-su.json", server.getApplicationContext()
                        .getBean(JsonMapper.class).readValue(get(server).body(), JsonNode.class)
                        .get("feed_url").getStringValue());
                server.getApplicationContext().getBean(TestClock.class).advance(Duration.ofHours(1));
                server.getApplicationContext().getBean(PollScheduler.class).pollDueNow();
                assertEquals(before, ids(server));
            }
        }
    }

    private static List<String> ids(EmbeddedServer server) throws Exception {
        JsonNode feed = server.getApplicationContext().getBean(JsonMapper.class)
                .readValue(get(server).body(), JsonNode.class);
        List<String> ids = new ArrayList<>();
        for (JsonNode item : feed.get("items").values()) {
            ids.add(item.get("id").getStringValue());
        }
        return ids;
    }

    private static String etag(EmbeddedServer server) throws Exception {
        return get(server).headers().firstValue("ETag").orElseThrow();
    }

    private static HttpResponse<byte[]> get(EmbeddedServer server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/feeds/thoi-su.json"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
