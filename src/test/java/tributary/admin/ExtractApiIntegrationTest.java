package tributary.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.catalog.CatalogLoader;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;

/**
 * GET /admin/extract against the real service and a loopback page: the article, the rule and the page's status for a
 * URL or a feed's latest item; the token; refused addresses, failed fetches and bad selectors as problems.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtractApiIntegrationTest implements TestPropertyProvider {

    private static final String ARTICLE = ArticleFixtures.ARTICLE;

    private final FixtureFeedServer fixtures = new FixtureFeedServer();

    @Inject
    EmbeddedServer server;

    @Inject
    CatalogLoader catalog;

    @Inject
    Database db;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write("categories:\n  - title: Thời sự\nfeeds: []\n")
                // The preview's own fetches are counted: the article queue, which would fetch a full-text feed's
                // pages in the background, stays off here.
                .properties("tributary.admin-token", AdminApiIntegrationTest.TOKEN,
                        "tributary.fulltext.scheduler-enabled", "false");
    }

    @BeforeEach
    void freshCatalog() {
        db.clear();
        catalog.reload();
        fixtures.reset();
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    private AdminHttp admin() {
        return new AdminHttp(server.getURL().toString(), AdminApiIntegrationTest.TOKEN);
    }

    private HttpResponse<String> extract(String... namesAndValues) throws Exception {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.append(i == 0 ? '?' : '&').append(namesAndValues[i]).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return admin().get("/admin/extract" + query);
    }

    private JsonNode parse(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), JsonNode.class);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.values().forEach(value -> texts.add(value.getStringValue()));
        return texts;
    }

    /** A problem+json answer with this status whose detail says every one of the phrases. */
    private JsonNode problem(HttpResponse<String> response, int status, String... phrases) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = parse(response);
        for (String phrase : phrases) {
            assertTrue(problem.get("detail").getStringValue().contains(phrase), response.body());
        }
        return problem;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class APage {

        @Test
        void answersTheArticleTheRuleItsWordsAndThePagesStatus() throws Exception {
            HttpResponse<String> response = extract("url", fixtures.url(ARTICLE), "selector", "article.fck_detail",
                    "remove", ".box-tinlienquan", "remove", "figure");

            assertEquals(200, response.statusCode(), response.body());
            JsonNode answer = parse(response);
            assertEquals(fixtures.url(ARTICLE), answer.get("url").getStringValue());
            assertEquals(fixtures.url(ARTICLE), answer.get("final_url").getStringValue());
            assertEquals(200, answer.get("status").getIntValue());
            assertTrue(answer.get("content_type").getStringValue().startsWith("text/html"), response.body());
            assertTrue(answer.get("found").getBooleanValue(), response.body());
            assertEquals("selector article.fck_detail", answer.get("rule").getStringValue());
            assertTrue(answer.get("words").getIntValue() > 60, response.body());
            assertTrue(answer.get("problem").isNull(), response.body());
            assertEquals("article.fck_detail", answer.get("selector").getStringValue());
            assertEquals(List.of(".box-tinlienquan", "figure"), texts(answer.get("remove")));
            String html = answer.get("html").getStringValue();
            assertTrue(html.contains("tuyến xe buýt điện mới") && html.contains("Thêm điểm sạc ở các bến cuối"), html);
            for (String chrome : List.of("Tin liên quan", "Lê Văn Lương", "Trang chủ", "Chia sẻ", "Giấy phép")) {
                assertFalse(html.contains(chrome), chrome + " leaked into " + html);
            }
            assertEquals(1, fixtures.hits(ARTICLE), "fetched once");
        }

        @Test
        void withoutASelectorTheExtractorChoosesAndNamesItsRule() throws Exception {
            JsonNode answer = parse(extract("url", fixtures.url(ARTICLE)));

            assertTrue(answer.get("found").getBooleanValue(), answer.toString());
            assertFalse(answer.get("rule").getStringValue().isBlank());
            assertFalse(answer.get("rule").getStringValue().startsWith("selector"), answer.toString());
            assertTrue(answer.get("selector").isNull());
            assertEquals(List.of(), texts(answer.get("remove")));
            assertTrue(answer.get("html").getStringValue().contains("Thêm điểm sạc ở các bến cuối"));
        }

        @Test
        void aPageWithoutAnArticleAnswersNotFoundWithTheProblem() throws Exception {
            fixtures.serve("/pages/menu.html", request -> new FixtureFeedServer.Answer(200, "text/html; charset=utf-8",
                    "<html><body><nav><a href=/a>Thời sự</a> <a href=/b>Thế giới</a></nav></body></html>"
                            .getBytes(StandardCharsets.UTF_8)));

            HttpResponse<String> response = extract("url", fixtures.address("/pages/menu.html"));

            assertEquals(200, response.statusCode(), response.body());
            JsonNode answer = parse(response);
            assertFalse(answer.get("found").getBooleanValue(), response.body());
            assertTrue(answer.get("html").isNull(), response.body());
            assertFalse(answer.get("problem").getStringValue().isBlank(), response.body());
        }

        @Test
        void needsTheAdminToken() throws Exception {
            String path = "/admin/extract?url=" + URLEncoder.encode(fixtures.url(ARTICLE), StandardCharsets.UTF_8);
            HttpResponse<String> response = admin().send("GET", path, null, null, null);

            assertEquals(401, response.statusCode());
            assertEquals(401, admin().send("GET", path, null, null, "not-the-token").statusCode());
            assertEquals(0, fixtures.hits(ARTICLE), "nothing fetched for a stranger");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Refused {

        @Test
        void anAddressTheGuardRefusesIsAProblemWithTheReasonAndIsNeverAsked() throws Exception {
            String ambiguous = fixtures.url(ARTICLE).replace("127.0.0.1", "0127.0.0.1");

            JsonNode problem = problem(extract("url", ambiguous), 422, ambiguous + " was not fetched",
                    "written ambiguously", "leading zero");

            assertEquals("Address refused", problem.get("title").getStringValue());
            assertEquals(0, fixtures.hits(ARTICLE));
        }

        @Test
        void aPageAnswering404IsAProblemNamingTheStatus() throws Exception {
            String missing = fixtures.address("/pages/missing.html");

            JsonNode problem = problem(extract("url", missing), 422, missing + " was not fetched",
                    "the server answered HTTP 404");

            assertEquals("Page not fetched", problem.get("title").getStringValue());
        }

        @Test
        void anInvalidSelectorIsRefusedNamingItsValueAndReasonBeforeAnythingIsFetched() throws Exception {
            HttpResponse<String> response = extract("url", fixtures.url(ARTICLE), "selector", "article[",
                    "remove", ".ok", "remove", "div[");

            JsonNode errors = problem(response, 400, "selector: selector 'article[' is not a CSS selector jsoup can read")
                    .get("errors");
            assertEquals("selector", errors.get(0).get("field").getStringValue());
            assertEquals("article[", errors.get(0).get("value").getStringValue());
            assertEquals("remove", errors.get(1).get("field").getStringValue());
            assertEquals("div[", errors.get(1).get("value").getStringValue());
            assertEquals(0, fixtures.hits(ARTICLE));
        }

        @Test
        void aRequestWithoutAPageOrWithABadOneSaysWhatToGive() throws Exception {
            problem(extract(), 400, "give ?url=https://… (a page) or ?feed={id}");
            problem(extract("url", "ftp://example.vn/a.html"), 400, "must start with http:// or https://");
            problem(extract("url", fixtures.url(ARTICLE), "feed", "1"), 400, "give url or feed, not both");
            problem(extract("feed", "thoi-su"), 400, "a feed's id, a number");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AFeed {

        /** The feed of ArticleFixtures, added with these settings (a JSON fragment after the URL). */
        private long addFeed(String settings) throws Exception {
            String url = ArticleFixtures.serveFeed(fixtures);
            HttpResponse<String> created = admin().post("/admin/feeds", "{\"url\": \"%s\"%s}"
                    .formatted(url, settings));
            assertEquals(201, created.statusCode(), created.body());
            return parse(created).get("id").getLongValue();
        }

        @Test
        void previewsTheLatestItemsPageWithTheFeedsOwnSelectorAndRemoveSelectors() throws Exception {
            long id = addFeed(", \"full_text\": true, \"full_text_selector\": \"article.fck_detail\","
                    + " \"full_text_remove\": [\".box-tinlienquan\"]");

            HttpResponse<String> response = extract("feed", String.valueOf(id));

            assertEquals(200, response.statusCode(), response.body());
            JsonNode answer = parse(response);
            assertEquals(id, answer.get("feed").getLongValue());
            assertEquals(ArticleFixtures.NEWEST_TITLE, answer.get("item_title").getStringValue());
            assertEquals(fixtures.url(ARTICLE), answer.get("url").getStringValue());
            assertEquals("selector article.fck_detail", answer.get("rule").getStringValue());
            assertEquals(List.of(".box-tinlienquan"), texts(answer.get("remove")));
            String html = answer.get("html").getStringValue();
            assertTrue(html.contains("Thêm điểm sạc ở các bến cuối"), html);
            assertFalse(html.contains("Tin liên quan"), html);
            assertEquals(0, fixtures.hitsAt("/pages/gone.html"), "only the latest item's page");
        }

        @Test
        void theRequestsSelectorAndRemoveReplaceTheFeedsAndAnEmptyOneClearsThem() throws Exception {
            long id = addFeed(", \"full_text_selector\": \"div.no-such-thing\", \"full_text_remove\": [\"h2\"]");

            JsonNode tried = parse(extract("feed", String.valueOf(id), "selector", "article", "remove", "figure"));
            assertEquals("selector article", tried.get("rule").getStringValue());
            assertEquals(List.of("figure"), texts(tried.get("remove")));
            assertTrue(tried.get("html").getStringValue().contains("Thêm điểm sạc"), "h2 kept: the feed's remove replaced");
            assertFalse(tried.get("html").getStringValue().contains("Lê Văn Lương"));

            JsonNode cleared = parse(extract("feed", String.valueOf(id), "selector", "", "remove", ""));
            assertTrue(cleared.get("selector").isNull(), cleared.toString());
            assertEquals(List.of(), texts(cleared.get("remove")));
            assertFalse(cleared.get("rule").getStringValue().startsWith("selector"), cleared.toString());
        }

        @Test
        void anUnknownFeedOrOneWithoutItemsIsAProblemSayingWhatToDo() throws Exception {
            problem(extract("feed", "999999"), 404, "There is no feed #999999");

            fixtures.serve("/f/empty.rss", request -> new FixtureFeedServer.Answer(200, "application/rss+xml",
                    ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Trống</title><link>https://a.example/"
                            + "</link><description>d</description></channel></rss>").getBytes(StandardCharsets.UTF_8)));
            HttpResponse<String> created = admin().post("/admin/feeds",
                    "{\"url\": \"%s\"}".formatted(fixtures.address("/f/empty.rss")));
            assertEquals(201, created.statusCode(), created.body());
            long id = parse(created).get("id").getLongValue();

            JsonNode problem = problem(extract("feed", String.valueOf(id)), 422, "Feed #" + id + " has no stored item",
                    "POST /admin/feeds/" + id + "/refresh");
            assertEquals("No item to preview", problem.get("title").getStringValue());
            assertNull(problem.get("errors"));
        }
    }
}
