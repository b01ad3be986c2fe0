package tributary.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLTransactionRollbackException;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tributary.store.FeedRow;
import tributary.store.UpsertResult;

/** A deadlock rolls the store transaction back and it runs again, a bounded number of times; nothing else is retried. */
class IngestRetryTest {

    private static final FeedRow FEED = new FeedRow(7L, "https://example.vn/rss", "hash", null, null, null, null, null,
            null, null, false, true, "file", null, null, null, null, null, null, null, null, null, 0,
            LocalDateTime.of(2026, 1, 1, 0, 0), null, null, null, null, null, 0, null, null, null, "active", null, null, null, null, null);

    private final AtomicInteger calls = new AtomicInteger();

    private static RuntimeException deadlock() {
        // As the transaction manager hands it on: the driver's exception wrapped, sometimes twice.
        return new IllegalStateException("commit failed", new RuntimeException(
                new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213)));
    }

    @Test
    void aDeadlockIsRunAgainAndTheSecondRunsResultReturned() {
        UpsertResult stored = new UpsertResult(3, 0, 0);

        UpsertResult result = FeedIngester.storeWithRetry(FEED, () -> {
            if (calls.incrementAndGet() < FeedIngester.ATTEMPTS) {
                throw deadlock();
            }
            return stored;
        });

        assertSame(stored, result);
        assertEquals(FeedIngester.ATTEMPTS, calls.get());
    }

    @Test
    void aDeadlockOnEveryAttemptIsThrownAfterTheLast() {
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> FeedIngester.storeWithRetry(FEED, () -> {
            calls.incrementAndGet();
            throw deadlock();
        }));

        assertEquals("commit failed", thrown.getMessage());
        assertEquals(FeedIngester.ATTEMPTS, calls.get());
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertThrows(IllegalArgumentException.class, () -> FeedIngester.storeWithRetry(FEED, () -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("a bug");
        }));

        assertEquals(1, calls.get());
    }
}
