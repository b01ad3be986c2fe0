package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tributary.match.IndexTerms;
import tributary.match.MatchText;
import tributary.support.Database;
import tributary.support.FeedsYml;

/**
 * Rows indexed before word ends were (V17's terms_version 1) are written again, and searches ask the index for word
 * ends only once none is left (real MariaDB; rows written straight into item and item_search, as an older version
 * left them).
 */
@MicronautTest(transactional = false)
class SearchBackfillTest implements TestPropertyProvider {

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    Database db;

    /** The application's own, which runs once after start-up. */
    @Inject
    SearchBackfill started;

    @Inject
    @Named(TaskExecutors.SCHEDULED)
    TaskScheduler scheduler;

    /** A new one per test: once it has seen every row indexed, an instance no longer asks. */
    private SearchBackfill backfill;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties("tributary.poll.scheduler-enabled", "false");
    }

    @BeforeEach
    void aFeed() throws InterruptedException {
        // The run after start-up must not write the rows a test puts in as an older version left them.
        for (int waited = 0; !started.startupRunEnded() && waited < 30_000; waited += 50) {
            Thread.sleep(50);
        }
        assertTrue(started.startupRunEnded(), "the start-up run of the backfill ended");
        backfill = new SearchBackfill(tx, scheduler);
        db.clear();
        db.update("INSERT INTO feed (url, url_hash, origin, created_at) VALUES (?, ?, 'file', UTC_TIMESTAMP())",
                "https://feed.example/rss", "f".repeat(64));
    }

    private long item(int n, String title) {
        String hash = String.format("%064x", n);
        db.update("INSERT INTO item (feed_id, identity_hash, story_hash, content_hash, url, title, published_at,"
                + " first_seen_at) SELECT id, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM feed",
                hash, hash, hash, "https://site.example/" + n, title);
        return db.count("SELECT MAX(id) FROM item");
    }

    /** A row as a version before V17 wrote it: no reversed tokens, terms_version 1. */
    private void oldRow(long id, String title) {
        MatchText text = MatchText.of(title, null, null, null);
        String withoutEnds = String.join(" ", java.util.Arrays.stream(IndexTerms.of(text).split(" "))
                .filter(t -> !t.startsWith("zr")).toList());
        db.update("INSERT INTO item_search (item_id, doc, terms, terms_version) VALUES (?, ?, ?, 1)", id,
                text.serialize(), withoutEnds);
    }

    private boolean reversedIndexed() {
        return tx.executeRead(status -> backfill.reversedIndexed(status.getConnection()));
    }

    @Test
    void oldRowsAreWrittenAgainAndThenWordEndsMayBeAsked() {
        int old = SearchBackfill.BATCH + 3;
        for (int n = 0; n < old; n++) {
            oldRow(item(n, "Đàn sếu đầu đỏ " + n), "Đàn sếu đầu đỏ " + n);
        }
        assertFalse(reversedIndexed(), "old rows are left: no word ends yet");
        assertEquals(0, db.count("SELECT COUNT(*) FROM item_search WHERE terms LIKE '%zrues%'"));

        assertEquals(old, backfill.rewriteOldTerms());

        assertEquals(old, db.count("SELECT COUNT(*) FROM item_search WHERE terms_version = " + SearchBackfill.TERMS_VERSION
                + " AND terms LIKE '%zrues%'"));
        assertTrue(reversedIndexed());
        assertEquals(0, backfill.rewriteOldTerms(), "nothing is written twice");
    }

    @Test
    void rowsWrittenNowHaveTheCurrentVersionByDefault() {
        long id = item(1, "Bão số 3");
        db.update("INSERT INTO item_search (item_id, doc, terms) VALUES (?, '', 'zubao')", id);
        assertEquals(SearchBackfill.TERMS_VERSION, db.count("SELECT terms_version FROM item_search"));
        assertTrue(reversedIndexed());
    }

    @Test
    void itemsWithoutSearchTextGetItAtTheCurrentVersion() {
        item(1, "Đà Nẵng mưa lớn");
        assertEquals(1, backfill.run());
        assertEquals(1, db.count("SELECT COUNT(*) FROM item_search WHERE terms LIKE '%zrgnan%'"));
        assertTrue(reversedIndexed());
    }
}
