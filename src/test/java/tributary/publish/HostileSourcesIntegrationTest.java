package tributary.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
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
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollScheduler;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * Sources that try to break or leak through our outputs, polled for real (loopback fixtures → MariaDB → render):
 * characters XML forbids in every field of JSON Feed, RSS and Atom documents and of admin-typed categories and feed
 * titles; feed URLs carrying user-info and credential parameters. Every output must stay well-formed, keep the
 * other items, and show no secret; neither may the poll log.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSourcesIntegrationTest implements TestPropertyProvider {

    static final String TOKEN = "hostile-admin-token-0123456789";

    /** Every secret the feed URLs carry: none of them may appear in an output or a log line. */
    static final List<String> SECRETS = List.of("hunter2", "bob:", "T0KEN-JSON", "K3Y-RSS", "AUTH-ATOM",
            "CL13NT-S3CRET", "AP1-ADMIN");

    private final FixtureFeedServer fixtures = new FixtureFeedServer();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private String jsonFeedUrl;
    private FeedsYml feedsYml;

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
        jsonFeedUrl = fixtures.url("hostile.json").replace("http://", "http://bob:hunter2@")
                + "?token=T0KEN-JSON&page=1";
        feedsYml = FeedsYml.write("""
                categories:
                  - title: Sạch
                  - title: Độc
                feeds:
                  - url: %s
                    categories: [sach, doc]
                  - url: %s
                    categories: [doc]
                  - url: %s
                    categories: [doc]
                  - url: %s
                    categories: [doc]
                  - url: %s
                    categories: [doc]
                """.formatted(fixtures.url("world.json"), jsonFeedUrl,
                fixtures.url("hostile.rss") + "?x-api-key=K3Y-RSS",
                fixtures.url("hostile.atom") + "?lang=vi&auth_token=AUTH-ATOM",
                fixtures.url("missing.rss") + "?client_secret=CL13NT-S3CRET"));
        return feedsYml.properties("tributary.admin-token", TOKEN);
    }

    @BeforeAll
    void ingest() throws Exception {
        db.clear();
        clock.set(TestClock.START);
        Logger tributary = (Logger) LoggerFactory.getLogger("tributary");
        log.start();
        tributary.addAppender(log);
        try {
            catalog.reload();
            // An admin types what a file cannot carry: a category and a feed title with characters XML forbids.
            assertEquals(201, admin("POST", "/admin/categories",
                    "{\"slug\": \"bad\", \"title\": \"Bad\\uFFFF cat\\u0001\", \"description\": \"Desc\\uFFFE here\"}")
                    .statusCode());
            assertEquals(201, admin("POST", "/admin/feeds", "{\"url\": \"%s\", \"title\": \"Override\\uFFFF title\", "
                    .formatted(fixtures.url("world.json") + "?apikey=AP1-ADMIN") + "\"categories\": [\"bad\"]}")
                    .statusCode());
            scheduler.pollDueNow();
        } finally {
            tributary.detachAppender(log);
        }
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String text(String path) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), path + ": " + new String(response.body(), StandardCharsets.UTF_8));
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private String adminHealth() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/health"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static Document xml(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The first code point XML 1.0 forbids in the text, or -1. */
    private static int forbidden(String text) {
        return text.codePoints().filter(cp -> !(cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000)).findFirst().orElse(-1);
    }

    private List<String> titles(String path) throws Exception {
        List<String> titles = new ArrayList<>();
        for (JsonNode item : json.readValue(text(path), JsonNode.class).get("items").values()) {
            titles.add(item.get("title").getStringValue());
        }
        return titles;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CharactersXmlForbids {

        @ParameterizedTest
        @ValueSource(strings = {"/feeds/doc.rss", "/feeds/doc.atom", "/feeds/all.rss", "/feeds/all.atom",
                "/feeds/bad.rss", "/feeds/bad.atom", "/feeds/sach.rss", "/feeds.opml"})
        void everyXmlOutputIsWellFormed(String path) throws Exception {
            String body = text(path);
            assertEquals(-1, forbidden(body), path);
            assertNotNull(xml(body).getDocumentElement(), path);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/feeds/doc.json", "/feeds/all.json", "/feeds/bad.json", "/feeds", "/"})
        void jsonAndTheIndexCarryNoneOfThem(String path) throws Exception {
            String body = text(path);
            assertEquals(-1, forbidden(body), path);
            if (!path.equals("/")) {
                assertNotNull(json.readValue(body, JsonNode.class), path);
            }
        }

        @Test
        void theHostileItemsAppearCleanedAndTheirNeighboursUntouched() throws Exception {
            List<String> titles = titles("/feeds/doc.json");
            for (String expected : List.of("Hostile title one", "Lone surrogate two", "Clean neighbour of the hostile JSON",
                    "Hostile RSS title one", "Clean neighbour of the hostile RSS", "Hostile Atom title one",
                    "Clean neighbour of the hostile Atom", "Leaders meet in Hà Nội for regional summit")) {
                assertTrue(titles.contains(expected), expected + " in " + titles);
            }
            String rss = text("/feeds/doc.rss");
            assertTrue(rss.contains("<link>https://hostile.example/2026/01/28/bad-url</link>"), rss);
            assertTrue(rss.contains("<enclosure url=\"https://hostile-rss.example/a.mp3\""), rss);
            String jsonFeed = text("/feeds/doc.json");
            assertTrue(jsonFeed.contains("\"url\":\"https://hostile.example/a.jpg\""), jsonFeed);
            assertTrue(jsonFeed.contains("\"url\":\"https://hostile-atom.example/b.mp3\""), jsonFeed);
        }

        @Test
        void adminTypedTitlesAreCleanedWhereverTheyAppear() throws Exception {
            assertTrue(text("/").contains("Bad cat"));
            assertTrue(text("/").contains("Desc here"));
            assertTrue(text("/feeds.opml").contains("title=\"Bad cat\""));
            assertTrue(text("/feeds/bad.rss").contains("<title>Bad cat</title>"));
            assertTrue(text("/feeds/bad.json").contains("\"feed_title\":\"Override title\""), text("/feeds/bad.json"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SecretsInFeedUrls {

        @ParameterizedTest
        @ValueSource(strings = {"/feeds/doc.rss", "/feeds/doc.atom", "/feeds/doc.json", "/feeds/all.rss",
                "/feeds/all.atom", "/feeds/all.json", "/feeds/bad.rss", "/feeds/bad.atom", "/feeds/bad.json",
                "/feeds/doc.json?limit=1", "/feeds", "/feeds.opml", "/"})
        void noOutputShowsThem(String path) throws Exception {
            String body = text(path);
            for (String secret : SECRETS) {
                assertFalse(body.contains(secret), path + " shows " + secret);
            }
        }

        @Test
        void sourcesNameTheFeedByItsRedactedUrl() throws Exception {
            String redacted = fixtures.url("hostile.json") + "?token=REDACTED&page=1";
            String rss = text("/feeds/doc.rss");
            assertTrue(rss.contains("<source url=\"" + redacted.replace("&", "&amp;") + "\">"), rss);
            // The RSS channel's title is nothing but forbidden characters: the feed is named by its redacted URL.
            String rssFeed = fixtures.url("hostile.rss") + "?x-api-key=REDACTED";
            assertTrue(rss.contains(">" + rssFeed + "</source>"), rss);
            Document atom = xml(text("/feeds/doc.atom"));
            List<String> ids = new ArrayList<>();
            NodeList sources = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "source");
            for (int i = 0; i < sources.getLength(); i++) {
                ids.add(((Element) sources.item(i)).getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id")
                        .item(0).getTextContent());
            }
            assertTrue(ids.contains(redacted), ids.toString());
            assertTrue(ids.contains(fixtures.url("hostile.atom") + "?lang=vi&auth_token=REDACTED"), ids.toString());
            List<String> feedUrls = new ArrayList<>();
            for (JsonNode item : json.readValue(text("/feeds/all.json"), JsonNode.class).get("items").values()) {
                for (JsonNode source : item.get("_tributary").get("sources").values()) {
                    feedUrls.add(source.get("feed_url").getStringValue());
                }
            }
            assertTrue(feedUrls.contains(redacted), feedUrls.toString());
            assertTrue(feedUrls.contains(fixtures.url("world.json") + "?apikey=REDACTED"), feedUrls.toString());
        }

        @Test
        void aRefusedFeedsFileQuotesTheBadUrlWithoutItsSecretsInHealthAndLog() throws Exception {
            String good = Files.readString(feedsYml.path());
            Logger loader = (Logger) LoggerFactory.getLogger("tributary");
            ListAppender<ILoggingEvent> refused = new ListAppender<>();
            refused.start();
            loader.addAppender(refused);
            try {
                feedsYml.rewrite(good + """
                          - url: ftp://bob:hunter2@127.0.0.1/rss?token=T0KEN-JSON
                            categories: [doc]
                        """);
                catalog.reload();
            } finally {
                loader.detachAppender(refused);
                feedsYml.rewrite(good);
            }
            // Health details are shown with the admin token only.
            String health = adminHealth();
            assertTrue(health.contains("ftp://127.0.0.1/rss?token=REDACTED"), health);
            assertTrue(refused.list.stream().anyMatch(e -> e.getFormattedMessage().contains("token=REDACTED")));
            for (String secret : SECRETS) {
                assertFalse(health.contains(secret), health);
                refused.list.forEach(e -> assertFalse(e.getFormattedMessage().contains(secret), e.getFormattedMessage()));
            }
            catalog.reload();
            assertFalse(adminHealth().contains("feedsFileProblem"));
        }

        @Test
        void adminRoutesStillShowTheWholeUrl() throws Exception {
            HttpResponse<String> feeds = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/admin/feeds"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(feeds.body().contains("T0KEN-JSON"), feeds.body());
        }

        @Test
        void pollLogLinesShowThemRedacted() {
            List<String> lines = new ArrayList<>();
            for (ILoggingEvent event : log.list) {
                lines.add(event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())));
            }
            assertTrue(lines.stream().anyMatch(line -> line.contains("missing.rss?client_secret=REDACTED")
                    && line.contains("404")), String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(line -> line.contains("hostile.json?token=REDACTED&page=1")),
                    String.join("\n", lines));
            for (String line : lines) {
                for (String secret : SECRETS) {
                    assertFalse(line.contains(secret), line);
                }
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AtomSource {

        @ParameterizedTest
        @ValueSource(strings = {"/feeds/all.atom", "/feeds/doc.atom", "/feeds/bad.atom", "/feeds/all.atom?limit=2"})
        void everyAtomSourceSaysWhenItsFeedWasLastUpdated(String path) throws Exception {
            Document atom = xml(text(path));
            NodeList sources = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "source");
            assertTrue(sources.getLength() > 0, path);
            for (int i = 0; i < sources.getLength(); i++) {
                NodeList updated = ((Element) sources.item(i))
                        .getElementsByTagNameNS("http://www.w3.org/2005/Atom", "updated");
                assertEquals(1, updated.getLength(), path + " source " + i);
                String value = updated.item(0).getTextContent();
                assertTrue(value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})"), value);
                assertNotNull(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            }
        }
    }
}
