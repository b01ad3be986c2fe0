package tributary.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tributary.catalog.CatalogLoader;
import tributary.catalog.FeedsFile;
import tributary.catalog.FeedsFileParser;
import tributary.store.CatalogRevisions;
import tributary.store.TopicRepository;
import tributary.store.TopicRow;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;

/**
 * Issue 16's catalog side against a real MariaDB: topics and category block rules from feeds.yml (reconciled like
 * categories) and through /admin/topics and /admin/categories, feed keep/block through /admin/feeds, and the export
 * that reads back to the same catalog. Tests that need a rule parsed or refused wait for the match package.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicsAndRulesIntegrationTest implements TestPropertyProvider {

    static final String TOKEN = "topics-admin-token-0123456789";

    private final FixtureFeedServer fixtures = new FixtureFeedServer();
    private FeedsYml feedsYml;
    private String baseYaml;

    @Inject
    EmbeddedServer server;

    @Inject
    CatalogLoader catalog;

    @Inject
    Database db;

    @Inject
    JsonMapper json;

    @Inject
    TopicRepository topics;

    @Inject
    CatalogRevisions revisions;

    @Override
    public Map<String, String> getProperties() {
        baseYaml = """
                categories:
                  - title: Thời sự
                    block: ["quảng cáo", "/^\\\\[(PR|QC)\\\\]/"]
                  - title: Thế giới
                feeds:
                  - url: %s
                    categories: [thoi-su]
                topics:
                  - title: Bão lũ
                    query: 'bão OR lũ -"bão giá"'
                    categories: [thoi-su]
                  - title: Giá vàng
                    slug: vang
                    query: vàng
                """.formatted(fixtures.url("vnexpress-thoi-su.rss"));
        feedsYml = FeedsYml.write(baseYaml);
        return feedsYml.properties("tributary.admin-token", TOKEN, "tributary.feeds-file-check-interval", "1h");
    }

    @BeforeEach
    void freshCatalog() throws IOException {
        db.clear();
        feedsYml.restore();
        assertTrue(catalog.reload().isPresent(), catalog.lastProblem().orElse(""));
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    private AdminHttp admin() {
        return new AdminHttp(server.getURL().toString(), TOKEN);
    }

    private JsonNode parse(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), JsonNode.class);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.values().forEach(value -> texts.add(value.getStringValue()));
        return texts;
    }

    private List<String> slugs() {
        return topics.all().stream().map(TopicRow::slug).toList();
    }

    private void reloadApplied(String yaml) {
        feedsYml.rewrite(yaml);
        assertTrue(catalog.reload().isPresent(), catalog.lastProblem().orElse(""));
    }

    private String reloadRefused(String yaml) {
        feedsYml.rewrite(yaml);
        assertTrue(catalog.reload().isEmpty(), "refused");
        return catalog.lastProblem().orElseThrow();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class FromTheFile {

        @Test
        void fileTopicsAndCategoryBlockAreStoredInFileOrder() {
            TopicRow bao = topics.findBySlug("bao-lu").orElseThrow();
            assertEquals("Bão lũ", bao.title());
            assertEquals("bão OR lũ -\"bão giá\"", bao.query());
            assertEquals(List.of("thoi-su"), bao.categories());
            assertEquals("file", bao.origin());
            assertEquals(9, bao.sourceLine());
            assertEquals(List.of("bao-lu", "vang"), slugs());
            assertEquals(List.of(), topics.findBySlug("vang").orElseThrow().categories(), "every category");
            assertEquals("quảng cáo\n/^\\[(PR|QC)\\]/",
                    db.string("SELECT block_rules FROM category WHERE slug = 'thoi-su'"));
        }

        @Test
        void anEditedFileUpdatesAddsReordersAndDeletesFileTopicsWhileApiTopicsStay() throws Exception {
            assertEquals(201, admin().post("/admin/topics", "{\"title\": \"Tỷ giá\", \"query\": \"tỷ giá\"}")
                    .statusCode());
            long before = revisions.current().revision();

            reloadApplied("""
                    categories:
                      - title: Thời sự
                      - title: Thế giới
                    feeds: []
                    topics:
                      - title: Giá vàng SJC
                        slug: vang
                        query: vàng SJC
                        categories: [the-gioi, thoi-su]
                      - title: Động đất
                        query: động đất
                    """);

            assertEquals(List.of("vang", "dong-dat", "ty-gia"), slugs());
            TopicRow vang = topics.findBySlug("vang").orElseThrow();
            assertEquals("Giá vàng SJC", vang.title());
            assertEquals("vàng SJC", vang.query());
            assertEquals(List.of("the-gioi", "thoi-su"), vang.categories());
            assertEquals(6, vang.sourceLine());
            assertEquals("api", topics.findBySlug("ty-gia").orElseThrow().origin());
            assertEquals(null, db.string("SELECT block_rules FROM category WHERE slug = 'thoi-su'"), "block removed");
            assertTrue(revisions.current().revision() > before, "the revision moves: rendered pages drop");
        }

        @Test
        void aFileTopicWithTheSlugOfAnApiTopicLeavesTheApiTopicAsItIs() throws Exception {
            assertEquals(201, admin().post("/admin/topics",
                    "{\"title\": \"Tỷ giá\", \"slug\": \"ty-gia\", \"query\": \"tỷ giá\"}").statusCode());

            reloadApplied(baseYaml + """
                      - title: Tỷ giá đô la
                        slug: ty-gia
                        query: đô la
                    """);

            TopicRow row = topics.findBySlug("ty-gia").orElseThrow();
            assertEquals("api", row.origin());
            assertEquals("tỷ giá", row.query());
        }

        @Test
        void aRefusedFileLeavesTheLastGoodTopicsAndBlockRules() {
            String problem = reloadRefused(baseYaml.replace("query: vàng", "query: '\"vàng'")
                    .replace("    categories: [thoi-su]\n  - title: Giá vàng", "    categories: [thoi-su]\n"
                            + "  - title: Giá vàng"));

            assertTrue(problem.contains(":14: query '\"vàng': "), problem);
            assertEquals(List.of("bao-lu", "vang"), slugs());
            assertEquals("vàng", topics.findBySlug("vang").orElseThrow().query());
            assertEquals("quảng cáo\n/^\\[(PR|QC)\\]/",
                    db.string("SELECT block_rules FROM category WHERE slug = 'thoi-su'"));
        }

        @Test
        void aTopicMayLookInAnApiCategoryButNotInAMissingOne() throws Exception {
            assertEquals(201, admin().post("/admin/categories", "{\"title\": \"Kinh doanh\"}").statusCode());
            reloadApplied(baseYaml + """
                      - title: Chứng khoán
                        query: chứng khoán
                        categories: [kinh-doanh]
                    """);
            assertEquals(List.of("kinh-doanh"), topics.findBySlug("chung-khoan").orElseThrow().categories());

            String problem = reloadRefused(baseYaml + """
                      - title: Chứng khoán
                        query: chứng khoán
                        categories: [kinh-te]
                    """);
            assertTrue(problem.contains(":15: topic 'chung-khoan' looks in unknown category 'kinh-te': declare it"
                    + " under 'categories:' (known: kinh-doanh, the-gioi, thoi-su)"), problem);
            assertEquals(List.of("kinh-doanh"), topics.findBySlug("chung-khoan").orElseThrow().categories(),
                    "the last good list stays");
        }

        @Test
        void aFileTopicOrCategoryMayNotTakeTheSlugOfAnApiCategoryOrTopic() throws Exception {
            assertEquals(201, admin().post("/admin/categories", "{\"title\": \"Kinh doanh\"}").statusCode());
            assertEquals(201, admin().post("/admin/topics", "{\"title\": \"Tỷ giá\", \"query\": \"tỷ giá\"}")
                    .statusCode());

            String problem = reloadRefused(baseYaml.replace("  - title: Thế giới\n", """
                      - title: Thế giới
                      - title: Tỷ giá
                    """) + """
                      - title: Kinh doanh
                        query: kinh doanh
                    """);

            assertTrue(problem.contains(":5: category slug 'ty-gia' is already a topic added through the admin API"),
                    problem);
            assertTrue(problem.contains(":16: topic slug 'kinh-doanh' is already a category added through the"
                    + " admin API"), problem);
            assertEquals(List.of("bao-lu", "vang", "ty-gia"), slugs());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TopicsApi {

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({"GET,/admin/topics", "POST,/admin/topics", "GET,/admin/topics/vang", "PUT,/admin/topics/x",
                "DELETE,/admin/topics/x", "GET,/admin/topics/preview?query=v%C3%A0ng"})
        void everyRouteNeedsTheToken(String method, String path) throws Exception {
            String body = method.equals("POST") || method.equals("PUT") ? "{}" : null;
            HttpResponse<String> none = admin().send(method, path, body, "application/json", null);
            assertEquals(401, none.statusCode(), method + " " + path);
            assertEquals(401, admin().send(method, path, body, "application/json", TOKEN + "x").statusCode());
        }

        @Test
        void listsTopicsWithTheirOriginAndTheUrlsOfTheirFeeds() throws Exception {
            JsonNode list = parse(admin().get("/admin/topics"));

            assertEquals(2, list.size());
            JsonNode bao = list.get(0);
            assertEquals("bao-lu", bao.get("slug").getStringValue());
            assertEquals("Bão lũ", bao.get("title").getStringValue());
            assertEquals("bão OR lũ -\"bão giá\"", bao.get("query").getStringValue());
            assertEquals(List.of("thoi-su"), texts(bao.get("categories")));
            assertEquals("file", bao.get("origin").getStringValue());
            assertEquals(9, bao.get("source_line").getIntValue());
            String base = server.getURL().toString();
            assertEquals(base + "/feeds/bao-lu.rss", bao.get("urls").get("rss").getStringValue());
            assertEquals(base + "/feeds/bao-lu.atom", bao.get("urls").get("atom").getStringValue());
            assertEquals(base + "/feeds/bao-lu.json", bao.get("urls").get("json").getStringValue());
            assertEquals(0, list.get(1).get("categories").size());
        }

        @Test
        void addsChangesAndDeletesAnApiTopic() throws Exception {
            long before = revisions.current().revision();
            HttpResponse<String> created = admin().post("/admin/topics", """
                    {"title": "Động đất", "query": "động đất OR sóng thần", "categories": ["Thế giới"]}""");
            assertEquals(201, created.statusCode(), created.body());
            assertEquals("/admin/topics/dong-dat", created.headers().firstValue("Location").orElseThrow());
            JsonNode topic = parse(created);
            assertEquals("api", topic.get("origin").getStringValue());
            assertEquals(List.of("the-gioi"), texts(topic.get("categories")));
            assertTrue(revisions.current().revision() > before);
            assertEquals(List.of("bao-lu", "vang", "dong-dat"), slugs());

            HttpResponse<String> changed = admin().put("/admin/topics/dong-dat",
                    "{\"query\": \"động đất\", \"categories\": []}");
            assertEquals(200, changed.statusCode(), changed.body());
            assertEquals("động đất", parse(changed).get("query").getStringValue());
            assertEquals("Động đất", parse(changed).get("title").getStringValue(), "absent fields stay");
            assertEquals(0, parse(changed).get("categories").size());
            assertEquals(200, admin().get("/admin/topics/dong-dat").statusCode());

            assertEquals(204, admin().delete("/admin/topics/dong-dat").statusCode());
            assertEquals(404, admin().get("/admin/topics/dong-dat").statusCode());
            assertEquals(List.of("bao-lu", "vang"), slugs());
        }

        @Test
        void aFileTopicCannotBeChangedOrDeletedThroughTheApi() throws Exception {
            HttpResponse<String> put = admin().put("/admin/topics/bao-lu", "{\"title\": \"x\"}");
            assertEquals(409, put.statusCode());
            assertTrue(put.body().contains("this topic is managed by feeds.yml (line 9): edit the file"), put.body());
            assertEquals(409, admin().delete("/admin/topics/bao-lu").statusCode());
            assertEquals("Bão lũ", topics.findBySlug("bao-lu").orElseThrow().title());
        }

        @Test
        void unknownTopicsAnswer404() throws Exception {
            HttpResponse<String> put = admin().put("/admin/topics/khong-co", "{\"title\": \"x\"}");
            assertEquals(404, put.statusCode());
            assertEquals("application/problem+json", put.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(404, admin().delete("/admin/topics/khong-co").statusCode());
            assertEquals(404, admin().get("/admin/topics/khong-co").statusCode());
        }

        @Test
        void missingFieldsAndUnknownCategoriesAreNamed() throws Exception {
            HttpResponse<String> response = admin().post("/admin/topics",
                    "{\"categories\": [\"thoi-su\", \"kinh-te\"]}");
            assertEquals(400, response.statusCode(), response.body());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
            List<String> fields = new ArrayList<>();
            parse(response).get("errors").values().forEach(e -> fields.add(e.get("field").getStringValue()));
            assertEquals(List.of("title", "query", "categories[1]"), fields);
            assertTrue(response.body().contains("unknown category; known: thoi-su, the-gioi"), response.body());
        }

        /** Needs match.Query.parse: an unclosed quote is refused with the parser's sentence. */
        @Test
        void aBadQueryIsRefusedNamingTheFieldAndTheSentence() throws Exception {
            HttpResponse<String> response = admin().post("/admin/topics",
                    "{\"title\": \"Bão\", \"query\": \"bão OR \\\"áp thấp\"}");
            assertEquals(400, response.statusCode(), response.body());
            JsonNode error = parse(response).get("errors").get(0);
            assertEquals("query", error.get("field").getStringValue());
            assertEquals("bão OR \"áp thấp", error.get("value").getStringValue());
            assertFalse(error.get("reason").getStringValue().isBlank());

            assertEquals(201, admin().post("/admin/topics", "{\"title\": \"Bão\", \"query\": \"bão\"}").statusCode());
            assertEquals(400, admin().put("/admin/topics/bao", "{\"query\": \"/[(/\"}").statusCode());
            assertEquals("bão", topics.findBySlug("bao").orElseThrow().query());
        }

        @Test
        void topicsAndCategoriesNeverShareASlug() throws Exception {
            HttpResponse<String> topic = admin().post("/admin/topics",
                    "{\"title\": \"x\", \"slug\": \"thoi-su\", \"query\": \"bão\"}");
            assertEquals(409, topic.statusCode(), topic.body());
            assertTrue(topic.body().contains("'thoi-su' is a category's slug"), topic.body());

            HttpResponse<String> category = admin().post("/admin/categories", "{\"title\": \"Giá vàng\", \"slug\": \"vang\"}");
            assertEquals(409, category.statusCode(), category.body());
            assertTrue(category.body().contains("'vang' is a topic's slug"), category.body());

            assertEquals(201, admin().post("/admin/categories", "{\"title\": \"Kinh doanh\"}").statusCode());
            assertEquals(409, admin().put("/admin/categories/kinh-doanh", "{\"slug\": \"bao-lu\"}").statusCode());
            HttpResponse<String> again = admin().post("/admin/topics",
                    "{\"title\": \"Vàng\", \"slug\": \"vang\", \"query\": \"v\"}");
            assertEquals(409, again.statusCode(), again.body());
            assertTrue(again.body().contains("topic 'vang' already exists"), again.body());
            assertEquals(400, admin().post("/admin/topics", "{\"title\": \"x\", \"slug\": \"all\", \"query\": \"v\"}")
                    .statusCode());
        }

        @Test
        void aCategoryATopicLooksInIsNeitherDeletedNorRenamedNorDroppedByTheFile() throws Exception {
            assertEquals(201, admin().post("/admin/categories", "{\"title\": \"Kinh doanh\"}").statusCode());
            assertEquals(201, admin().post("/admin/topics",
                    "{\"title\": \"Tỷ giá\", \"query\": \"tỷ giá\", \"categories\": [\"kinh-doanh\", \"the-gioi\"]}")
                    .statusCode());

            HttpResponse<String> delete = admin().delete("/admin/categories/kinh-doanh?force=true");
            assertEquals(409, delete.statusCode(), delete.body());
            assertTrue(delete.body().contains("category 'kinh-doanh' cannot be deleted while topic ty-gia looks in it"),
                    delete.body());
            assertEquals(409, admin().put("/admin/categories/kinh-doanh", "{\"slug\": \"kinh-te\"}").statusCode());
            assertEquals(200, admin().put("/admin/categories/kinh-doanh", "{\"title\": \"Kinh tế\"}").statusCode());

            String problem = reloadRefused(baseYaml.replace("  - title: Thế giới\n", ""));
            assertTrue(problem.contains(":1: category 'the-gioi' is gone from the list, but topic 'ty-gia' added"
                    + " through the admin API looks in it"), problem);
        }

        /** Needs publish.QueryPreview (the lead's): the newest matches of a query being typed. */
        @Test
        void thePreviewListsTheNewestMatches() throws Exception {
            HttpResponse<String> preview = admin().get("/admin/topics/preview?query=v%C3%A0ng&categories=thoi-su&limit=5");
            assertEquals(200, preview.statusCode(), preview.body());
            JsonNode matches = parse(preview);
            assertTrue(matches.isArray() && matches.size() <= 5, preview.body());
            matches.values().forEach(m -> assertTrue(m.get("title") != null && m.get("url") != null, preview.body()));
        }

        @Test
        void thePreviewOfAnEmptyQueryIsRefusedNamingTheField() throws Exception {
            HttpResponse<String> preview = admin().get("/admin/topics/preview?query=");
            assertEquals(400, preview.statusCode(), preview.body());
            assertEquals("query", parse(preview).get("errors").get(0).get("field").getStringValue());
        }

        /** Needs match.Query.parse. */
        @Test
        void thePreviewOfABadQueryAnswersTheSentence() throws Exception {
            HttpResponse<String> preview = admin().get("/admin/topics/preview?query=%22b%C3%A3o");
            assertEquals(400, preview.statusCode(), preview.body());
            JsonNode error = parse(preview).get("errors").get(0);
            assertEquals("query", error.get("field").getStringValue());
            assertNotEquals("", error.get("reason").getStringValue());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class RulesThroughTheApi {

        @Test
        void aCategoryTakesShowsAndClearsBlockRules() throws Exception {
            HttpResponse<String> created = admin().post("/admin/categories",
                    "{\"title\": \"Kinh doanh\", \"block\": [\"quảng cáo\", \" khuyến mãi \"]}");
            assertEquals(201, created.statusCode(), created.body());
            assertEquals(List.of("quảng cáo", "khuyến mãi"), texts(parse(created).get("block")));

            JsonNode renamed = parse(admin().put("/admin/categories/kinh-doanh", "{\"title\": \"Kinh tế\"}"));
            assertEquals(List.of("quảng cáo", "khuyến mãi"), texts(renamed.get("block")), "absent: unchanged");
            JsonNode changed = parse(admin().put("/admin/categories/kinh-doanh", "{\"block\": [\"/^\\\\[PR\\\\]/\"]}"));
            assertEquals(List.of("/^\\[PR\\]/"), texts(changed.get("block")));
            JsonNode cleared = parse(admin().put("/admin/categories/kinh-doanh", "{\"block\": []}"));
            assertEquals(0, cleared.get("block").size());
            assertEquals(null, db.string("SELECT block_rules FROM category WHERE slug = 'kinh-doanh'"));

            JsonNode listed = parse(admin().get("/admin/categories")).get(0);
            assertEquals(List.of("quảng cáo", "/^\\[(PR|QC)\\]/"), texts(listed.get("block")), "the file's, shown");
        }

        @Test
        void aCategoryRuleWithALineBreakIsRefusedNamingItsIndex() throws Exception {
            HttpResponse<String> refused = admin().post("/admin/categories",
                    "{\"title\": \"Kinh doanh\", \"block\": [\"ok\", \"a\\nb\"]}");
            assertEquals(400, refused.statusCode(), refused.body());
            JsonNode error = parse(refused).get("errors").get(0);
            assertEquals("block[1]", error.get("field").getStringValue());
            assertTrue(error.get("reason").getStringValue().startsWith("a rule is one line"), refused.body());
        }

        /** Needs match.Query.parse. */
        @Test
        void aBadCategoryRuleIsRefusedWithTheSentence() throws Exception {
            assertEquals(201, admin().post("/admin/categories", "{\"title\": \"Kinh doanh\"}").statusCode());
            HttpResponse<String> refused = admin().put("/admin/categories/kinh-doanh", "{\"block\": [\"\\\"PR\"]}");
            assertEquals(400, refused.statusCode(), refused.body());
            assertEquals("block[0]", parse(refused).get("errors").get(0).get("field").getStringValue());
        }

        @Test
        void aFeedTakesKeepAndBlockShowsThemAndExportsThem() throws Exception {
            HttpResponse<String> created = admin().post("/admin/feeds", """
                    {"url": "%s", "categories": ["the-gioi"], "keep": ["bóng đá", "V-League"], "block": "cá cược"}
                    """.formatted(fixtures.url("world.json")));
            assertEquals(201, created.statusCode(), created.body());
            long id = parse(created).get("id").getLongValue();
            JsonNode settings = parse(admin().get("/admin/feeds/" + id)).get("settings");
            assertEquals(List.of("bóng đá", "V-League"), texts(settings.get("keep")));
            assertEquals(List.of("cá cược"), texts(settings.get("block")));
            assertEquals("bóng đá\nV-League", db.string("SELECT keep_rules FROM feed WHERE id = " + id));

            JsonNode changed = parse(admin().put("/admin/feeds/" + id, "{\"keep\": []}")).get("settings");
            assertEquals(null, changed.get("keep"), "an empty list clears it, left out like feeds.yml leaves it out");
            assertEquals(List.of("cá cược"), texts(changed.get("block")));

            HttpResponse<String> refused = admin().put("/admin/feeds/" + id, "{\"block\": [\"ok\", \"x\\ny\"]}");
            assertEquals(400, refused.statusCode(), refused.body());
            assertEquals("block[1]", parse(refused).get("errors").get(0).get("field").getStringValue());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Export {

        @Test
        void theExportReadsBackToTheSameCatalog() throws Exception {
            assertEquals(201, admin().post("/admin/categories",
                    "{\"title\": \"Kinh doanh\", \"block\": [\"true\", \"null\", \"12\"]}").statusCode());
            assertEquals(201, admin().post("/admin/topics", """
                    {"title": "Tỷ giá: \\"đô\\" #1", "query": "tỷ giá OR /USD|EUR/ -\\"chợ đen\\"",
                     "categories": ["kinh-doanh", "thoi-su"]}""").statusCode());
            assertEquals(201, admin().post("/admin/feeds", """
                    {"url": "%s", "categories": ["the-gioi"], "keep": ["bóng đá", "yes"], "block": ["/^\\\\[QC\\\\]/"]}
                    """.formatted(fixtures.url("world.json"))).statusCode());
            String yaml = admin().get("/admin/export/feeds.yml").body();
            FeedsFile exported = FeedsFileParser.parse(yaml, "export");
            assertEquals(List.of("true", "null", "12"), exported.categories().get(2).block(), yaml);
            assertEquals(List.of("bão OR lũ -\"bão giá\"", "vàng", "tỷ giá OR /USD|EUR/ -\"chợ đen\""),
                    exported.topics().stream().map(t -> t.query()).toList(), yaml);

            // Applied as the file, then exported again: the same text, every row now the file's.
            db.clear();
            reloadApplied(yaml);
            String again = admin().get("/admin/export/feeds.yml").body();
            assertEquals(yaml, again);
            assertEquals(List.of("bao-lu", "vang", "ty-gia-do-1"), slugs());
            assertEquals(List.of("kinh-doanh", "thoi-su"), topics.findBySlug("ty-gia-do-1").orElseThrow().categories());
        }
    }
}
