package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tributary.support.Database;
import tributary.support.FeedsYml;

/**
 * Two polls of different feeds record their sightings at the same time without waiting for each other's rows. A guard
 * for the two statements by unique key that replaced UPDATE feed … JOIN item, not a reproduction of the deadlock
 * issue 17's trial saw between two poll workers: the joined form passes this test too on one server. Real MariaDB.
 */
@MicronautTest(transactional = false)
class ItemSightingsLockTest implements TestPropertyProvider {

    private static final TransactionDefinition INGEST = ingest();

    @Inject
    ItemSightings sightings;

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    Database db;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties("tributary.poll.scheduler-enabled", "false");
    }

    private static TransactionDefinition ingest() {
        // As FeedIngester stores a document: read committed.
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setIsolationLevel(TransactionDefinition.Isolation.READ_COMMITTED);
        return definition;
    }

    @BeforeEach
    void twoFeedsWithAnItemEach() {
        db.clear();
        for (String feed : List.of("a", "b")) {
            db.update("INSERT INTO feed (url, url_hash, origin, created_at) VALUES (?, ?, 'file', UTC_TIMESTAMP())",
                    "https://" + feed + ".example/rss", feed.repeat(64));
            db.update("INSERT INTO item (feed_id, identity_hash, story_hash, content_hash, published_at, first_seen_at)"
                    + " SELECT id, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM feed WHERE url_hash = ?",
                    feed.repeat(64), feed.repeat(64), feed.repeat(64), feed.repeat(64));
        }
    }

    @Test
    void aSightingDoesNotWaitForAnotherFeedsOpenSighting() throws Exception {
        long a = db.count("SELECT id FROM feed WHERE url_hash = '" + "a".repeat(64) + "'");
        long b = db.count("SELECT id FROM feed WHERE url_hash = '" + "b".repeat(64) + "'");
        CountDownLatch aRecorded = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        CompletableFuture<Void> pollA = CompletableFuture.runAsync(() -> tx.execute(INGEST, status -> {
            sightings.markSeen(a, List.of("a".repeat(64)), Instant.now());
            aRecorded.countDown();
            // Held open, as a poll whose transaction has not committed yet.
            await(bDone);
            return null;
        }));
        assertEquals(true, aRecorded.await(10, TimeUnit.SECONDS));

        try {
            tx.execute(INGEST, status -> {
                try (Statement st = status.getConnection().createStatement()) {
                    // Waiting at all is the fault: fail in a second instead of the server's 50.
                    st.execute("SET SESSION innodb_lock_wait_timeout = 1");
                }
                sightings.markSeen(b, List.of("b".repeat(64)), Instant.now());
                return null;
            });
        } finally {
            bDone.countDown();
            pollA.get(10, TimeUnit.SECONDS);
            tx.executeWrite(status -> {
                try (Statement st = status.getConnection().createStatement()) {
                    st.execute("SET SESSION innodb_lock_wait_timeout = DEFAULT");
                }
                return null;
            });
        }

        assertEquals(2, db.count("SELECT COUNT(*) FROM item WHERE last_seen_at IS NOT NULL"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM feed WHERE document_at IS NOT NULL"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
