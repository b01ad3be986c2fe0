package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tributary.support.Database;
import tributary.support.FeedsYml;

/**
 * Story clustering's band index (story_band) on a real MariaDB: rows are written as a bulk batch that a repeated
 * write leaves as it is, stay when their item is deleted (no foreign key since V16), and the retention job deletes
 * them by age, twice the clustering window after their date, in every slice of the key space; candidates come back
 * as the newest rows of each key within the window, whatever the number of keys asked.
 */
@MicronautTest(transactional = false)
class StoryBandsTest implements TestPropertyProvider {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(48);

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    ItemPruner pruner;

    @Inject
    Database db;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties("tributary.poll.scheduler-enabled", "false",
                "tributary.retention.enabled", "false", "tributary.cluster.window", "48h");
    }

    @BeforeEach
    void aFeed() {
        db.clear();
        db.update("INSERT INTO feed (url, url_hash, origin, created_at) VALUES (?, ?, 'file', UTC_TIMESTAMP())",
                "https://feed.example/rss", "f".repeat(64));
    }

    private long item(int n, Instant published) {
        String identity = String.format("%064x", n);
        db.update("INSERT INTO item (feed_id, identity_hash, story_hash, content_hash, url, published_at, first_seen_at)"
                + " SELECT id, ?, ?, ?, ?, ?, UTC_TIMESTAMP() FROM feed", identity, identity, identity,
                "https://site" + n + ".example/a.html", UtcTimes.toColumn(published));
        return db.count("SELECT id FROM item WHERE identity_hash = '" + identity + "'");
    }

    private void bands(long itemId, Instant published, long... keys) {
        tx.executeWrite(status -> {
            StoryBands.insert(status.getConnection(), List.of(new StoryBands.Entry(itemId, published, keys)));
            return null;
        });
    }

    private long rows(long itemId) {
        return db.count("SELECT COUNT(*) FROM story_band WHERE item_id = " + itemId);
    }

    @Nested
    class Writing {

        @Test
        void aRepeatedWriteOfTheSameRowsLeavesOneOfEach() {
            long id = item(1, NOW);
            bands(id, NOW, 11, 12, 13);
            bands(id, NOW, 11, 12, 13, 14);
            assertEquals(4, rows(id));
        }

        @Test
        void rowsKeepTheirItemsDate() {
            Instant when = Instant.parse("2026-12-03T05:06:07.123Z");
            long id = item(1, when);
            bands(id, when, 31, 32);
            assertEquals(UtcTimes.toColumn(when), db.timestamp("SELECT MIN(published_at) FROM story_band"));
            assertEquals(UtcTimes.toColumn(when), db.timestamp("SELECT MAX(published_at) FROM story_band"));
        }

        @Test
        void rowsStayWhenTheirItemIsDeletedAndAreNotFoundAsAnItem() {
            long gone = item(1, NOW);
            long kept = item(2, NOW);
            bands(gone, NOW, 21);
            bands(kept, NOW, 21);
            db.update("DELETE FROM item WHERE id = ?", gone);
            assertEquals(1, rows(gone));
            Map<Long, Set<Long>> found = tx.executeRead(status -> StoryBands.candidates(status.getConnection(),
                    Set.of(21L), NOW.minus(WINDOW), NOW.plus(WINDOW)));
            // The index still names both; ClusterLinker reads candidates by id, and no item has the first.
            assertEquals(Set.of(gone, kept), found.get(21L));
        }
    }

    @Nested
    class Reading {

        /** Two rows within the window under each of n keys (items 1000 + k and 2000 + k), one before it. */
        private Set<Long> keys(int n) {
            Set<Long> keys = new LinkedHashSet<>();
            for (long k = 1; k <= n; k++) {
                bands(1000 + k, NOW.minus(Duration.ofHours(1)), k);
                bands(2000 + k, NOW.plus(Duration.ofHours(1)), k);
                bands(3000 + k, NOW.minus(WINDOW).minus(Duration.ofHours(1)), k);
                keys.add(k);
            }
            return keys;
        }

        private Map<Long, Set<Long>> candidates(Set<Long> keys) {
            return tx.executeRead(status -> StoryBands.candidates(status.getConnection(), keys, NOW.minus(WINDOW),
                    NOW.plus(WINDOW)));
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 8, 9, 31, 64, 65, 130})
        void everyKeyGetsItsRowsWithinTheWindowWhateverTheNumberOfKeys(int n) {
            Map<Long, Set<Long>> found = candidates(keys(n));
            assertEquals(n, found.size());
            for (long k = 1; k <= n; k++) {
                assertEquals(Set.of(1000 + k, 2000 + k), found.get(k), "key " + k);
            }
        }

        @Test
        void aKeyGivesItsNewestPerKeyRowsOnly() {
            for (int i = 0; i < StoryBands.PER_KEY + 5; i++) {
                bands(100 + i, NOW.minus(Duration.ofMinutes(i)), 7);
            }
            Set<Long> newest = new HashSet<>();
            for (int i = 0; i < StoryBands.PER_KEY; i++) {
                newest.add(100L + i);
            }
            assertEquals(newest, candidates(Set.of(7L)).get(7L));
        }
    }

    @Nested
    class Pruning {

        @Test
        void rowsPublishedMoreThanTwiceTheWindowAgoGoAndYoungerOnesStay() {
            Instant justPast = NOW.minus(WINDOW.multipliedBy(2)).minus(Duration.ofMinutes(1));
            Instant justInside = NOW.minus(WINDOW.multipliedBy(2)).plus(Duration.ofMinutes(1));
            long old = item(1, justPast);
            long young = item(2, justInside);
            bands(old, justPast, 1, 2, 3);
            bands(young, justInside, 1, 2, 3);

            assertEquals(3, pruner.prune(NOW).bandRows());
            assertEquals(0, rows(old));
            assertEquals(3, rows(young));
        }

        @Test
        void rowsOfDeletedItemsGoByAgeToo() {
            Instant old = NOW.minus(Duration.ofDays(5));
            long gone = item(1, old);
            bands(gone, old, 7, 8);
            db.update("DELETE FROM item WHERE id = ?", gone);

            assertEquals(2, pruner.prune(NOW).bandRows());
            assertEquals(0, db.count("SELECT COUNT(*) FROM story_band"));
        }

        @Test
        void everySliceOfTheKeySpaceIsPruned() {
            Instant old = NOW.minus(Duration.ofDays(30));
            long id = item(1, old);
            long[] keys = {Long.MIN_VALUE, Long.MIN_VALUE + (1L << 56) - 1, Long.MIN_VALUE + (1L << 56), -1, 0,
                1L << 56, Long.MAX_VALUE - (1L << 56) + 1, Long.MAX_VALUE};
            bands(id, old, keys);
            assertEquals(keys.length, rows(id));

            assertEquals(keys.length, pruner.prune(NOW).bandRows());
            assertEquals(0, rows(id));
        }
    }
}
