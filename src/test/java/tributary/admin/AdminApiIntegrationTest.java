package tributary.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import tributary.catalog.FeedsFileParser;
import tributary.store.CatalogReader;
import tributary.store.FeedSettings;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;

/** The admin API against a real MariaDB and real fixture feeds: auth, CRUD, feeds.yml ownership, live file edits. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiIntegrationTest implements TestPropertyProvider {

    static final String TOKEN = "test-admin-token-0123456789";

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
    CatalogReader catalogReader;

    @Override
    public Map<String, String> getProperties() {
        baseYaml = """
                categories:
                  - title: Thời sự
                  - title: Thế giới
                feeds:
                  - url: %s
                    categories: [thoi-su]
                """.formatted(fixtures.url("vnexpress-thoi-su.rss"));
        feedsYml = FeedsYml.write(baseYaml);
        return feedsYml.properties("tributary.admin-token", TOKEN,
                "tributary.feeds-file-check-interval", "1s");
    }

    @BeforeEach
    void freshCatalog() throws IOException {
        db.clear();
        feedsYml.restore();
        catalog.reload();
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

    private List<String> urls(JsonNode feeds) {
        List<String> urls = new ArrayList<>();
        for (JsonNode feed : feeds.values()) {
            urls.add(feed.get("url").getStringValue());
        }
        return urls;
    }

    private long fileFeedId() throws Exception {
        return parse(admin().get("/admin/feeds")).get(0).get("id").getLongValue();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Authentication {

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({"GET,/admin/feeds", "POST,/admin/feeds", "GET,/admin/feeds/1", "PUT,/admin/feeds/1",
                "DELETE,/admin/feeds/1", "POST,/admin/feeds/1/refresh", "GET,/admin/categories",
                "POST,/admin/categories", "PUT,/admin/categories/x", "DELETE,/admin/categories/x",
                "GET,/admin/export/feeds.yml", "GET,/admin/export/opml", "POST,/admin/import/opml", "GET,/admin/status",
                "GET,/admin/extract", "HEAD,/admin/feeds", "OPTIONS,/admin/feeds", "GET,/admin/no-such-route"})
        void missingOrWrongTokenIsRefusedWith401(String method, String path) throws Exception {
            AdminHttp http = admin();
            String body = method.equals("POST") || method.equals("PUT") ? "{}" : null;
            HttpResponse<String> none = http.send(method, path, body, "application/json", null);
            assertEquals(401, none.statusCode(), "no token: " + method + " " + path);
            assertEquals("Bearer realm=\"tributary-admin\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(401, http.send(method, path, body, "application/json", TOKEN + "x").statusCode());
            assertEquals(401, http.send(method, path, body, "application/json", "").statusCode());
            int right = http.send(method, path, body, "application/json", TOKEN).statusCode();
            assertNotEquals(401, right, "right token: " + method + " " + path);
            assertNotEquals(503, right);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Feeds {

        @Test
        void addingAFeedPollsItOnceAndListsItWithItsHealth() throws Exception {
            HttpResponse<String> created = admin().post("/admin/feeds", """
                    {"url": "%s", "categories": ["Thế giới"], "title": "Thế giới (fixture)", "interval": "30m"}
                    """.formatted(fixtures.url("world.json")));
            assertEquals(201, created.statusCode(), created.body());
            JsonNode feed = parse(created);
            long id = feed.get("id").getLongValue();
            assertEquals("/admin/feeds/" + id, created.headers().firstValue("Location").orElseThrow());
            assertEquals("api", feed.get("origin").getStringValue());
            assertEquals(List.of("the-gioi"), List.of(feed.get("categories").get(0).getStringValue()));
            assertEquals(1800, feed.get("interval_seconds").getLongValue());
            assertEquals(2, feed.get("item_count").getLongValue());
            assertEquals("active", feed.get("health").get("state").getStringValue());
            assertEquals(200, feed.get("health").get("last_status").getIntValue());

            JsonNode list = parse(admin().get("/admin/feeds"));
            assertEquals(2, list.size());
            assertTrue(json.readValue(new AdminHttp(server.getURL().toString(), null)
                    .send("GET", "/feeds/the-gioi.json", null, null, null).body(), JsonNode.class)
                    .get("items").size() == 2, "the new feed is published at once");
        }

        @Test
        void aUrlThatIsNotAFeedIsRefusedWithTheReasonAndLeavesNothing() throws Exception {
            HttpResponse<String> refused = admin().post("/admin/feeds",
                    "{\"url\": \"%s\"}".formatted(fixtures.url("not-a-feed.html")));
            assertEquals(422, refused.statusCode());
            assertTrue(refused.body().contains("was not added: not an RSS or Atom feed"), refused.body());
            assertEquals(1, parse(admin().get("/admin/feeds")).size());
            assertEquals(1, db.count("SELECT COUNT(*) FROM feed"));
        }

        @Test
        void invalidInputNamesEveryFieldItsValueAndWhatIsAllowed() throws Exception {
            HttpResponse<String> response = admin().post("/admin/feeds",
                    "{\"url\": \"ftp://x.example/f\", \"interval\": \"soon\", \"categories\": [\"sport\"]}");
            assertEquals(400, response.statusCode());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
            JsonNode errors = parse(response).get("errors");
            List<String> fields = new ArrayList<>();
            for (JsonNode error : errors.values()) {
                fields.add(error.get("field").getStringValue());
                assertNotNull(error.get("reason"));
            }
            assertEquals(List.of("url", "categories[0]", "interval"), fields);
            assertTrue(response.body().contains("known: thoi-su, the-gioi"), response.body());
            assertEquals(400, admin().post("/admin/feeds", "{not json").statusCode());
        }

        @Test
        void aFileManagedFeedCannotBeChangedOrDeletedThroughTheApi() throws Exception {
            long id = fileFeedId();
            HttpResponse<String> put = admin().put("/admin/feeds/" + id, "{\"title\": \"x\"}");
            assertEquals(409, put.statusCode());
            assertTrue(put.body().contains("this feed is managed by feeds.yml (line 5): edit the file"), put.body());
            assertEquals(409, admin().delete("/admin/feeds/" + id).statusCode());
            assertEquals(200, admin().post("/admin/feeds/" + id + "/refresh", null).statusCode(),
                    "refreshing is not a change");
        }

        @Test
        void changeRefreshAndDeleteAnApiFeedKeepingItsItemsUnlessPurged() throws Exception {
            long id = parse(admin().post("/admin/feeds", "{\"url\": \"%s\"}".formatted(fixtures.url("world.json"))))
                    .get("id").getLongValue();

            HttpResponse<String> put = admin().put("/admin/feeds/" + id,
                    "{\"title\": \"World\", \"categories\": [\"the-gioi\", \"thoi-su\"], \"enabled\": false}");
            assertEquals(200, put.statusCode(), put.body());
            JsonNode changed = parse(put);
            assertEquals("World", changed.get("title").getStringValue());
            assertEquals(2, changed.get("categories").size());
            assertEquals("disabled", changed.get("health").get("state").getStringValue());
            assertEquals(400, admin().put("/admin/feeds/" + id, "{\"url\": \"https://other.example/\"}").statusCode());

            HttpResponse<String> refresh = admin().post("/admin/feeds/" + id + "/refresh", null);
            assertEquals(200, refresh.statusCode(), refresh.body());
            JsonNode refreshed = parse(refresh);
            assertEquals("not_modified", refreshed.get("result").getStringValue(), "the same body again is not a change");

            assertEquals(204, admin().delete("/admin/feeds/" + id).statusCode());
            assertEquals(404, admin().get("/admin/feeds/" + id).statusCode());
            assertEquals(2, db.count("SELECT COUNT(*) FROM item WHERE feed_id = " + id), "items kept for merged outputs");

            long again = parse(admin().post("/admin/feeds", "{\"url\": \"%s\"}".formatted(fixtures.url("world.json"))))
                    .get("id").getLongValue();
            assertEquals(id, again, "re-adding a removed URL brings the same feed back");
            assertEquals(204, admin().delete("/admin/feeds/" + id + "?purge=true").statusCode());
            assertEquals(0, db.count("SELECT COUNT(*) FROM item WHERE feed_id = " + id));
        }

        @Test
        void addingAUrlTwiceIsAConflict() throws Exception {
            HttpResponse<String> response = admin().post("/admin/feeds",
                    "{\"url\": \"%s\"}".formatted(fixtures.url("vnexpress-thoi-su.rss")));
            assertEquals(409, response.statusCode());
            assertTrue(response.body().contains("is already listed as feed #"), response.body());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class FeedZone {

        @Test
        void aZoneGivenOnAddIsShownReadAndExported() throws Exception {
            HttpResponse<String> created = admin().post("/admin/feeds", """
                    {"url": "%s", "categories": ["the-gioi"], "zone": "Asia/Ho_Chi_Minh"}
                    """.formatted(fixtures.url("world.json")));
            assertEquals(201, created.statusCode(), created.body());
            long id = parse(created).get("id").getLongValue();
            assertEquals("Asia/Ho_Chi_Minh", parse(created).get("zone").getStringValue());
            assertEquals("Asia/Ho_Chi_Minh", parse(admin().get("/admin/feeds/" + id)).get("zone").getStringValue());
            assertEquals(1, db.count("SELECT COUNT(*) FROM feed WHERE zone = 'Asia/Ho_Chi_Minh'"));

            String yaml = admin().get("/admin/export/feeds.yml").body();
            assertTrue(yaml.contains("    zone: \"Asia/Ho_Chi_Minh\"\n"), yaml);
            tributary.catalog.FeedsFile file = tributary.catalog.FeedsFileParser.parse(yaml, "export");
            assertEquals(java.time.ZoneId.of("Asia/Ho_Chi_Minh"), file.feeds().get(1).settings().zone());
        }

        @Test
        void aFileFeedsZoneIsShown() throws Exception {
            feedsYml.rewrite(baseYaml.replace("    categories: [thoi-su]\n",
                    "    categories: [thoi-su]\n    zone: Asia/Bangkok\n"));
            assertTrue(catalog.reload().isPresent(), catalog.lastProblem().orElse(""));
            assertEquals("Asia/Bangkok", parse(admin().get("/admin/feeds")).get(0).get("zone").getStringValue());
        }

        @Test
        void aPutChangesOrClearsTheZoneAndKeepsWhatItDoesNotName() throws Exception {
            long id = parse(admin().post("/admin/feeds", """
                    {"url": "%s", "title": "World", "categories": ["the-gioi"], "interval": "30m"}
                    """.formatted(fixtures.url("world.json")))).get("id").getLongValue();
            assertNull(parse(admin().get("/admin/feeds/" + id)).get("zone"), "no zone until one is set");

            HttpResponse<String> put = admin().put("/admin/feeds/" + id, "{\"zone\": \"+07:00\"}");
            assertEquals(200, put.statusCode(), put.body());
            JsonNode changed = parse(put);
            assertEquals("+07:00", changed.get("zone").getStringValue());
            assertEquals("World", changed.get("title_override").getStringValue());
            assertEquals(List.of("the-gioi"), List.of(changed.get("categories").get(0).getStringValue()));
            assertEquals(1800, changed.get("interval_seconds").getLongValue());

            JsonNode cleared = parse(admin().put("/admin/feeds/" + id, "{\"zone\": \"\"}"));
            assertNull(cleared.get("zone"), "an empty zone clears it");
            assertEquals("World", cleared.get("title_override").getStringValue());
        }

        @Test
        void theSettingsShownAreFeedsYmlsKeysAndWhatAPutTakesBack() throws Exception {
            long id = parse(admin().post("/admin/feeds", """
                    {"url": "%s", "title": "World", "categories": ["the-gioi"], "interval": "1h30m", "zone": "+07:00"}
                    """.formatted(fixtures.url("world.json")))).get("id").getLongValue();
            JsonNode settings = parse(admin().get("/admin/feeds/" + id)).get("settings");
            assertEquals(fixtures.url("world.json"), settings.get("url").getStringValue());
            assertEquals("World", settings.get("title").getStringValue());
            assertEquals("the-gioi", settings.get("categories").get(0).getStringValue());
            assertEquals("1h30m", settings.get("interval").getStringValue());
            assertEquals("+07:00", settings.get("zone").getStringValue());

            HttpResponse<String> put = admin().put("/admin/feeds/" + id, json.writeValueAsString(settings));
            assertEquals(200, put.statusCode(), put.body());
            assertEquals(settings, parse(put).get("settings"));
        }

        @Test
        void anInvalidZoneIsRefusedNamingTheFieldAndWhatIsAllowed() throws Exception {
            HttpResponse<String> refused = admin().post("/admin/feeds",
                    "{\"url\": \"%s\", \"zone\": \"Hanoi\"}".formatted(fixtures.url("world.json")));
            assertEquals(400, refused.statusCode(), refused.body());
            JsonNode error = parse(refused).get("errors").get(0);
            assertEquals("zone", error.get("field").getStringValue());
            assertEquals("Hanoi", error.get("value").getStringValue());
            assertTrue(error.get("reason").getStringValue().contains("'Hanoi' is not a time zone: write an offset like"
                    + " +07:00 or a name like Asia/Ho_Chi_Minh"), refused.body());
            assertEquals(1, db.count("SELECT COUNT(*) FROM feed"), "nothing added");

            long id = parse(admin().post("/admin/feeds", "{\"url\": \"%s\", \"zone\": \"Asia/Tokyo\"}"
                    .formatted(fixtures.url("world.json")))).get("id").getLongValue();
            assertEquals(400, admin().put("/admin/feeds/" + id, "{\"zone\": \"Mars/Olympus\"}").statusCode());
            assertEquals("Asia/Tokyo", parse(admin().get("/admin/feeds/" + id)).get("zone").getStringValue());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class FullText {

        private static final String ISSUE_EXAMPLE = """
                "full_text": true, "full_text_selector": "article.fck_detail",
                "full_text_remove": [".box-tinlienquan", ".banner"]""";

        private long addWorld(String settings) throws Exception {
            HttpResponse<String> created = admin().post("/admin/feeds", """
                    {"url": "%s", "title": "World", "categories": ["the-gioi"], %s}
                    """.formatted(fixtures.url("world.json"), settings));
            assertEquals(201, created.statusCode(), created.body());
            return parse(created).get("id").getLongValue();
        }

        private List<String> texts(JsonNode array) {
            List<String> texts = new ArrayList<>();
            array.values().forEach(value -> texts.add(value.getStringValue()));
            return texts;
        }

        private void assertIssueExample(JsonNode settings) {
            assertTrue(settings.get("full_text").getBooleanValue(), settings.toString());
            assertEquals("article.fck_detail", settings.get("full_text_selector").getStringValue());
            assertEquals(List.of(".box-tinlienquan", ".banner"), texts(settings.get("full_text_remove")));
        }

        @Test
        void postedSettingsAreShownStoredExportedAndReadBackEqual() throws Exception {
            HttpResponse<String> created = admin().post("/admin/feeds", """
                    {"url": "%s", "categories": ["the-gioi"], %s}
                    """.formatted(fixtures.url("world.json"), ISSUE_EXAMPLE));
            assertEquals(201, created.statusCode(), created.body());
            long id = parse(created).get("id").getLongValue();
            assertIssueExample(parse(created).get("settings"));
            assertIssueExample(parse(admin().get("/admin/feeds/" + id)).get("settings"));

            assertEquals(1, db.count("SELECT COUNT(*) FROM feed WHERE id = " + id
                    + " AND full_text AND full_text_selector = 'article.fck_detail'"));
            assertEquals(".box-tinlienquan\n.banner", db.string("SELECT full_text_remove FROM feed WHERE id = " + id),
                    "one selector per line");

            String yaml = admin().get("/admin/export/feeds.yml").body();
            assertTrue(yaml.contains("""
                        full_text: true
                        full_text_selector: "article.fck_detail"
                        full_text_remove: [".box-tinlienquan", ".banner"]
                    """), yaml);
            tributary.catalog.FeedsFile file = FeedsFileParser.parse(yaml, "export");
            FeedSettings exported = file.feeds().get(1).settings();
            assertEquals(new FeedSettings.FullText(true, "article.fck_detail", List.of(".box-tinlienquan", ".banner")),
                    exported.fullText());
            assertEquals(catalogReader.feedSettings(id).orElseThrow(), exported, "the export reads back the same");
        }

        @Test
        void aFileFeedsFullTextSettingsAreShown() throws Exception {
            feedsYml.rewrite(baseYaml.replace("    categories: [thoi-su]\n", """
                        categories: [thoi-su]
                        full_text: true
                        full_text_selector: "article.fck_detail"
                        full_text_remove:
                          - .box-tinlienquan
                          - .banner
                    """));
            assertTrue(catalog.reload().isPresent(), catalog.lastProblem().orElse(""));
            assertIssueExample(parse(admin().get("/admin/feeds")).get(0).get("settings"));
        }

        @Test
        void aPutChangesOneSettingAndKeepsTheOthers() throws Exception {
            long id = addWorld(ISSUE_EXAMPLE);

            JsonNode changed = parse(admin().put("/admin/feeds/" + id, "{\"full_text_selector\": \"div#main-detail\"}"));
            JsonNode settings = changed.get("settings");
            assertEquals("div#main-detail", settings.get("full_text_selector").getStringValue());
            assertTrue(settings.get("full_text").getBooleanValue());
            assertEquals(List.of(".box-tinlienquan", ".banner"), texts(settings.get("full_text_remove")));
            assertEquals("World", changed.get("title_override").getStringValue());

            JsonNode off = parse(admin().put("/admin/feeds/" + id, "{\"full_text\": false}")).get("settings");
            assertNull(off.get("full_text"), "off is the default, left out as feeds.yml leaves it out");
            assertEquals("div#main-detail", off.get("full_text_selector").getStringValue());
            assertEquals(2, off.get("full_text_remove").size());

            JsonNode removeChanged = parse(admin().put("/admin/feeds/" + id, "{\"full_text_remove\": [\"aside\"]}"))
                    .get("settings");
            assertEquals(List.of("aside"), texts(removeChanged.get("full_text_remove")), "a list replaces the list");
            assertEquals("div#main-detail", removeChanged.get("full_text_selector").getStringValue());
        }

        @Test
        void anEmptySelectorClearsIt() throws Exception {
            long id = addWorld(ISSUE_EXAMPLE);

            HttpResponse<String> put = admin().put("/admin/feeds/" + id, "{\"full_text_selector\": \"\"}");

            assertEquals(200, put.statusCode(), put.body());
            JsonNode settings = parse(put).get("settings");
            assertNull(settings.get("full_text_selector"), put.body());
            assertTrue(settings.get("full_text").getBooleanValue());
            assertEquals(2, settings.get("full_text_remove").size());
            assertNull(db.string("SELECT full_text_selector FROM feed WHERE id = " + id));
        }

        @Test
        void anInvalidSelectorIsRefusedNamingTheFieldTheValueAndTheReasonAndNothingChanges() throws Exception {
            HttpResponse<String> refused = admin().post("/admin/feeds", """
                    {"url": "%s", "full_text": true, "full_text_selector": "article["}
                    """.formatted(fixtures.url("world.json")));
            assertEquals(400, refused.statusCode(), refused.body());
            JsonNode error = parse(refused).get("errors").get(0);
            assertEquals("full_text_selector", error.get("field").getStringValue());
            assertEquals("article[", error.get("value").getStringValue());
            assertTrue(error.get("reason").getStringValue().startsWith(
                    "full_text_selector 'article[' is not a CSS selector jsoup can read ("), refused.body());
            assertTrue(error.get("reason").getStringValue().endsWith(
                    "): write it like article.fck_detail, div#main-detail or .box-tinlienquan"), refused.body());
            assertEquals(1, db.count("SELECT COUNT(*) FROM feed"), "nothing added");

            long id = addWorld(ISSUE_EXAMPLE);
            HttpResponse<String> put = admin().put("/admin/feeds/" + id,
                    "{\"full_text\": false, \"full_text_selector\": \"article[\", \"full_text_remove\": [\"nav\", \"div[\"]}");
            assertEquals(400, put.statusCode(), put.body());
            JsonNode errors = parse(put).get("errors");
            assertEquals("full_text_selector", errors.get(0).get("field").getStringValue());
            assertEquals("full_text_remove[1]", errors.get(1).get("field").getStringValue());
            assertEquals("div[", errors.get(1).get("value").getStringValue());
            assertIssueExample(parse(admin().get("/admin/feeds/" + id)).get("settings"));
        }

        @Test
        void aSingleRemoveSelectorGivenAsAStringIsAListOfOne() throws Exception {
            long id = addWorld("\"full_text\": true, \"full_text_remove\": \".banner\"");

            JsonNode settings = parse(admin().get("/admin/feeds/" + id)).get("settings");

            assertEquals(List.of(".banner"), texts(settings.get("full_text_remove")));
            assertEquals(".banner", db.string("SELECT full_text_remove FROM feed WHERE id = " + id));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Categories {

        @Test
        void addRenameAndDeleteACategory() throws Exception {
            HttpResponse<String> created = admin().post("/admin/categories",
                    "{\"title\": \"Đời sống\", \"description\": \"Xã hội\"}");
            assertEquals(201, created.statusCode(), created.body());
            assertEquals("doi-song", parse(created).get("slug").getStringValue());

            JsonNode renamed = parse(admin().put("/admin/categories/doi-song", "{\"title\": \"Đời sống – Xã hội\"}"));
            assertEquals("doi-song", renamed.get("slug").getStringValue(), "the slug stays unless asked");
            assertEquals("Đời sống – Xã hội", renamed.get("title").getStringValue());
            assertEquals("song", parse(admin().put("/admin/categories/doi-song", "{\"slug\": \"song\"}"))
                    .get("slug").getStringValue());

            admin().post("/admin/feeds", "{\"url\": \"%s\", \"categories\": [\"song\"]}".formatted(fixtures.url("world.json")));
            HttpResponse<String> inUse = admin().delete("/admin/categories/song");
            assertEquals(409, inUse.statusCode());
            assertTrue(inUse.body().contains("1 feed uses category 'song'"), inUse.body());
            assertEquals(204, admin().delete("/admin/categories/song?force=true").statusCode());
            assertEquals(404, admin().put("/admin/categories/song", "{\"title\": \"x\"}").statusCode());
        }

        @Test
        void aDescriptionChangesAndASlugAlreadyTakenIsAConflict() throws Exception {
            admin().post("/admin/categories", "{\"title\": \"Đời sống\"}");
            JsonNode described = parse(admin().put("/admin/categories/doi-song", "{\"description\": \"Xã hội\"}"));
            assertEquals("Xã hội", described.get("description").getStringValue());
            assertNull(parse(admin().put("/admin/categories/doi-song", "{\"description\": \"\"}")).get("description"),
                    "an empty description clears it");

            HttpResponse<String> taken = admin().put("/admin/categories/doi-song", "{\"slug\": \"the-gioi\"}");
            assertEquals(409, taken.statusCode(), taken.body());
            assertTrue(taken.body().contains("category 'the-gioi' already exists"), taken.body());
            assertEquals(200, admin().get("/admin/categories").statusCode());
            assertEquals(1, db.count("SELECT COUNT(*) FROM category WHERE slug = 'doi-song'"), "nothing changed");
        }

        @Test
        void fileCategoriesAreManagedByTheFileAndBadSlugsAreRefused() throws Exception {
            HttpResponse<String> response = admin().delete("/admin/categories/thoi-su");
            assertEquals(409, response.statusCode());
            assertTrue(response.body().contains("managed by feeds.yml (line 2)"), response.body());
            assertEquals(400, admin().post("/admin/categories", "{\"title\": \"X\", \"slug\": \"Not A Slug\"}").statusCode());
            assertEquals(400, admin().post("/admin/categories", "{\"title\": \"All\"}").statusCode());
            assertEquals(409, admin().post("/admin/categories", "{\"title\": \"Thời sự\"}").statusCode());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class FeedsFileFollowing {

        @Test
        void editsOnDiskAreFollowedAndABrokenFileIsReportedWhileTheLastGoodListStays() throws Exception {
            String added = baseYaml + "  - url: %s\n    categories: [the-gioi]\n".formatted(fixtures.url("world.json"));
            feedsYml.rewrite(added);
            catalog.reloadIfChanged();
            assertEquals(2, parse(admin().get("/admin/feeds")).size());

            feedsYml.rewrite(added.replace("categories: [the-gioi]", "categories: [the-gioi, thoi-su]"));
            catalog.reloadIfChanged();
            JsonNode world = parse(admin().get("/admin/feeds")).get(1);
            assertEquals(2, world.get("categories").size());
            assertEquals("file", world.get("origin").getStringValue());

            feedsYml.rewrite(baseYaml);
            catalog.reloadIfChanged();
            assertEquals(1, parse(admin().get("/admin/feeds")).size(), "removed from the file, removed from the list");
            JsonNode applied = parse(admin().get("/admin/status"));
            assertTrue(applied.get("feeds_file_applied").getBooleanValue(), "this file is the one in force");
            assertTrue(applied.get("instance").getStringValue().contains("-"), "host-pid-random by default");
            long revision = applied.get("catalog_revision").getLongValue();

            feedsYml.rewrite(baseYaml.replace("categories: [thoi-su]", "categories: [sport]"));
            catalog.reloadIfChanged();
            JsonNode status = parse(admin().get("/admin/status"));
            String problem = status.get("feeds_file_problem").getStringValue();
            assertTrue(problem.contains(":6: unknown category 'sport'"), problem);
            assertEquals(1, status.get("feeds").getLongValue());
            assertFalse(status.get("feeds_file_applied").getBooleanValue(), "a refused file is not in force");
            assertEquals(revision, status.get("catalog_revision").getLongValue(), "a refused file changes nothing");
            assertEquals(List.of("thoi-su"), List.of(parse(admin().get("/admin/feeds")).get(0).get("categories").get(0)
                    .getStringValue()));
        }

        @Test
        void theWatcherAppliesASaveWithinSeconds() throws Exception {
            feedsYml.rewrite(baseYaml + "  - url: %s\n".formatted(fixtures.url("world.json")));
            long deadline = System.nanoTime() + 15_000_000_000L;
            int feeds = 1;
            while (feeds != 2 && System.nanoTime() < deadline) {
                Thread.sleep(200); // awaiting the scheduled watcher (interval 1s), not a poll interval
                feeds = parse(admin().get("/admin/feeds")).size();
            }
            assertEquals(2, feeds);
        }

        @Test
        void exportedFeedsYmlIsAValidFeedsYmlWithTheWholeList() throws Exception {
            admin().post("/admin/categories", "{\"title\": \"Đời sống\"}");
            admin().post("/admin/feeds", "{\"url\": \"%s\", \"categories\": [\"doi-song\"], \"interval\": \"1h30m\"}"
                    .formatted(fixtures.url("world.json")));
            HttpResponse<String> export = admin().get("/admin/export/feeds.yml");
            assertEquals(200, export.statusCode());
            tributary.catalog.FeedsFile file = tributary.catalog.FeedsFileParser.parse(export.body(), "export");
            assertEquals(List.of("thoi-su", "the-gioi", "doi-song"),
                    file.categories().stream().map(tributary.catalog.CategorySpec::slug).toList());
            assertEquals(2, file.feeds().size());
            assertEquals(java.time.Duration.ofMinutes(90), file.feeds().get(1).settings().interval());
            assertEquals(List.of("doi-song"), file.feeds().get(1).settings().categories());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Opml {

        @Test
        void exportThenImportIntoAnEmptyInstanceGivesTheSameList() throws Exception {
            admin().post("/admin/feeds", "{\"url\": \"%s\", \"categories\": [\"the-gioi\", \"thoi-su\"]}"
                    .formatted(fixtures.url("world.json")));
            String opml = admin().get("/admin/export/opml").body();
            List<String> before = urls(parse(admin().get("/admin/feeds")));

            db.clear();
            HttpResponse<String> imported = admin().send("POST", "/admin/import/opml", opml, "text/x-opml", TOKEN);
            assertEquals(200, imported.statusCode(), imported.body());
            JsonNode report = parse(imported);
            assertEquals(2, report.get("categories_created").size(), imported.body() + "\n" + opml);
            assertEquals(0, report.get("skipped").size(), imported.body());

            JsonNode after = parse(admin().get("/admin/feeds"));
            assertEquals(before.stream().sorted().toList(), urls(after).stream().sorted().toList());
            assertEquals("api", after.get(0).get("origin").getStringValue());
            for (JsonNode feed : after.values()) {
                if (feed.get("url").getStringValue().endsWith("world.json")) {
                    assertEquals(2, feed.get("categories").size(), "a feed in two folders is in both categories");
                }
            }
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "commafeed/opml_v2.0.xml, 1, 0",
                "commafeed/opml_v1.0.xml, 1, 0",
                "rsparser/Subs.opml, -1, 0",
                "rsparser/SubsNoTitleAttributes.opml, -1, 0",
                "feedvalidator-errors/subscriptionListErrors1.opml, -1, 1",
                "feedvalidator-errors/missingUrlAttribute.opml, -1, 1"})
        void corpusListsAreImportedWithSkipsExplained(String file, int added, int minSkipped) throws Exception {
            Path path = Path.of("../shared/corpus/opml").resolve(file);
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(path), "corpus not found at " + path.toAbsolutePath());
            HttpResponse<String> response = admin().send("POST", "/admin/import/opml",
                    Files.readString(path, StandardCharsets.ISO_8859_1), "text/x-opml", TOKEN);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode report = parse(response);
            if (added >= 0) {
                assertEquals(added, report.get("added").size(), response.body());
            } else {
                assertFalse(report.get("added").size() == 0 && minSkipped == 0, response.body());
            }
            assertTrue(report.get("skipped").size() >= minSkipped, response.body());
            for (JsonNode skipped : report.get("skipped").values()) {
                assertTrue(skipped.get("reason").getStringValue().length() > 10);
            }
        }

        @Test
        void bodiesOverOneMebibyteAreRefused() throws Exception {
            String big = "<opml version=\"2.0\"><body>" + "<outline text=\"x\"/>".repeat(60_000) + "</body></opml>";
            HttpResponse<String> response = admin().send("POST", "/admin/import/opml", big, "text/x-opml", TOKEN);
            assertEquals(413, response.statusCode());
            assertTrue(response.body().contains("limited to 1 MiB"), response.body());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"feedvalidator-errors/notwellformed.opml", "feedvalidator-errors/notEncoded.opml"})
        void brokenListsAreRefusedWithTheLineAndNothingIsImported(String file) throws Exception {
            Path path = Path.of("../shared/corpus/opml").resolve(file);
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(path), "corpus not found at " + path.toAbsolutePath());
            HttpResponse<String> response = admin().send("POST", "/admin/import/opml",
                    Files.readString(path, StandardCharsets.ISO_8859_1), "text/x-opml", TOKEN);
            assertEquals(400, response.statusCode(), response.body());
            assertTrue(response.body().contains("not well-formed XML at line"), response.body());
            assertEquals(1, parse(admin().get("/admin/feeds")).size());
        }
    }
}
