package tributary.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.TestClock;

/** With a tiny tributary.parse.time-budget, a large document's parse is abandoned and recorded with back-off. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParseTimeBudgetIntegrationTest implements TestPropertyProvider {

    @Inject
    PollScheduler scheduler;

    @Inject
    FeedTable feeds;

    @Inject
    Database db;

    @Inject
    TestClock clock;

    MockWebServer server;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties("tributary.parse.time-budget", "1ms");
    }

    @BeforeEach
    void start() throws IOException {
        db.clear();
        clock.set(TestClock.START);
        byte[] large = ("<rss version=\"2.0\"><channel><title>Large</title>" + "<item/>".repeat(1_000_000)
                + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().body(new Buffer().write(large)).build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aParsePastTheBudgetIsAbandonedAndRecordedWithBackOff() {
        long id = feeds.add(server.url("/large.rss").toString());

        PollOutcome outcome = scheduler.pollDueNow().get(0);

        assertEquals(PollOutcome.Result.FAILED, outcome.result());
        String error = feeds.text(id, "last_error");
        assertTrue(error.contains("longer than 1 ms") && error.contains("tributary.parse.time-budget"), error);
        assertEquals(LocalDateTime.ofInstant(TestClock.START.plus(Duration.ofMinutes(15)), ZoneOffset.UTC),
                feeds.time(id, "next_poll_at"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM item"));
    }
}
