package tributary.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tributary.poll.PollScheduler;
import tributary.poll.StandaloneMariaDb;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;

/**
 * The database stops under a running service: pages in memory are still served, a page that is not answers 503 with
 * Retry-After and a problem body (it will work again later; it is not a server bug), and anonymous /health says DOWN
 * with 503 and nothing else.
 */
class PublishDuringOutageTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pagesNotInMemoryAnswer503WithRetryAfterWhileTheDatabaseIsAway() throws Exception {
        try (StandaloneMariaDb mariadb = new StandaloneMariaDb("publish-outage-db");
             FixtureFeedServer sources = new FixtureFeedServer()) {
            FeedsYml file = FeedsYml.write(FeedsYml.oneFeed(sources.url("vnexpress-thoi-su.rss")));
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                    "datasources.default.url", mariadb.jdbcUrl(),
                    "datasources.default.username", "root",
                    "datasources.default.password", "",
                    "micronaut.server.port", freePort(),
                    "tributary.feeds-file", file.path().toString(),
                    "tributary.publish.retry-after", "30s"), "test")) {
                server.getApplicationContext().getBean(PollScheduler.class).pollDueNow();
                String base = server.getURL().toString();
                HttpResponse<String> cached = get(base + "/feeds/thoi-su.rss");
                assertEquals(200, cached.statusCode());
                assertTrue(cached.body().contains("<item>"), cached.body());
                assertEquals(200, get(base + "/").statusCode());

                mariadb.stop();

                HttpResponse<String> fromMemory = get(base + "/feeds/thoi-su.rss?utm_source=outage");
                assertEquals(200, fromMemory.statusCode());
                assertEquals(cached.body(), fromMemory.body());
                assertEquals(200, get(base + "/").statusCode(), "the index is in memory too");

                for (String path : new String[] {"/feeds/thoi-su.rss?limit=2", "/feeds/all.json"}) {
                    HttpResponse<String> unavailable = get(base + path);
                    assertEquals(503, unavailable.statusCode(), path + ": " + unavailable.body());
                    assertEquals("30", unavailable.headers().firstValue("Retry-After").orElse(null), path);
                    assertEquals("application/problem+json",
                            unavailable.headers().firstValue("Content-Type").orElse(null), path);
                    assertTrue(unavailable.body().contains("\"status\":503")
                            && unavailable.body().contains("database does not answer"), unavailable.body());
                    assertTrue(!unavailable.body().contains("jdbc") && !unavailable.body().contains("127.0.0.1"),
                            "no database address in a public answer: " + unavailable.body());
                }

                HttpResponse<String> health = get(base + "/health");
                assertEquals(503, health.statusCode());
                assertEquals("{\"name\":\"tributary\",\"status\":\"DOWN\"}", health.body());
                assertEquals(200, get(base + "/health/liveness").statusCode());
            } finally {
                mariadb.start();
            }
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
