package tributary.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.support.FeedsYml;
import tributary.support.TestClock;

/**
 * A parse that ends in an Error, not an exception: with the depth limit lifted by configuration, an Atom feed without
 * its namespace nested 10,000 deep overflows the stack of the poll worker that repairs it. The running scheduler
 * (ticking on real time, due dates on the TestClock, which stands still) records it as the feed's failure with
 * back-off, fetches it once, keeps polling other feeds, and the admin refresh answers the failure.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParseFailuresIntegrationTest implements TestPropertyProvider {

    static final String TOKEN = "parse-failures-admin-token-0123456789";

    @Inject
    FeedTable feeds;

    @Inject
    PollScheduler scheduler;

    @Inject
    EmbeddedServer app;

    MockWebServer server;
    final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties("tributary.poll.scheduler-enabled", "true",
                "tributary.poll.tick", "100ms",
                "tributary.admin-token", TOKEN,
                // The limits that would refuse the document before any recursion, lifted.
                "tributary.parse.max-depth", "1000000",
                "tributary.parse.max-nodes", "100000000");
    }

    @BeforeAll
    void startServer() throws IOException {
        byte[] deep = ("<feed><title>deep</title><entry><id>1</id>" + "<a>".repeat(10_000) + "</a>".repeat(10_000)
                + "</entry></feed>").getBytes(StandardCharsets.UTF_8);
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                fetches.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                byte[] body = path.startsWith("/deep") ? deep : Rss.document(path.substring(1), 2, "");
                return new MockResponse.Builder().body(new Buffer().write(body))
                        .addHeader("Content-Type", "application/atom+xml").build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    LocalDateTime at(Duration afterStart) {
        return LocalDateTime.ofInstant(TestClock.START.plus(afterStart), ZoneOffset.UTC);
    }

    @Test
    void aStackOverflowIsTheFeedsRecordedFailureAndTheSchedulerGoesOn() throws Exception {
        long deep = feeds.add(server.url("/deep.atom").toString());
        long before = feeds.add(server.url("/before.rss").toString());

        await(() -> feeds.text(deep, "last_error") != null && feeds.text(before, "last_success_at") != null,
                "the first polls");

        assertTrue(feeds.text(deep, "last_error").contains("StackOverflowError"), feeds.text(deep, "last_error"));
        assertEquals("1", feeds.text(deep, "consecutive_failures"));
        assertEquals(at(Duration.ofMinutes(15)), feeds.time(deep, "next_poll_at"), "the interval's back-off");

        // A feed added after the failure is polled by the same scheduler: its loop survived.
        long after = feeds.add(server.url("/after.rss").toString());
        await(() -> feeds.text(after, "last_success_at") != null, "a poll after the failure");
        assertEquals(1, fetches.get("/deep.atom").get(), "fetched once, not on every tick");
        assertEquals(0, scheduler.tickFailures());

        HttpResponse<String> refresh = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.getPort() + "/admin/feeds/" + deep + "/refresh"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        // Answered, not a 500. Whether the same nesting overflows again depends on how far the JIT has shrunk the
        // frames since the first poll (the full suite, warm, sometimes parses it): either outcome is recorded.
        assertEquals(200, refresh.statusCode(), refresh.body());
        if (refresh.body().contains("\"failed\"")) {
            assertTrue(refresh.body().contains("StackOverflowError"), refresh.body());
            assertEquals("2", feeds.text(deep, "consecutive_failures"));
        } else {
            assertEquals("0", feeds.text(deep, "consecutive_failures"), refresh.body());
        }
        assertNotNull(feeds.time(deep, "next_poll_at"));
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
