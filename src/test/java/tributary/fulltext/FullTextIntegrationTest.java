package tributary.fulltext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollOutcome;
import tributary.poll.PollScheduler;
import tributary.store.ArticleClaims;
import tributary.store.ArticleJob;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.FixtureFeedServer.Answer;
import tributary.support.TestClock;

/**
 * Full text end to end: feeds.yml's full_text feeds polled from a loopback news site, their pages fetched by the
 * article queue (run by the test, on the test clock), and the merged outputs read back over HTTP. One host for
 * everything, at most one request at a time to it (tributary.fetch.max-per-host=1).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FullTextIntegrationTest implements TestPropertyProvider {

    static final String TOKEN = "test-admin-token-fulltext-0123";

    private final FixtureFeedServer fixtures = new FixtureFeedServer();
    private final NewsSite site = new NewsSite(fixtures);
    private final HttpClient http = HttpClient.newHttpClient();
    /** Set by a test to hold the polite2 feed's requests at a gate. */
    private final AtomicReference<CountDownLatch> feedGate = new AtomicReference<>();
    private final CountDownLatch feedEntered = new CountDownLatch(1);

    @Inject
    EmbeddedServer server;

    @Inject
    PollScheduler scheduler;

    @Inject
    ArticleQueue queue;

    @Inject
    ArticleClaims claims;

    @Inject
    CatalogLoader catalog;

    @Inject
    Database db;

    @Inject
    TestClock clock;

    @Inject
    JsonMapper json;

    @Inject
    MeterRegistry meters;

    {
        for (String feed : List.of("a", "b", "plain", "slow", "loi404", "loipdf", "loitrong", "polite", "x", "y")) {
            site.feed(feed);
        }
        site.feed("polite2", request -> {
            CountDownLatch gate = feedGate.get();
            if (gate != null) {
                feedEntered.countDown();
                await(gate);
            }
            return null;
        });
    }

    @Override
    public Map<String, String> getProperties() {
        StringBuilder yml = new StringBuilder("""
                categories:
                  - slug: bai-viet
                    title: Bài viết
                  - slug: thuong
                    title: Thường
                  - slug: cham
                    title: Chậm
                  - slug: loi
                    title: Lỗi
                  - slug: lich-su
                    title: Lịch sự
                  - slug: cung
                    title: Cùng bài
                feeds:
                  - url: %s
                    categories: [bai-viet]
                    full_text: true
                    full_text_selector: "article.noi-dung"
                    full_text_remove: [".lien-quan"]
                  - url: %s
                    categories: [bai-viet]
                    full_text: true
                  - url: %s
                    categories: [thuong]
                """.formatted(site.feedUrl("a"), site.feedUrl("b"), site.feedUrl("plain")));
        for (String[] feed : List.of(new String[] {"slow", "cham"}, new String[] {"loi404", "loi"},
                new String[] {"loipdf", "loi"}, new String[] {"loitrong", "loi"}, new String[] {"polite", "lich-su"},
                new String[] {"polite2", "lich-su"}, new String[] {"x", "cung"}, new String[] {"y", "cung"})) {
            yml.append("  - url: ").append(site.feedUrl(feed[0])).append("\n    categories: [").append(feed[1])
                    .append("]\n    full_text: true\n    full_text_selector: \"article.noi-dung\"\n");
        }
        return FeedsYml.write(yml).properties("tributary.admin-token", TOKEN, "tributary.fetch.max-per-host", "1",
                "tributary.fulltext.scheduler-enabled", "false");
    }

    /** Leftovers of other classes on the shared test database (items of the same titles would join their stories). */
    @BeforeAll
    void cleanSlate() {
        db.clear();
        clock.set(TestClock.START);
        catalog.reload();
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    @Test
    void publishesTheArticleOnceFetchedAndNeverFetchesItsPageAgain() throws Exception {
        List<String> accepts = new CopyOnWriteArrayList<>();
        site.page("a1", request -> {
            accepts.add(request.header("Accept"));
            return NewsSite.article("Đoạn đầu của bài viết đầy đủ.");
        });
        site.publish("a", "a-1", "a1", NewsSite.SUMMARY);
        pollNow();
        assertNull(item("bai-viet", "a1"), "held back while its page is fetched");
        long countWhileHeld = itemCount("bai-viet");

        assertEquals(List.of(FullTextOutcome.EXTRACTED), queue.runNow());
        assertEquals(countWhileHeld + 1, itemCount("bai-viet"), "/feeds counts the item once it is released");
        JsonNode item = item("bai-viet", "a1");
        String article = item.get("content_html").getStringValue();
        assertTrue(article.contains("Đoạn đầu của bài viết đầy đủ."), article);
        assertFalse(article.contains("Tin cùng chuyên mục"), "full_text_remove drops the related box: " + article);
        assertFalse(article.contains("Trang chủ"), "the menu is not the article: " + article);
        assertEquals(NewsSite.SUMMARY, item.get("summary").getStringValue());
        assertNull(item.get("date_modified"), "the first version readers see is not a modification");
        for (String format : List.of("rss", "atom")) {
            SyndEntry entry = entry("bai-viet", format, "a1");
            assertTrue(entry.getContents().get(0).getValue().contains("Đoạn đầu"), format + " content carries the article");
            assertTrue(entry.getDescription().getValue().contains(NewsSite.SUMMARY), format + " summary is the feed's");
        }
        assertEquals(1, site.pageHits("a1"));
        assertTrue(accepts.get(0).startsWith("text/html"), accepts.get(0));
        JsonNode health = health("a");
        assertEquals(1, health.get("full_text_ok").getIntValue());
        assertEquals(0, health.get("full_text_pending").getIntValue());

        pollNow();
        assertEquals(List.of(), queue.runNow(), "a re-poll queues nothing");
        site.publish("a", "a-1", "a1", "Tóm tắt đã sửa.");
        pollNow();
        assertEquals(List.of(), queue.runNow(), "an update of the item keeps its article");
        item = item("bai-viet", "a1");
        assertEquals("Tóm tắt đã sửa.", item.get("summary").getStringValue());
        assertTrue(item.get("content_html").getStringValue().contains("Đoạn đầu"));

        site.publish("b", "b-1", "a1", "Tóm tắt của chuyên mục khác.");
        pollNow();
        assertEquals(List.of(FullTextOutcome.REUSED), queue.runNow(), "another feed's copy takes the stored article");
        assertEquals(1, site.pageHits("a1"), "one fetch across re-polls, an update and a second feed");
        assertEquals(2, db.count("SELECT COUNT(*) FROM item WHERE article_state = 'done' AND url = '"
                + site.pageUrl("a1") + "'"));
    }

    @Test
    void twoFeedsStoringOneStoryAtOnceFetchItsPageOnce() throws Exception {
        site.page("x1", request -> NewsSite.article("Một bài, hai chuyên mục."));
        site.publish("x", "x-1", "x1", NewsSite.SUMMARY);
        site.publish("y", "y-1", "x1", NewsSite.SUMMARY);
        pollNow();
        assertEquals(2, db.count("SELECT COUNT(*) FROM item WHERE article_state = 'pending' AND url = '"
                + site.pageUrl("x1") + "'"));
        List<ArticleJob> taken = claims.claim("another-instance", clock.instant(), clock.instant().plusSeconds(60),
                10, job -> true);
        assertEquals(1, taken.stream().filter(job -> job.url().equals(site.pageUrl("x1"))).count(),
                "one claim per canonical URL, whatever room there is");
        assertEquals(List.of(), queue.runNow(), "nor is the other copy claimed while that fetch is leased");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(List.of(FullTextOutcome.EXTRACTED, FullTextOutcome.REUSED), queue.runNow(),
                "once the lease lapses, one copy is fetched and the other takes its article");
        assertEquals(1, site.pageHits("x1"));
    }

    @Test
    void aFeedWithoutFullTextFetchesNoPage() throws Exception {
        site.page("c1", request -> NewsSite.article("Không ai đọc trang này."));
        site.publish("plain", "c-1", "c1", NewsSite.SUMMARY);
        pollNow();
        assertEquals(NewsSite.SUMMARY, item("thuong", "c1").get("content_html").getStringValue(), "published at once");
        queue.runNow();
        assertEquals(0, site.pageHits("c1"));
        assertNull(health("plain").get("full_text_ok"), "no full-text counts for a feed without full text");
    }

    @Test
    void aPageSlowerThanTheWaitIsPublishedWithItsSummaryThenUpdated() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        site.page("s1", request -> {
            await(gate);
            return NewsSite.article("Bài đến muộn.");
        });
        site.publish("slow", "s-1", "s1", NewsSite.SUMMARY);
        pollNow();
        List<CompletableFuture<FullTextOutcome>> fetching = queue.dispatchDue();
        assertEquals(1, fetching.size());
        assertNull(item("cham", "s1"));

        clock.advance(Duration.ofSeconds(61));
        assertEquals(List.of(), queue.dispatchDue(), "the page is still being fetched");
        JsonNode item = item("cham", "s1");
        assertNotNull(item, "past the wait the item is published without its article");
        assertEquals(NewsSite.SUMMARY, item.get("content_html").getStringValue());
        assertNull(item.get("date_modified"));
        assertEquals(clock.instant().truncatedTo(ChronoUnit.SECONDS), lastModified("/feeds/cham.json"),
                "its release is the page's change, or If-Modified-Since would keep the item from readers");

        gate.countDown();
        assertEquals(FullTextOutcome.EXTRACTED, fetching.get(0).get(20, TimeUnit.SECONDS));
        item = item("cham", "s1");
        assertTrue(item.get("content_html").getStringValue().contains("Bài đến muộn."), "the cached page was dropped");
        assertEquals(NewsSite.SUMMARY, item.get("summary").getStringValue());
        assertEquals(clock.instant().toString(), item.get("date_modified").getStringValue());
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "loi404   | e404 | the server answered HTTP 404",
        "loipdf   | epdf | not HTML",
        "loitrong | enot | found no paragraphs"})
    void aFailingPageKeepsTheSummaryAndIsTriedMaxAttemptsTimes(String feed, String page, String reason)
            throws Exception {
        site.page(page, request -> switch (page) {
            case "e404" -> Answer.notFound();
            case "epdf" -> new Answer(200, "application/pdf", "%PDF-1.4 không phải trang".getBytes());
            default -> new Answer(200, "text/html; charset=utf-8",
                    "<html><body><div>Quảng cáo</div></body></html>".getBytes());
        });
        double failed = counted("failed");
        double gaveUp = counted("gave-up");
        site.publish(feed, "g-" + page, page, NewsSite.SUMMARY);
        pollNow();

        assertEquals(List.of(FullTextOutcome.FAILED), queue.runNow());
        assertEquals(NewsSite.SUMMARY, item("loi", page).get("content_html").getStringValue(),
                "a failed first try publishes the summary without waiting");
        String error = db.string("SELECT article_error FROM item WHERE url = '" + site.pageUrl(page) + "'");
        assertTrue(error != null && error.contains(reason), error);
        assertEquals(List.of(), queue.runNow(), "not again before its retry time");
        clock.advance(Duration.ofMinutes(10));
        assertEquals(List.of(FullTextOutcome.FAILED), queue.runNow());
        clock.advance(Duration.ofMinutes(20));
        assertEquals(List.of(FullTextOutcome.GAVE_UP), queue.runNow());
        clock.advance(Duration.ofDays(1));
        assertEquals(List.of(), queue.runNow());
        assertEquals(3, site.pageHits(page), "tributary.fulltext.max-attempts");

        assertEquals(failed + 2, counted("failed"));
        assertEquals(gaveUp + 1, counted("gave-up"));
        JsonNode health = health(feed);
        assertEquals(1, health.get("full_text_failed").getIntValue());
        assertEquals(0, health.get("full_text_ok").getIntValue());
        assertNotNull(item("loi", page).get("content_html"));
    }

    @Test
    void pagesAndFeedsOfOneHostShareItsLimit() throws Exception {
        CountDownLatch pageGate = new CountDownLatch(1);
        CountDownLatch pageEntered = new CountDownLatch(1);
        site.page("l1", request -> {
            pageEntered.countDown();
            await(pageGate);
            return NewsSite.article("Bài thứ nhất.");
        });
        site.publish("polite", "l-1", "l1", NewsSite.SUMMARY);
        pollNow();
        List<CompletableFuture<FullTextOutcome>> fetching = queue.dispatchDue();
        assertTrue(pageEntered.await(10, TimeUnit.SECONDS));
        int feedHits = site.feedHits("polite");
        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(), scheduler.pollDueNow(), "no feed of the host is polled while its page is fetched");
        assertEquals(feedHits, site.feedHits("polite"));
        pageGate.countDown();
        fetching.forEach(CompletableFuture::join);
        assertFalse(scheduler.pollDueNow().isEmpty(), "polled once the page is done");

        site.page("l2", request -> NewsSite.article("Bài thứ hai."));
        site.publish("polite", "l-2", "l2", NewsSite.SUMMARY);
        pollNow();
        CountDownLatch gate = new CountDownLatch(1);
        feedGate.set(gate);
        clock.advance(Duration.ofHours(1));
        CompletableFuture<List<PollOutcome>> polling = CompletableFuture.supplyAsync(scheduler::pollDueNow);
        assertTrue(feedEntered.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(), queue.dispatchDue(), "no page of the host is fetched while one of its feeds is polled");
        feedGate.set(null);
        gate.countDown();
        polling.get(20, TimeUnit.SECONDS);
        assertEquals(List.of(FullTextOutcome.EXTRACTED), queue.runNow());
        assertEquals(1, site.mostRequestsAtOnce(), "never two requests at once to the host");
    }

    private void pollNow() {
        clock.advance(Duration.ofHours(1));
        scheduler.pollDueNow();
    }

    private double counted(String outcome) {
        Counter counter = meters.find("tributary.fulltext").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The JSON Feed item of the category linking to the page, or null when the category does not list it. */
    /** The category's item_count as /feeds lists it. */
    private long itemCount(String category) throws Exception {
        JsonNode listing = json.readValue(get("/feeds"), JsonNode.class);
        for (JsonNode c : listing.values()) {
            if (category.equals(c.get("slug").getStringValue())) {
                return c.get("item_count").getLongValue();
            }
        }
        throw new AssertionError("no category " + category + " in /feeds");
    }

    private JsonNode item(String category, String page) throws Exception {
        JsonNode feed = json.readValue(get("/feeds/" + category + ".json"), JsonNode.class);
        for (JsonNode item : feed.get("items").values()) {
            if (site.pageUrl(page).equals(item.get("url").getStringValue())) {
                return item;
            }
        }
        return null;
    }

    private SyndEntry entry(String category, String format, String page) throws Exception {
        SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(
                get("/feeds/" + category + "." + format))));
        return feed.getEntries().stream().filter(e -> site.pageUrl(page).equals(e.getLink())).findFirst().orElseThrow();
    }

    private JsonNode health(String feed) throws Exception {
        long id = db.count("SELECT id FROM feed WHERE url = '" + site.feedUrl(feed) + "'");
        return json.readValue(get("/admin/feeds/" + id), JsonNode.class).get("health");
    }

    private Instant lastModified(String path) throws Exception {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.discarding());
        return ZonedDateTime.parse(response.headers().firstValue("Last-Modified").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    private byte[] get(String path) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    private static void await(CountDownLatch gate) {
        try {
            gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
