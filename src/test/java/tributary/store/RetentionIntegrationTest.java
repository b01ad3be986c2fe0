package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.common.Sha256;
import tributary.poll.PollScheduler;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * Retention on the test clock: the per-feed cap and the age limit prune only items no longer in their feed's
 * current document, and a removed feed goes once its items are all gone. No sleeping: the clock is moved.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionIntegrationTest implements TestPropertyProvider {

    static final FixtureFeedServer SOURCES = new FixtureFeedServer();
    static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    @Inject
    PollScheduler scheduler;

    @Inject
    ItemPruner pruner;

    @Inject
    Database db;

    @Inject
    TestClock clock;

    @Inject
    TransactionOperations<Connection> tx;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties("tributary.retention.days", "90",
                "tributary.retention.max-items-per-feed", "5",
                "tributary.retention.batch-size", "2");
    }

    @BeforeEach
    void freshState() {
        db.clear();
        clock.set(TestClock.START);
        SOURCES.reset();
    }

    @AfterAll
    void stopSources() {
        SOURCES.close();
    }

    @Test
    void theCapKeepsTheNewestAndNeverAnItemOfTheCurrentDocument() {
        long feed = addFeed("cap.rss");
        serve("cap.rss", 1, 8);
        scheduler.pollDueNow();
        assertEquals(8, items(feed).size());

        // All eight are in the current document: over the cap of five, yet nothing goes.
        assertEquals(0, pruner.prune(clock.instant()).items());
        assertEquals(8, items(feed).size());

        serve("cap.rss", 6, 10);
        clock.advance(Duration.ofHours(1));
        scheduler.pollDueNow();
        assertEquals(10, items(feed).size());
        ItemPruner.Pruned pruned = pruner.prune(clock.instant());
        assertEquals(5, pruned.overCap());
        assertEquals(List.of(6, 7, 8, 9, 10), items(feed));
    }

    @Test
    void itemsLastSeenLongerAgoThanTheRetentionGoUnlessStillInTheDocument() {
        long feed = addFeed("age.rss");
        serve("age.rss", 1, 3);
        scheduler.pollDueNow();

        // 91 days on, the same document: its items are still what the feed says, so they stay.
        clock.advance(Duration.ofDays(91));
        scheduler.pollDueNow();
        assertEquals(0, pruner.prune(clock.instant()).items());
        assertEquals(List.of(1, 2, 3), items(feed));

        serve("age.rss", 4, 5);
        clock.advance(Duration.ofHours(1));
        scheduler.pollDueNow();
        assertEquals(List.of(1, 2, 3, 4, 5), items(feed));
        ItemPruner.Pruned pruned = pruner.prune(clock.instant());
        assertEquals(3, pruned.expired());
        assertEquals(List.of(4, 5), items(feed));

        // 89 days later the new ones are still inside the retention, even though no longer in the document.
        serve("age.rss", 6, 6);
        clock.advance(Duration.ofDays(89));
        scheduler.pollDueNow();
        assertEquals(0, pruner.prune(clock.instant()).items());
        assertEquals(List.of(4, 5, 6), items(feed));
    }

    @Test
    void aRemovedFeedIsDeletedOnceItsItemsAreAllPastRetention() {
        long removed = addFeed("removed.rss");
        long recentRemoved = addFeed("recent-removed.rss");
        serve("removed.rss", 1, 3);
        serve("recent-removed.rss", 1, 2);
        scheduler.pollDueNow();
        clock.advance(Duration.ofDays(80));
        serve("recent-removed.rss", 3, 3);
        clock.advance(Duration.ofMinutes(1));
        scheduler.pollDueNow();
        execute("UPDATE feed SET deleted_at = '2026-04-01 00:00:00', enabled = FALSE");

        clock.advance(Duration.ofDays(11));
        ItemPruner.Pruned pruned = pruner.prune(clock.instant());
        assertEquals(3 + 2, pruned.expired());
        assertEquals(1, pruned.feedsRemoved());
        assertEquals(0, db.count("SELECT COUNT(*) FROM feed WHERE id = " + removed));
        assertEquals(List.of(3), items(recentRemoved));
    }

    private void serve(String name, int from, int to) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>" + name + "</title><link>https://site.example/</link><description>d</description>\n");
        for (int i = to; i >= from; i--) {
            // Item i was published i hours after a fixed start: higher numbers are newer.
            Instant published = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofHours(i));
            xml.append("<item><guid>https://site.example/").append(name).append('/').append(i).append("</guid><title>")
                    .append(i).append("</title><pubDate>").append(RFC_1123.format(published)).append("</pubDate></item>\n");
        }
        xml.append("</channel></rss>");
        SOURCES.override(name, new FixtureFeedServer.Answer(200, "application/rss+xml",
                xml.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private long addFeed(String name) {
        String url = SOURCES.url(name);
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "INSERT INTO feed (url, url_hash, origin, created_at, interval_seconds) VALUES (?, ?, 'api', ?, 60)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, url);
                ps.setString(2, Sha256.hex(url));
                ps.setObject(3, UtcTimes.toColumn(TestClock.START));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** The item numbers (titles) of a feed, ascending. */
    private List<Integer> items(long feed) {
        return tx.executeRead(status -> {
            List<Integer> numbers = new ArrayList<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT title FROM item WHERE feed_id = ? ORDER BY CAST(title AS UNSIGNED)")) {
                ps.setLong(1, feed);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        numbers.add(Integer.parseInt(rs.getString(1)));
                    }
                }
            }
            return numbers;
        });
    }

    private void execute(String sql) {
        tx.executeWrite(status -> {
            try (Statement st = status.getConnection().createStatement()) {
                st.execute(sql);
            }
            return null;
        });
    }

}
