package tributary.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.TestClock;

/**
 * Polls documents built to exhaust the parser, served from a loopback MockWebServer, through the real scheduler,
 * fetcher, parser and MariaDB: each either stores at most max-items or is the feed's recorded error with back-off,
 * and the feeds polled beside it are unaffected.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileFeedsIntegrationTest implements TestPropertyProvider {

    static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @Inject
    PollScheduler scheduler;

    @Inject
    FeedTable feeds;

    @Inject
    Database db;

    @Inject
    TestClock clock;

    MockWebServer server;
    final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties("tributary.fetch.max-items", "5");
    }

    @BeforeAll
    void startServer() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                fetches.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                byte[] body = documents.get(path);
                return body == null ? new MockResponse.Builder().code(404).build()
                        : new MockResponse.Builder().body(new Buffer().write(body))
                                .addHeader("Content-Type", path.endsWith(".json") ? "application/feed+json"
                                        : "application/rss+xml; charset=utf-8").build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        documents.put("/ok.rss", Rss.document("ok", 2, "").clone());
        documents.put("/items.json", utf8(jsonOfEmptyItems(3_000_000)));
        StringBuilder distinct = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            distinct.append("<item><guid>").append(i).append("</guid></item>");
        }
        documents.put("/items.rss", utf8(rss(distinct + "<item/>".repeat(1_000_000))));
        documents.put("/nodes.rss", utf8(rss("<item><guid>n</guid><description>" + "<x/>".repeat(250_000)
                + "</description></item>")));
        StringBuilder namespaces = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            namespaces.append("<item xmlns:p").append(i).append("=\"urn:x:").append(i).append("\"><guid>").append(i)
                    .append("</guid></item>");
        }
        documents.put("/namespaces.rss", utf8(rss(namespaces.toString())));
        documents.put("/doctypes.rss", utf8("<!DOCTYPE a [".repeat(20_000) + rss("")));
        documents.put("/newlines.rss", utf8("<?xml version=\"1.0\"?>" + "\n".repeat(100_000)
                + "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"x.dtd\">"
                + rss("<item><guid>nl</guid><title>after the newlines</title></item>").replace("<?xml version=\"1.0\"?>", "")));
        documents.put("/prefixes.rss", utf8(rss("<item><guid>p</guid><title>prefixed</title><description>"
                + "<p:a/>".repeat(20_000) + "</description></item>")));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @BeforeEach
    void freshState() {
        db.clear();
        clock.set(TestClock.START);
        fetches.clear();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String jsonOfEmptyItems(int count) {
        StringBuilder json = new StringBuilder(count * 3 + 100)
                .append("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Bomb\",\"items\":[");
        for (int i = 0; i < count; i++) {
            // Ten distinct items first, so that max-items of them are stored; the empty rest are one item's copies.
            json.append(i == 0 ? "" : ",").append(i < 10 ? "{\"id\":\"" + i + "\"}" : "{}");
        }
        return json.append("]}").toString();
    }

    static String rss(String items) {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>https://example.org/</link>"
                + "<description>D</description>" + items + "</channel></rss>";
    }

    long add(String path) {
        return feeds.add(server.url(path).toString());
    }

    List<PollOutcome> pollDue() {
        return assertTimeoutPreemptively(HANG_GUARD, () -> scheduler.pollDueNow());
    }

    PollOutcome outcomeOf(List<PollOutcome> outcomes, long id) {
        return outcomes.stream().filter(o -> o.feedId() == id).findFirst().orElseThrow();
    }

    LocalDateTime at(Duration afterStart) {
        return LocalDateTime.ofInstant(TestClock.START.plus(afterStart), ZoneOffset.UTC);
    }

    long itemsOf(long id) {
        return db.count("SELECT COUNT(*) FROM item WHERE feed_id = " + id);
    }

    @Nested
    class ManyItems {

        @Test
        void aJsonFeedOfMillionsOfItemsStoresMaxItems() {
            long id = add("/items.json");

            PollOutcome outcome = pollDue().get(0);

            assertEquals(PollOutcome.Result.UPDATED, outcome.result(), outcome.message());
            assertEquals(5, itemsOf(id));
            assertEquals("Bomb", feeds.text(id, "title"));
        }

        @Test
        void anRssFeedOfAMillionItemsStoresMaxItems() {
            long id = add("/items.rss");

            PollOutcome outcome = pollDue().get(0);

            assertEquals(PollOutcome.Result.UPDATED, outcome.result(), outcome.message());
            assertEquals(5, itemsOf(id));
        }
    }

    @Nested
    class RefusedDocuments {

        @Test
        void eachIsTheFeedsRecordedErrorWithBackOffWhileTheOtherFeedsArePolled() throws Exception {
            long ok = add("/ok.rss");
            long nodes = add("/nodes.rss");
            long namespaces = add("/namespaces.rss");
            long doctypes = add("/doctypes.rss");

            List<PollOutcome> first = pollDue();

            assertEquals(PollOutcome.Result.UPDATED, outcomeOf(first, ok).result());
            assertEquals(2, itemsOf(ok));
            Map<Long, String> limits = Map.of(nodes, "tributary.parse.max-nodes",
                    namespaces, "tributary.parse.max-namespaces", doctypes, "DOCTYPE");
            for (Map.Entry<Long, String> bomb : limits.entrySet()) {
                long id = bomb.getKey();
                assertEquals(PollOutcome.Result.FAILED, outcomeOf(first, id).result());
                assertTrue(feeds.text(id, "last_error").contains(bomb.getValue()), feeds.text(id, "last_error"));
                assertEquals("1", feeds.text(id, "consecutive_failures"));
                assertEquals(at(Duration.ofMinutes(15)), feeds.time(id, "next_poll_at"));
                assertEquals(0, itemsOf(id));
            }

            assertTrue(pollDue().isEmpty(), "nothing is due again before its back-off ends");
            List<PollOutcome> second = pollAfterMinutes(15);

            assertEquals(4, second.size(), "the good feed and the three bombs");
            for (long id : limits.keySet()) {
                assertEquals("2", feeds.text(id, "consecutive_failures"));
                assertEquals(at(Duration.ofMinutes(15 + 30)), feeds.time(id, "next_poll_at"), "doubled");
                assertEquals(2, fetches.get(new java.net.URI(feeds.text(id, "url")).getPath()).get());
            }
            assertEquals("active", feeds.text(ok, "state"));
            assertEquals(at(Duration.ofMinutes(15)), feeds.time(ok, "last_success_at"));
        }

        List<PollOutcome> pollAfterMinutes(int minutes) {
            clock.advance(Duration.ofMinutes(minutes));
            return pollDue();
        }
    }

    @Nested
    class RepairedDocuments {

        @Test
        void newlinesBeforeADoctypeAndPrefixesWithoutDeclarationAreRepaired() {
            long newlines = add("/newlines.rss");
            long prefixes = add("/prefixes.rss");

            List<PollOutcome> outcomes = pollDue();

            assertEquals(PollOutcome.Result.UPDATED, outcomeOf(outcomes, newlines).result(),
                    outcomeOf(outcomes, newlines).message());
            assertEquals(PollOutcome.Result.UPDATED, outcomeOf(outcomes, prefixes).result(),
                    outcomeOf(outcomes, prefixes).message());
            assertEquals("after the newlines",
                    db.string("SELECT title FROM item WHERE feed_id = " + newlines));
            assertEquals("prefixed", db.string("SELECT title FROM item WHERE feed_id = " + prefixes));
        }
    }
}
