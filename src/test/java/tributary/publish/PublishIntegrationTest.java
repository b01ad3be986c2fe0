package tributary.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollScheduler;
import tributary.support.Database;
import tributary.support.Feedparser;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * What readers get from the published feeds: validity for real readers (feedparser, Rome, a JSON Feed 1.1 schema),
 * the W3C validator's rules, HTTP caching, gzip, paging, provenance of merged stories, discovery.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishIntegrationTest implements TestPropertyProvider {

    private final FixtureFeedServer fixtures = new FixtureFeedServer();
    private final HttpClient http = HttpClient.newHttpClient();
    private FeedsYml feedsYml;
    private String feedsYaml;

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
        feedsYaml = """
                categories:
                  - title: Thời sự
                  - title: Hà Nội
                  - title: Xã hội
                  - title: Thế giới
                  - title: Đời sống
                    description: Chưa có tin
                feeds:
                  - url: %s
                    categories: [thoi-su]
                  - url: %s
                    categories: [ha-noi, thoi-su]
                    enabled: false
                  - url: %s
                    categories: [xa-hoi]
                  - url: %s
                    categories: [the-gioi]
                """.formatted(fixtures.url("vnexpress-thoi-su.rss"), fixtures.url("vnexpress-ha-noi.rss"),
                fixtures.url("pntd-xa-hoi.atom"), fixtures.url("world.json"));
        feedsYml = FeedsYml.write(feedsYaml);
        return feedsYml.properties();
    }

    @BeforeAll
    void ingest() {
        db.clear();
        clock.set(TestClock.START);
        catalog.reload();
        scheduler.pollDueNow();
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String text(String path) throws Exception {
        return new String(get(path).body(), StandardCharsets.UTF_8);
    }

    private JsonNode jsonOf(String path) throws Exception {
        return json.readValue(get(path).body(), JsonNode.class);
    }

    private List<String> ids(JsonNode feed) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : feed.get("items").values()) {
            ids.add(item.get("id").getStringValue());
        }
        return ids;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class RealReadersAcceptEveryFormat {

        /** feedparser 6.0 (Debian 12) reads RSS and Atom; JSON Feed is checked against the schema below. */
        @ParameterizedTest
        @ValueSource(strings = {"/feeds/thoi-su.rss", "/feeds/thoi-su.atom", "/feeds/all.rss", "/feeds/all.atom",
                "/feeds/doi-song.rss", "/feeds/doi-song.atom"})
        void feedparserFindsNoProblem(String path) throws Exception {
            Feedparser.Result result = Feedparser.parse(get(path).body());
            assertEquals(0, result.bozo(), path + ": " + result.problem());
            assertEquals(path.endsWith(".rss") ? "rss20" : "atom10", result.version(), path);
            int items = jsonOf(path.replaceAll("\\.(rss|atom)$", ".json")).get("items").size();
            assertEquals(items, result.entries(), path);
        }

        @Test
        void romeReadsRssAndAtomBack() throws Exception {
            SyndFeed rss = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(get("/feeds/all.rss").body())));
            assertEquals(jsonOf("/feeds/all.json").get("items").size(), rss.getEntries().size());
            assertTrue(rss.getEntries().size() >= 7);
            Feed atom = (Feed) new WireFeedInput().build(new XmlReader(new ByteArrayInputStream(
                    get("/feeds/the-gioi.atom").body())));
            assertEquals("atom_1.0", atom.getFeedType());
            Entry first = atom.getEntries().get(0);
            assertEquals("Leaders meet in Hà Nội for regional summit", first.getTitle());
            assertEquals("https://world.example/2026/01/28/summit", first.getAlternateLinks().get(0).getHref());
            assertTrue(first.getId().startsWith("urn:tributary:story:"));
            assertNotNull(first.getSource(), "atom:source names the origin feed");
            assertEquals("World News (fixture)", first.getSource().getTitle());
            assertEquals(fixtures.url("world.json"), first.getSource().getId());
        }

        @ParameterizedTest
        @ValueSource(strings = {"/feeds/all.json", "/feeds/thoi-su.json?limit=2", "/feeds/doi-song.json"})
        void jsonFeedMatchesTheJsonFeed11Schema(String path) throws Exception {
            List<Error> errors = schema().validate(text(path), InputFormat.JSON);
            assertTrue(errors.isEmpty(), path + ": " + errors);
        }

        @Test
        void theSchemaCheckCanFail() throws Exception {
            List<Error> errors = schema().validate("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"x\","
                    + "\"items\":[{\"id\":\"1\",\"url\":\"/relative\"}]}", InputFormat.JSON);
            assertFalse(errors.isEmpty());
        }

        private Schema schema() throws IOException {
            try (InputStream in = getClass().getResourceAsStream("/schema/jsonfeed-1.1.schema.json")) {
                return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class W3cValidatorRules {

        @ParameterizedTest
        @ValueSource(strings = {"/feeds/thoi-su.rss", "/feeds/thoi-su.rss?limit=2", "/feeds/all.atom?limit=1"})
        void selfLinkEqualsTheServedUrl(String path) throws Exception {
            Matcher self = Pattern.compile("<(?:atom:)?link[^>]*rel=\"self\"[^>]*>").matcher(text(path));
            assertTrue(self.find());
            Matcher href = Pattern.compile("href=\"([^\"]+)\"").matcher(self.group());
            assertTrue(href.find());
            assertEquals(server.getURL() + path, href.group(1).replace("&amp;", "&"));
        }

        @Test
        void rssDatesAreRfc822WithEnglishNames() throws Exception {
            String body = text("/feeds/all.rss");
            Matcher m = Pattern.compile("<(?:pubDate|lastBuildDate)>([^<]+)</(?:pubDate|lastBuildDate)>").matcher(body);
            int dates = 0;
            while (m.find()) {
                dates++;
                assertTrue(m.group(1).matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} "
                        + "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} (GMT|[+-]\\d{4})"),
                        m.group(1));
            }
            assertEquals(jsonOf("/feeds/all.json").get("items").size() + 2, dates, "every item, and the channel twice");
        }

        @Test
        void guidIsNeverClaimedAsPermalink() throws Exception {
            String body = text("/feeds/all.rss");
            Matcher m = Pattern.compile("<guid([^>]*)>([^<]+)</guid>").matcher(body);
            Set<String> guids = new LinkedHashSet<>();
            while (m.find()) {
                assertTrue(m.group(1).contains("isPermaLink=\"false\""), m.group());
                guids.add(m.group(2));
            }
            assertEquals(jsonOf("/feeds/all.json").get("items").size(), guids.size(), "guids are unique in the document");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/feeds/all.rss", "/feeds/all.atom", "/feeds/all.json"})
        void everyUrlIsAbsoluteAndNoActiveContentSurvives(String path) throws Exception {
            String body = text(path).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("\\\"", "\"").replace("\\u003C", "<");
            Matcher urls = Pattern.compile("(?:href|src)=\"([^\"]*)\"").matcher(body);
            int count = 0;
            while (urls.find()) {
                count++;
                assertTrue(urls.group(1).startsWith("http://") || urls.group(1).startsWith("https://"), urls.group());
            }
            assertTrue(count > 0);
            String lower = body.toLowerCase();
            assertFalse(lower.contains("<script"), body);
            assertFalse(lower.contains("<iframe"), body);
            assertFalse(Pattern.compile("<[^>]+\\son[a-z]+=").matcher(lower).find(), body);
        }

        @Test
        void languageIsTheOneTheCategorysFeedsDeclare() throws Exception {
            assertTrue(text("/feeds/thoi-su.rss").contains("<language>vi</language>"));
            assertTrue(text("/feeds/thoi-su.atom").contains("xml:lang=\"vi\""));
            assertEquals("vi", jsonOf("/feeds/thoi-su.json").get("language").getStringValue());
            assertNull(jsonOf("/feeds/the-gioi.json").get("language"), "the world fixture declares none");
            assertFalse(text("/feeds/the-gioi.rss").contains("<language>"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"rss", "atom"})
        void contentTypeCharsetMatchesTheXmlDeclaration(String format) throws Exception {
            HttpResponse<byte[]> response = get("/feeds/thoi-su." + format);
            assertEquals("application/" + format + "+xml; charset=utf-8",
                    response.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(new String(response.body(), StandardCharsets.UTF_8)
                    .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class HttpCaching {

        @ParameterizedTest
        @ValueSource(strings = {"/feeds/thoi-su.rss", "/feeds/thoi-su.atom", "/feeds/thoi-su.json"})
        void answersNotModifiedWhenEtagMatches(String path) throws Exception {
            HttpResponse<byte[]> first = get(path);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);

            HttpResponse<byte[]> again = get(path, "If-None-Match", etag);
            assertEquals(304, again.statusCode());
            assertEquals(0, again.body().length);
            assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());

            assertEquals(200, get(path, "If-None-Match", "\"something-else\"").statusCode());
        }

        @Test
        void answersNotModifiedWhenNothingChangedSinceLastModified() throws Exception {
            HttpResponse<byte[]> first = get("/feeds/xa-hoi.rss");
            String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
            assertEquals(304, get("/feeds/xa-hoi.rss", "If-Modified-Since", lastModified).statusCode());
            assertEquals(200, get("/feeds/xa-hoi.rss", "If-Modified-Since", "Mon, 26 Jan 2026 00:00:00 GMT")
                    .statusCode());
        }

        @Test
        void cachingAndSafetyHeadersAreOnEveryFeed() throws Exception {
            HttpResponse<byte[]> response = get("/feeds/all.json");
            assertEquals("public, max-age=300", response.headers().firstValue("Cache-Control").orElseThrow());
            assertEquals("Accept-Encoding", response.headers().firstValue("Vary").orElseThrow());
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertEquals("default-src 'none'; sandbox",
                    response.headers().firstValue("Content-Security-Policy").orElseThrow());
        }

        @Test
        void gzipWhenAsked() throws Exception {
            byte[] plain = get("/feeds/all.rss").body();
            HttpResponse<byte[]> zipped = get("/feeds/all.rss", "Accept-Encoding", "gzip");
            assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
            assertTrue(zipped.body().length < plain.length);
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
                assertArrayEquals(plain, in.readAllBytes());
            }
            assertTrue(get("/feeds/all.rss", "Accept-Encoding", "gzip;q=0").headers()
                    .firstValue("Content-Encoding").isEmpty());
        }

        @Test
        void headAnswersLikeGetWithoutBody() throws Exception {
            HttpResponse<byte[]> get = get("/feeds/thoi-su.atom");
            HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/feeds/thoi-su.atom"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, head.statusCode());
            assertEquals(0, head.body().length);
            assertEquals(get.headers().firstValue("ETag"), head.headers().firstValue("ETag"));
            assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));
        }
    }

    @Test
    @Order(1)
    void pagingWalksToTheEndWithoutRepeatsOrGaps() throws Exception {
        List<String> everything = ids(jsonOf("/feeds/all.json"));
        assertEquals(7, everything.size());
        List<String> walked = new ArrayList<>();
        String next = "/feeds/all.json?limit=2";
        int pages = 0;
        while (next != null && pages++ < 10) {
            JsonNode page = jsonOf(next);
            walked.addAll(ids(page));
            JsonNode nextUrl = page.get("next_url");
            next = nextUrl == null ? null : nextUrl.getStringValue().substring(server.getURL().toString().length());
        }
        assertEquals(everything, walked);

        // And back: a later page's rel="first" leads to the page the walk started from.
        String firstPage = text("/feeds/all.atom?limit=2");
        Matcher nextLink = Pattern.compile("<link rel=\"next\"[^>]*href=\"([^\"]+)\"").matcher(firstPage);
        assertTrue(nextLink.find(), firstPage);
        String page2 = text(nextLink.group(1).replace("&amp;", "&").substring(server.getURL().toString().length()));
        Matcher first = Pattern.compile("<link rel=\"first\"[^>]*href=\"([^\"]+)\"").matcher(page2);
        assertTrue(first.find(), page2);
        assertEquals(server.getURL() + "/feeds/all.atom?limit=2", first.group(1).replace("&amp;", "&"));
        assertFalse(firstPage.contains("rel=\"first\""), "the first page has no first link");
        assertTrue(text("/feeds/all.rss?limit=2").contains("rel=\"next\""));
        assertTrue(text("/feeds/all.atom?limit=2").contains("rel=\"next\""));
        assertEquals(400, get("/feeds/all.json?before=yesterday").statusCode());
    }

    @Test
    @Order(2)
    void aStoryGainingASecondSourceKeepsItsIdAndListsBothSources() throws Exception {
        JsonNode before = jsonOf("/feeds/thoi-su.json");
        String id = before.get("items").get(0).get("id").getStringValue();
        String etag = get("/feeds/thoi-su.json").headers().firstValue("ETag").orElseThrow();
        assertEquals(1, before.get("items").get(0).get("_tributary").get("sources").size());

        feedsYml.rewrite(feedsYaml.replace("enabled: false", "enabled: true"));
        catalog.reload();
        clock.advance(Duration.ofMinutes(1));
        scheduler.pollDueNow();

        HttpResponse<byte[]> response = get("/feeds/thoi-su.json", "If-None-Match", etag);
        assertEquals(200, response.statusCode(), "the cached render was invalidated by ingest");
        JsonNode after = json.readValue(response.body(), JsonNode.class);
        JsonNode first = after.get("items").get(0);
        assertEquals(id, first.get("id").getStringValue());
        assertEquals(2, first.get("_tributary").get("sources").size());
        assertEquals(4, after.get("items").size(), "the shared article appears once");
        assertNotEquals(etag, response.headers().firstValue("ETag").orElseThrow());
        Feed atom = (Feed) new WireFeedInput().build(new XmlReader(new ByteArrayInputStream(
                get("/feeds/thoi-su.atom").body())));
        assertEquals(id, atom.getEntries().get(0).getId());
    }

    @Test
    @Order(3)
    void emptyCategoryIsAValidEmptyFeedAndUnknownOneA404() throws Exception {
        JsonNode empty = jsonOf("/feeds/doi-song.json");
        assertEquals(0, empty.get("items").size());
        assertNull(empty.get("next_url"));
        SyndFeed rss = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(get("/feeds/doi-song.rss").body())));
        assertEquals("Đời sống", rss.getTitle());
        assertEquals(0, rss.getEntries().size());
        HttpResponse<byte[]> missing = get("/feeds/the-thao.atom");
        assertEquals(404, missing.statusCode());
        assertEquals("application/problem+json", missing.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    @Order(4)
    void indexPageOffersAutodiscoveryForEveryCategoryFeed() throws Exception {
        HttpResponse<byte[]> response = get("/");
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        String html = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
        for (String slug : List.of("thoi-su", "ha-noi", "xa-hoi", "the-gioi", "doi-song", "all")) {
            for (String type : List.of("rss", "atom", "json")) {
                assertTrue(html.contains("href=\"" + server.getURL() + "/feeds/" + slug + "." + type + "\">"),
                        slug + "." + type);
            }
        }
        assertTrue(html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Đời sống (ATOM)\""), html);
        assertTrue(html.contains("Chưa có tin"));
    }

    @Test
    @Order(5)
    void opmlListsEveryCategoryFeed() throws Exception {
        HttpResponse<byte[]> response = get("/feeds.opml");
        String opml = new String(response.body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<outline type=\"rss\" text=\"([^\"]+)\"[^>]*xmlUrl=\"([^\"]+)\"").matcher(opml);
        List<String> urls = new ArrayList<>();
        while (m.find()) {
            urls.add(m.group(2));
        }
        assertEquals(6, urls.size());
        assertEquals(server.getURL() + "/feeds/thoi-su.rss", urls.get(0));
        assertTrue(opml.contains("text=\"Hà Nội\""));
        assertEquals(0, Feedparser.parse(get(urls.get(0).substring(server.getURL().toString().length())).body()).bozo());
    }
}
