package tributary.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import tributary.catalog.CatalogEditor;
import tributary.catalog.CatalogLoader;
import tributary.store.FeedSettings;
import tributary.store.PollHistory;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * The admin console's API on a real MariaDB with real polls of a loopback fixture server: poll history recorded and
 * pruned, the fleet summary, the paged list (search, filters, sorts), bulk actions, and its validation answers.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleApiIntegrationTest implements TestPropertyProvider {

    private final FixtureFeedServer fixtures = new FixtureFeedServer();
    private FeedsYml feedsYml;

    @Inject
    EmbeddedServer server;

    @Inject
    CatalogLoader catalog;

    @Inject
    CatalogEditor editor;

    @Inject
    Database db;

    @Inject
    JsonMapper json;

    @Inject
    PollHistory history;

    @Inject
    TestClock clock;

    @Override
    public Map<String, String> getProperties() {
        feedsYml = FeedsYml.write("""
                categories:
                  - title: Thời sự
                  - title: Thế giới
                feeds:
                  - url: %s
                    categories: [thoi-su]
                """.formatted(fixtures.url("tintuc-thoi-su.rss")));
        return feedsYml.properties("tributary.admin-token", AdminApiIntegrationTest.TOKEN,
                "tributary.retention.poll-history-per-feed", "5", "tributary.retention.poll-history-days", "3");
    }

    @BeforeEach
    void freshCatalog() throws IOException {
        db.clear();
        feedsYml.restore();
        catalog.reload();
        fixtures.reset();
        clock.set(TestClock.START);
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    private AdminHttp admin() {
        return new AdminHttp(server.getURL().toString(), AdminApiIntegrationTest.TOKEN);
    }

    private JsonNode parse(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), JsonNode.class);
    }

    private JsonNode ok(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        return parse(response);
    }

    /** Adds a feed through the API: it is polled once, as the page's Add does. */
    private long addPolled(String fixture, String category) throws Exception {
        HttpResponse<String> added = admin().post("/admin/feeds",
                "{\"url\": \"" + fixtures.url(fixture) + "\", \"categories\": [\"" + category + "\"]}");
        assertEquals(201, added.statusCode(), added.body());
        return parse(added).get("id").getLongValue();
    }

    /** Adds a feed without polling it, with the title it would have. */
    private long addUnpolled(String url, String title, String... categories) {
        long id = editor.addFeed(FeedSettings.of(URI.create(url)).withCategories(List.of(categories)));
        db.update("UPDATE feed SET title = ? WHERE id = ?", title, id);
        return id;
    }

    private long fileFeedId() {
        return db.count("SELECT id FROM feed WHERE origin = 'file'");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode node : array.values()) {
            values.add(node.get(field).coerceStringValue());
        }
        return values;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PollHistoryOfAFeed {

        @Test
        void everyPollLeavesOneRowWithItsOutcomeStatusDurationAndNewItems() throws Exception {
            long id = addPolled("vnexpress-thoi-su.rss", "thoi-su");
            clock.advance(Duration.ofMinutes(20));
            assertEquals("not_modified", ok(admin().post("/admin/feeds/" + id + "/refresh", "")).get("result")
                    .getStringValue());
            clock.advance(Duration.ofMinutes(20));
            fixtures.override("vnexpress-thoi-su.rss", new FixtureFeedServer.Answer(500, "text/plain",
                    "down".getBytes(StandardCharsets.UTF_8)));
            ok(admin().post("/admin/feeds/" + id + "/refresh", ""));

            JsonNode feed = ok(admin().get("/admin/feeds/" + id + "/history"));
            JsonNode polls = feed.get("polls");
            assertEquals(List.of("error", "not-modified", "ok"), texts(polls, "outcome"), "newest first");
            // The fixture server sends no validators: the same bytes again are not modified, with their 200.
            assertEquals(List.of("500", "200", "200"), texts(polls, "status"));
            assertEquals(List.of("0", "0", "3"), texts(polls, "items_new"));
            assertEquals(TestClock.START.toString(), polls.get(2).get("at").getStringValue());
            assertTrue(polls.get(0).get("error").getStringValue().contains("500"), polls.toString());
            assertTrue(polls.get(0).get("duration_ms").getIntValue() >= 0);
            assertEquals(14, feed.get("items_per_day").size());
            assertEquals(3, db.count("SELECT COUNT(*) FROM poll_history WHERE feed_id = " + id));
            assertEquals(java.time.LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC),
                    db.timestamp("SELECT last_error_at FROM feed WHERE id = " + id),
                    "the failure's time is kept for the list's sort");
        }

        @Test
        void itemsPerDayCountTheFeedsItemsByDayOfPublication() throws Exception {
            long id = addPolled("vnexpress-thoi-su.rss", "thoi-su");
            long stored = db.count("SELECT COUNT(*) FROM item WHERE feed_id = " + id);
            db.update("UPDATE item SET published_at = ? WHERE feed_id = ?", TestClock.START.minus(Duration.ofDays(2)),
                    id);
            JsonNode days = ok(admin().get("/admin/feeds/" + id + "/history")).get("items_per_day");
            assertEquals("2026-01-28", days.get(13).get("day").getStringValue(), "today, in Asia/Ho_Chi_Minh");
            assertEquals(stored, days.get(11).get("items").getLongValue());
            assertEquals(0, days.get(13).get("items").getLongValue());
        }

        @Test
        void pruningKeepsTheNewestPollsOfEachFeedAndNoneOlderThanTheDays() {
            long a = addUnpolled(fixtures.url("a.rss"), "A", "thoi-su");
            long b = addUnpolled(fixtures.url("b.rss"), "B", "thoi-su");
            Instant now = TestClock.START;
            for (int i = 0; i < 8; i++) {
                history.record(a, now.minus(Duration.ofHours(i)), "ok", 200, 5, 0, null);
            }
            history.record(b, now.minus(Duration.ofDays(4)), "error", 500, 5, 0, "down");
            history.record(b, now.minus(Duration.ofDays(1)), "ok", 200, 5, 1, null);

            long deleted = history.prune(now);

            assertEquals(4, deleted, "3 of a past its newest 5, 1 of b past 3 days");
            assertEquals(now.minus(Duration.ofHours(4)).toString(), history.latest(List.of(a), 30).get(a).get(4)
                    .startedAt().toString());
            assertEquals(5, history.latest(List.of(a), 30).get(a).size());
            assertEquals(List.of("ok"), history.latest(List.of(b), 30).get(b).stream().map(PollHistory.Poll::outcome)
                    .toList());
        }

        @Test
        void removingAFeedForGoodRemovesItsHistory() throws Exception {
            long id = addPolled("vnexpress-thoi-su.rss", "thoi-su");
            assertEquals(204, admin().delete("/admin/feeds/" + id + "?purge=true").statusCode());
            assertEquals(0, db.count("SELECT COUNT(*) FROM poll_history"));
        }
    }

    @Test
    void theSummaryCountsFeedsByStateAndPollsPerOutcomePerHour() throws Exception {
        long a = addUnpolled(fixtures.url("a.rss"), "A", "thoi-su");
        long b = addUnpolled(fixtures.url("b.rss"), "B", "thoi-su");
        db.update("UPDATE feed SET consecutive_failures = 2, last_error = 'down' WHERE id = ?", b);
        db.update("UPDATE feed SET enabled = FALSE WHERE id = ?", fileFeedId());
        Instant now = TestClock.START.plus(Duration.ofMinutes(30));
        clock.set(now);
        history.record(a, now.minus(Duration.ofMinutes(10)), "ok", 200, 5, 2, null);
        history.record(a, now.minus(Duration.ofMinutes(20)), "not-modified", 304, 5, 0, null);
        history.record(b, now.minus(Duration.ofMinutes(25)), "error", 500, 5, 0, "down");
        history.record(b, now.minus(Duration.ofHours(3)), "error", 500, 5, 0, "down");
        history.record(b, now.minus(Duration.ofHours(30)), "error", 500, 5, 0, "too old for the chart");

        JsonNode summary = ok(admin().get("/admin/summary"));

        assertEquals(3, summary.get("feeds").getLongValue());
        JsonNode states = summary.get("feeds_by_state");
        assertEquals(1, states.get("active").getLongValue());
        assertEquals(1, states.get("backing-off").getLongValue());
        assertEquals(1, states.get("disabled").getLongValue());
        assertEquals(0, states.get("gone").getLongValue());
        JsonNode hours = summary.get("polls_per_hour");
        assertEquals(24, hours.size());
        JsonNode last = hours.get(23);
        assertEquals("2026-01-28T12:00:00Z", last.get("hour").getStringValue());
        assertEquals(1, last.get("polls").get("ok").getLongValue());
        assertEquals(1, last.get("polls").get("not-modified").getLongValue());
        assertEquals(1, last.get("polls").get("error").getLongValue());
        assertEquals(1, hours.get(20).get("polls").get("error").getLongValue(), "three hours before");
        assertEquals("2026-01-27T13:00:00Z", hours.get(0).get("hour").getStringValue());
        assertEquals(0, hours.get(0).get("polls").size());
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TheList {

        private long hanoi;
        private long world;
        private long broken;

        @BeforeEach
        void someFeeds() {
            hanoi = addUnpolled(fixtures.url("ha-noi.rss"), "VnExpress – Hà Nội", "thoi-su");
            world = addUnpolled(fixtures.url("the-gioi.rss"), "Tuổi Trẻ – Thế giới", "the-gioi");
            broken = addUnpolled(fixtures.url("broken.rss"), "Thanh Niên – Thời sự", "thoi-su", "the-gioi");
            db.update("UPDATE feed SET consecutive_failures = 4, last_error = 'HTTP 500', last_error_at = ? WHERE id = ?",
                    TestClock.START, broken);
            db.update("UPDATE feed SET consecutive_failures = 1, last_error = 'timeout', last_error_at = ? WHERE id = ?",
                    TestClock.START.plus(Duration.ofHours(1)), world);
            for (int i = 0; i < 3; i++) {
                db.update("INSERT INTO item (feed_id, identity_hash, story_hash, content_hash, title, published_at, "
                        + "first_seen_at) VALUES (?, ?, ?, ?, 'x', ?, ?)", hanoi, "h" + i, "s" + i, "c" + i,
                        TestClock.START, TestClock.START);
            }
        }

        private JsonNode search(String query) throws Exception {
            return ok(admin().get("/admin/feeds/search" + query));
        }

        @Test
        void pagesComeInTheAskedSizeWithTheTotal() throws Exception {
            JsonNode first = search("?sort=title&size=2");
            assertEquals(4, first.get("total").getLongValue());
            assertEquals(2, first.get("feeds").size());
            JsonNode second = search("?sort=title&size=2&page=2");
            assertEquals(2, second.get("feeds").size());
            JsonNode third = search("?sort=title&size=2&page=3");
            assertEquals(0, third.get("feeds").size());
            List<String> titles = new ArrayList<>(texts(first.get("feeds"), "title"));
            titles.addAll(texts(second.get("feeds"), "title"));
            assertEquals(4, titles.stream().distinct().count(), titles.toString());
        }

        @Test
        void searchFindsTitlesWithOrWithoutDiacriticsAndUrls() throws Exception {
            assertEquals(List.of("VnExpress – Hà Nội"), texts(search("?q=ha%20noi").get("feeds"), "title"));
            assertEquals(List.of("VnExpress – Hà Nội"), texts(search("?q=H%C3%A0%20N%E1%BB%99i").get("feeds"), "title"));
            assertEquals(List.of("Tuổi Trẻ – Thế giới"), texts(search("?q=the-gioi.rss").get("feeds"), "title"));
            assertEquals(0, search("?q=%25").get("total").getLongValue(), "a % is a character, not a wildcard");
        }

        @Test
        void filtersByStateAndCategory() throws Exception {
            assertEquals(List.of("Thanh Niên – Thời sự", "Tuổi Trẻ – Thế giới"),
                    texts(search("?state=backing-off").get("feeds"), "title"));
            assertEquals(List.of("Thanh Niên – Thời sự", "Tuổi Trẻ – Thế giới"),
                    texts(search("?category=the-gioi").get("feeds"), "title"));
            assertEquals(List.of("Thanh Niên – Thời sự"),
                    texts(search("?category=thoi-su&state=backing-off").get("feeds"), "title"));
        }

        @Test
        void sortsByFailuresLastErrorAndItems() throws Exception {
            assertEquals(List.of(broken, world), ids(search("?sort=failures&size=2")));
            assertEquals(List.of(world, broken), ids(search("?sort=last-error&size=2")));
            assertEquals(hanoi, ids(search("?sort=items")).get(0));
            assertEquals(3, search("?sort=items").get("feeds").get(0).get("item_count").getLongValue());
            assertEquals(List.of(world, broken), ids(search("?sort=failures&order=asc")).subList(2, 4));
        }

        @Test
        void eachFeedComesWithItsPollsAndItemsPerDay() throws Exception {
            history.record(broken, TestClock.START, "error", 500, 120, 0, "HTTP 500");
            JsonNode feed = search("?sort=failures&size=1").get("feeds").get(0);
            assertEquals("error", feed.get("polls").get(0).get("outcome").getStringValue());
            assertEquals(120, feed.get("polls").get(0).get("duration_ms").getIntValue());
            assertEquals(14, feed.get("items_per_day").size());
            assertEquals("backing-off", feed.get("health").get("state").getStringValue());
            assertEquals(TestClock.START.toString(), feed.get("health").get("last_error_at").getStringValue());
            assertTrue(feed.get("settings").get("categories").size() == 2, feed.toString());
        }

        private List<Long> ids(JsonNode page) {
            List<Long> ids = new ArrayList<>();
            for (JsonNode feed : page.get("feeds").values()) {
                ids.add(feed.get("id").getLongValue());
            }
            return ids;
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"?sort=loudest,sort", "?state=broken,state", "?category=nope,category", "?page=0,page",
                "?size=1000,size", "?page=x,page", "?order=up,order"})
        void aBadParameterIsNamedInA400(String query, String field) throws Exception {
            HttpResponse<String> answer = admin().get("/admin/feeds/search" + query);
            assertEquals(400, answer.statusCode(), answer.body());
            assertTrue(answer.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
            assertEquals(field, parse(answer).get("errors").get(0).get("field").getStringValue());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BulkActions {

        @Test
        void pauseAndResumeEachFeedAndRefuseTheFileManagedOne() throws Exception {
            long a = addUnpolled(fixtures.url("a.rss"), "A", "thoi-su");
            long b = addUnpolled(fixtures.url("b.rss"), "B", "thoi-su");
            long file = fileFeedId();

            JsonNode paused = ok(admin().post("/admin/feeds/bulk",
                    "{\"action\": \"pause\", \"ids\": [" + a + ", " + file + ", " + b + ", 999999]}"));

            JsonNode results = paused.get("results");
            assertEquals(List.of("200", "409", "200", "404"), texts(results, "status"));
            assertEquals("paused", results.get(0).get("result").getStringValue());
            assertEquals("this feed is managed by feeds.yml (line 5): edit the file",
                    results.get(1).get("detail").getStringValue());
            assertEquals(2, db.count("SELECT COUNT(*) FROM feed WHERE enabled = FALSE"));
            assertEquals(1, db.count("SELECT COUNT(*) FROM feed WHERE enabled = TRUE AND id = " + file));

            db.update("UPDATE feed SET gone_at = ? WHERE id = ?", TestClock.START, a);
            JsonNode resumed = ok(admin().post("/admin/feeds/bulk", "{\"action\": \"resume\", \"ids\": [" + a + "]}"));
            assertEquals("resumed", resumed.get("results").get(0).get("result").getStringValue());
            assertEquals("active", db.string("SELECT state FROM feed WHERE id = " + a), "a gone feed comes back");
        }

        @Test
        void enablingAPausedFeedThatHadGoneThroughPutBringsItBackToo() throws Exception {
            long a = addUnpolled(fixtures.url("a.rss"), "A", "thoi-su");
            ok(admin().post("/admin/feeds/bulk", "{\"action\": \"pause\", \"ids\": [" + a + "]}"));
            db.update("UPDATE feed SET gone_at = ? WHERE id = ?", TestClock.START, a);
            assertEquals("disabled", db.string("SELECT state FROM feed WHERE id = " + a), "paused wins over gone");

            ok(admin().put("/admin/feeds/" + a, "{\"enabled\": true}"));

            assertEquals("active", db.string("SELECT state FROM feed WHERE id = " + a), "not left gone");
        }

        @Test
        void recategorizeReplacesTheCategoriesOrRefusesAnUnknownOneBeforeChangingAny() throws Exception {
            long a = addUnpolled(fixtures.url("a.rss"), "A", "thoi-su");
            long b = addUnpolled(fixtures.url("b.rss"), "B", "thoi-su");

            HttpResponse<String> refused = admin().post("/admin/feeds/bulk",
                    "{\"action\": \"categorize\", \"ids\": [" + a + ", " + b + "], \"categories\": [\"the-gioi\", \"nope\"]}");
            assertEquals(400, refused.statusCode(), refused.body());
            assertEquals("categories[1]", parse(refused).get("errors").get(0).get("field").getStringValue());
            assertEquals(0, db.count("SELECT COUNT(*) FROM feed_category fc JOIN category c ON c.id = fc.category_id"
                    + " WHERE c.slug = 'the-gioi'"));

            JsonNode done = ok(admin().post("/admin/feeds/bulk",
                    "{\"action\": \"categorize\", \"ids\": [" + a + ", " + b + "], \"categories\": [\"Thế giới\"]}"));
            assertEquals(List.of("re-categorized", "re-categorized"), texts(done.get("results"), "result"));
            assertEquals(2, db.count("SELECT COUNT(*) FROM feed_category fc JOIN category c ON c.id = fc.category_id"
                    + " WHERE c.slug = 'the-gioi' AND fc.feed_id IN (" + a + ", " + b + ")"));
            assertEquals(0, db.count("SELECT COUNT(*) FROM feed_category fc JOIN category c ON c.id = fc.category_id"
                    + " WHERE c.slug = 'thoi-su' AND fc.feed_id IN (" + a + ", " + b + ")"));
        }

        @Test
        void refreshPollsEveryFeedFileManagedOnesToo() throws Exception {
            long a = addUnpolled(fixtures.url("vnexpress-ha-noi.rss"), "Hà Nội", "thoi-su");
            long file = fileFeedId();
            JsonNode done = ok(admin().post("/admin/feeds/bulk",
                    "{\"action\": \"refresh\", \"ids\": [" + a + ", " + file + "]}"));
            assertEquals(List.of("updated", "updated"), texts(done.get("results"), "result"));
            assertTrue(done.get("results").get(0).get("inserted").getIntValue() > 0);
            assertEquals(2, db.count("SELECT COUNT(*) FROM poll_history WHERE outcome = 'ok'"));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "{\"action\": \"explode\", \"ids\": [1]}|action",
                "{\"action\": \"pause\"}|ids",
                "{\"action\": \"pause\", \"ids\": [\"one\"]}|ids[0]",
                "{\"action\": \"categorize\", \"ids\": [1]}|categories"})
        void aBadRequestIsNamedInA400(String body, String field) throws Exception {
            HttpResponse<String> answer = admin().post("/admin/feeds/bulk", body);
            assertEquals(400, answer.statusCode(), answer.body());
            assertEquals(field, parse(answer).get("errors").get(0).get("field").getStringValue());
        }
    }

    @Test
    void aBadIntervalIsNamedWithTheReason() throws Exception {
        long a = addUnpolled(fixtures.url("a.rss"), "A", "thoi-su");
        HttpResponse<String> answer = admin().put("/admin/feeds/" + a, "{\"interval\": \"5s\"}");
        assertEquals(400, answer.statusCode(), answer.body());
        JsonNode error = parse(answer).get("errors").get(0);
        assertEquals("interval", error.get("field").getStringValue());
        assertFalse(error.get("reason").getStringValue().isBlank());
    }

    @Test
    void thePageItsScriptAndStyleComeWithoutTheTokenUnderAStrictPolicy() throws Exception {
        AdminHttp anonymous = new AdminHttp(server.getURL().toString(), null);
        HttpResponse<String> page = anonymous.get("/admin");
        assertEquals(200, page.statusCode());
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("script-src 'self'") && policy.contains("style-src 'self'"), policy);
        assertFalse(policy.contains("unsafe-inline") || policy.contains("http"), policy);
        assertTrue(page.body().contains("<html lang=\"vi\" data-language=\"vi\" data-zone=\"Asia/Ho_Chi_Minh\">"),
                "tributary.ui.language and .zone, for the script");
        assertFalse(page.body().contains("<style") || page.body().contains("style=") || page.body().contains("<script>"),
                "nothing inline");
        HttpResponse<String> style = anonymous.get("/admin/admin.css");
        assertEquals(200, style.statusCode());
        assertTrue(style.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
        assertEquals(401, anonymous.get("/admin/summary").statusCode());
    }
}
