package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tributary.match.IndexFilter;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.TestClock;

/**
 * How many entries the FULLTEXT index lists for a filter, from a sample of item_search drawn over the whole table and
 * taken again every IndexTermSample.REFRESH (real MariaDB; items written straight into item and item_search).
 */
@MicronautTest(transactional = false)
class IndexTermSampleTest implements TestPropertyProvider {

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    Database db;

    @Inject
    TestClock clock;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties("tributary.poll.scheduler-enabled", "false");
    }

    @BeforeEach
    void aFeed() {
        db.clear();
        db.update("INSERT INTO feed (url, url_hash, origin, created_at) VALUES (?, ?, 'file', UTC_TIMESTAMP())",
                "https://feed.example/rss", "f".repeat(64));
    }

    /** count items from number first on: every one holds zuall, every tenth zuten, the first of all zurare. */
    private void items(int first, int count) {
        // MariaDB's SEQUENCE engine (seq_a_to_b) writes them in two statements; the number is the item's title.
        String numbers = "seq_" + first + "_to_" + (first + count - 1);
        db.update("INSERT INTO item (feed_id, identity_hash, story_hash, content_hash, url, title, published_at,"
                + " first_seen_at) SELECT f.id, LPAD(HEX(s.seq + 1), 64, '0'), LPAD(HEX(s.seq + 1), 64, '0'),"
                + " LPAD(HEX(s.seq + 1), 64, '0'), CONCAT('https://site.example/', s.seq, '.html'), s.seq,"
                + " UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM feed f JOIN " + numbers + " s");
        db.update("INSERT INTO item_search (item_id, doc, terms) SELECT i.id, '', CONCAT('zuall',"
                + " IF(s.seq % 10 = 0, ' zuten', ''), IF(s.seq = 0, ' zurare', '')) FROM item i"
                + " JOIN " + numbers + " s ON CAST(i.title AS UNSIGNED) = s.seq");
    }

    private long listed(IndexTermSample sample, IndexFilter filter) {
        return tx.executeRead(status -> sample.plan(status.getConnection(), filter).listedRows());
    }

    private static IndexFilter.Token token(String token) {
        return new IndexFilter.Token(token, false);
    }

    private static IndexFilter all(IndexFilter... parts) {
        return new IndexFilter.All(List.of(parts));
    }

    private static IndexFilter any(IndexFilter... parts) {
        return new IndexFilter.Any(List.of(parts));
    }

    @Test
    void aSmallStoreIsCountedWhole() {
        items(0, 500);
        IndexTermSample sample = new IndexTermSample(clock);
        assertEquals(500, listed(sample, token("zuall")));
        assertEquals(50, listed(sample, token("zuten")));
        assertEquals(1, listed(sample, token("zurare")));
        assertEquals(0, listed(sample, token("zunowhere")));
        // Every token's list is read: an OR, and words that must all be there, add up.
        assertEquals(550, listed(sample, any(token("zuall"), token("zuten"))));
        assertEquals(551, listed(sample, all(token("zuall"), token("zuten"), token("zurare"))));
    }

    @Test
    void aLargeStoreIsSampledAndTheRowsEstimated() {
        items(0, 5000);
        IndexTermSample sample = new IndexTermSample(clock);
        long all = listed(sample, token("zuall"));
        long ten = listed(sample, token("zuten"));
        assertTrue(Math.abs(all - 5000) <= 250, "every item holds it: " + all);
        assertTrue(ten >= 300 && ten <= 700, "a tenth of 5,000: " + ten);
        assertTrue(listed(sample, token("zurare")) <= 5, "one item in 5,000");
        int read = sample.snapshot().items();
        assertTrue(read > IndexTermSample.SIZE / 2 && read <= IndexTermSample.SIZE, "a sample, not the table: " + read);
    }

    @Test
    void aSampleStandsForItsRefreshTimeThenIsDrawnAgain() {
        items(0, 500);
        IndexTermSample sample = new IndexTermSample(clock);
        assertEquals(50, listed(sample, token("zuten")));
        items(500, 500);
        clock.advance(IndexTermSample.REFRESH.minus(Duration.ofSeconds(1)));
        assertEquals(50, listed(sample, token("zuten")), "still the sample drawn before");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(100, listed(sample, token("zuten")));
    }

    @Test
    void anEmptyStoreListsNothing() {
        assertEquals(0, listed(new IndexTermSample(clock), token("zuall")));
    }

    @Test
    void aPrefixListsEveryTokenItStarts() {
        items(0, 500);
        IndexTermSample sample = new IndexTermSample(clock);
        assertEquals(50, listed(sample, new IndexFilter.Token("zut", true)));
        assertEquals(551, listed(sample, new IndexFilter.Token("zu", true)));
        assertEquals(0, listed(sample, new IndexFilter.Token("zutenth", true)));
    }
}
