package tributary.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollScheduler;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * Pages of a merged feed hold N distinct stories: a feed repeating one article under 150 guids (dated in the
 * future, so they stand on top) cannot crowd out page 1, and walking ?before= lists every story on one page only,
 * even where copies of shown stories fill whole batches of rows further down.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoryPagingIntegrationTest implements TestPropertyProvider {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final int REPEATS = 150;
    private static final int ARTICLES = 70;

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
        return FeedsYml.write("""
                categories:
                  - title: Lặp
                feeds:
                  - url: %s
                    categories: [lap]
                  - url: %s
                    categories: [lap]
                  - url: %s
                    categories: [lap]
                """.formatted(fixtures.url("repeat.rss"), fixtures.url("articles.rss"), fixtures.url("echo.rss")))
                .properties();
    }

    @BeforeAll
    void ingest() {
        db.clear();
        clock.set(TestClock.START);
        // 150 guids, one link, dated years ahead: each is stored with the time it was first seen, above the rest.
        StringBuilder repeat = channel("repeat");
        for (int i = 1; i <= REPEATS; i++) {
            repeat.append(item("repeat-" + i, "https://repeat.example/the-one.html", "The one story",
                    Instant.parse("2030-01-01T00:00:00Z")));
        }
        // 70 distinct articles, and an older echo of each from another site's feed: copies of stories shown before.
        StringBuilder articles = channel("articles");
        StringBuilder echo = channel("echo");
        Instant start = Instant.parse("2026-01-20T00:00:00Z");
        for (int i = ARTICLES; i >= 1; i--) {
            String link = "https://articles.example/" + i + ".html";
            articles.append(item("a-" + i, link, "Article " + i, start.plus(Duration.ofMinutes(i))));
            echo.append(item("e-" + i, link, "Article " + i, start.minus(Duration.ofDays(3)).plus(Duration.ofMinutes(i))));
        }
        serve("repeat.rss", repeat);
        serve("articles.rss", articles);
        serve("echo.rss", echo);
        catalog.reload();
        scheduler.pollDueNow();
        assertEquals(REPEATS + 2L * ARTICLES, db.count("SELECT COUNT(*) FROM item"));
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    private static StringBuilder channel(String name) {
        return new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>")
                .append(name).append("</title><link>https://").append(name)
                .append(".example/</link><description>d</description>\n");
    }

    private static String item(String guid, String link, String title, Instant published) {
        return "<item><guid isPermaLink=\"false\">" + guid + "</guid><title>" + title + "</title><link>" + link
                + "</link><pubDate>" + RFC_1123.format(published) + "</pubDate></item>\n";
    }

    private void serve(String name, StringBuilder channel) {
        fixtures.override(name, new FixtureFeedServer.Answer(200, "application/rss+xml; charset=utf-8",
                channel.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode page(String path) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), path);
        return json.readValue(response.body(), JsonNode.class);
    }

    private static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        for (JsonNode item : page.get("items").values()) {
            titles.add(item.get("title").getStringValue());
        }
        return titles;
    }

    @ParameterizedTest
    @CsvSource({"all, 50", "lap, 50", "all, 20"})
    void theFirstPageHoldsLimitDistinctStories(String slug, int limit) throws Exception {
        List<String> titles = titles(page("/feeds/" + slug + ".json" + (limit == 50 ? "" : "?limit=" + limit)));
        assertEquals(limit, titles.size(), titles.toString());
        assertEquals(limit, new HashSet<>(titles).size(), titles.toString());
        assertEquals("The one story", titles.get(0));
        assertEquals("Article " + ARTICLES, titles.get(1));
    }

    @ParameterizedTest
    @CsvSource({"all, 1", "all, 7", "lap, 50", "lap, 3"})
    void walkingTheCursorListsEveryStoryOnExactlyOnePage(String slug, int limit) throws Exception {
        List<String> walked = new ArrayList<>();
        String next = "/feeds/" + slug + ".json?limit=" + limit;
        int pages = 0;
        while (next != null) {
            assertTrue(++pages <= ARTICLES + 2, "the walk ends");
            JsonNode page = page(next);
            List<String> titles = titles(page);
            JsonNode nextUrl = page.get("next_url");
            next = nextUrl == null ? null : nextUrl.getStringValue().substring(server.getURL().toString().length());
            if (next != null && walked.size() + titles.size() < ARTICLES + 1) {
                assertEquals(limit, titles.size(), "a page before the last is full: " + titles);
            }
            walked.addAll(titles);
        }
        assertEquals(ARTICLES + 1, walked.size(), walked.toString());
        Set<String> distinct = new HashSet<>(walked);
        assertEquals(walked.size(), distinct.size(), walked.toString());
        assertEquals("The one story", walked.get(0));
        for (int i = 1; i <= ARTICLES; i++) {
            assertEquals("Article " + (ARTICLES + 1 - i), walked.get(i));
        }
    }

    @Test
    void theRepeatedStoryListsItsFeedOnceWithEveryCopyMerged() throws Exception {
        JsonNode first = page("/feeds/all.json?limit=1").get("items").values().iterator().next();
        assertEquals(1, first.get("_tributary").get("sources").size());
        assertEquals("https://repeat.example/the-one.html", first.get("url").getStringValue());
    }
}
