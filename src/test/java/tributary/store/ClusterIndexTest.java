package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tributary.cluster.BandIndex;
import tributary.cluster.ClusterConfig;
import tributary.cluster.FeatureCache;
import tributary.config.ClusteringConfig;
import tributary.normalize.FeedZoneResolver;
import tributary.normalize.ItemNormalizer;
import tributary.normalize.NormalizedItem;
import tributary.parse.ParsedItem;
import tributary.support.Database;

/**
 * Clustering's in-memory band index on a real MariaDB shared by several instances: each instance (an ItemStore of its
 * own) sees the items the others stored, one that starts later loads what is stored within the horizon, and an item
 * whose transaction commits after a later id was seen is still found; the ids asked for again stay bounded.
 */
@MicronautTest(transactional = false)
@Property(name = "micronaut.server.port", value = "-1")
class ClusterIndexTest {

    /** The three reports of one bar shooting (the labelled set, items d21–d23), and when they were published. */
    private static final Map<String, String[]> SHOOTING = shooting();
    private static final Instant NOW = Instant.parse("2025-10-13T06:00:00Z");
    private static final Duration HORIZON = Duration.ofHours(96);

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    Database db;

    private final ItemNormalizer normalizer = new ItemNormalizer(FeedZoneResolver.defaults());

    @BeforeEach
    void freshDatabase() {
        db.clear();
    }

    /** Another instance on the same database: a store of its own, so an index of its own. */
    private ItemStore instance() {
        return new ItemStore(tx, new ClusteringConfig(true, 16, Duration.ofHours(48), 4096, 50_000), new SearchWords());
    }

    private long feed(String url) {
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "INSERT INTO feed (url, url_hash, created_at) VALUES (?, SHA2(?, 256), NOW(3))",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, url);
                ps.setString(2, url);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Stores one of the shooting's reports through store, in a feed of its site. */
    private void report(ItemStore store, String id) {
        String[] r = SHOOTING.get(id);
        long feedId = feed("https://" + r[0] + "/rss/" + id + ".rss");
        ParsedItem parsed = new ParsedItem(r[4], r[4], r[2], r[3], null, null, List.of(), null,
                OffsetDateTime.parse(r[1]).toInstant(), null);
        NormalizedItem item = normalizer.normalize(parsed, feedId, URI.create("https://" + r[0] + "/rss"), NOW);
        store.upsert(feedId, List.of(item), NOW);
    }

    private long stories() {
        return db.count("SELECT COUNT(DISTINCT story_hash) FROM item");
    }

    @Nested
    class SeveralInstances {

        @Test
        void anInstanceClustersWithAnItemAnotherInstanceStored() {
            ItemStore first = instance();
            ItemStore second = instance();
            report(first, "d23");
            report(second, "d22");
            assertEquals(2, db.count("SELECT COUNT(*) FROM item"));
            assertEquals(1, stories());
            report(first, "d21");
            assertEquals(1, stories());
        }

        @Test
        void anInstanceStartedLaterLoadsWhatIsStoredWithinTheHorizon() {
            report(instance(), "d23");
            report(instance(), "d22");
            report(instance(), "d21");
            assertEquals(3, db.count("SELECT COUNT(*) FROM item"));
            assertEquals(1, stories());
        }
    }

    @Nested
    class CatchingUp {

        private final ClusterIndex index = new ClusterIndex(new BandIndex(1000, ClusterConfig.DEFAULTS.perKey()),
                HORIZON, new FeatureCache(0));

        private long feedId;

        @BeforeEach
        void aFeed() {
            feedId = feed("https://feed.example/rss");
        }

        /** Inserts a row with a site and a title dated published; answers its id. */
        private long row(Connection c, int n, Instant published) throws Exception {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO item (feed_id, identity_hash, story_hash,"
                    + " content_hash, url, title, summary, published_at, first_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                    + " UTC_TIMESTAMP())", Statement.RETURN_GENERATED_KEYS)) {
                String hash = String.format("%064x", n);
                ps.setLong(1, feedId);
                ps.setString(2, hash);
                ps.setString(3, hash);
                ps.setString(4, hash);
                ps.setString(5, "https://site" + n + ".example/a.html");
                ps.setString(6, "Tiêu đề số " + n);
                ps.setString(7, "<p>Tóm tắt về sự kiện số " + n + "</p>");
                ps.setObject(8, UtcTimes.toColumn(published));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        }

        private long row(int n, Instant published) {
            return tx.executeWrite(status -> {
                try {
                    return row(status.getConnection(), n, published);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        private void catchUp(Instant now) {
            tx.executeWrite(status -> {
                index.catchUp(status.getConnection(), now);
                return null;
            });
        }

        @Test
        void loadsTheItemsOfTheHorizonAtFirstUse() {
            long old = row(1, NOW.minus(HORIZON).minusSeconds(60));
            long young = row(2, NOW.minus(HORIZON).plusSeconds(60));
            catchUp(NOW);
            assertFalse(index.bands().holds(old));
            assertTrue(index.bands().holds(young));
            long later = row(3, NOW);
            catchUp(NOW);
            assertTrue(index.bands().holds(later));
        }

        @Test
        void findsAnItemCommittedAfterALaterIdWasSeen() throws Exception {
            catchUp(NOW);
            CountDownLatch inserted = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            CompletableFuture<Long> slow = CompletableFuture.supplyAsync(() -> tx.executeWrite(status -> {
                try {
                    long id = row(status.getConnection(), 1, NOW);
                    inserted.countDown();
                    commit.await();
                    return id;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
            try {
                inserted.await();
                long fast = row(2, NOW);
                catchUp(NOW);
                assertTrue(index.bands().holds(fast));
                assertTrue(index.gaps() >= 1, index.gaps() + " gaps");
            } finally {
                commit.countDown();
            }
            long late = slow.get();
            assertFalse(index.bands().holds(late));
            catchUp(NOW.plus(ClusterIndex.GAP_RECHECK));
            assertTrue(index.bands().holds(late));
        }

        @Test
        void forgetsAnIdNotCommittedWithinTheWait() {
            catchUp(NOW);
            // An id taken by a transaction that rolled back: the next committed row comes after it.
            tx.executeWrite(status -> {
                try {
                    row(status.getConnection(), 1, NOW);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                status.setRollbackOnly();
                return null;
            });
            row(2, NOW);
            catchUp(NOW);
            int waiting = index.gaps();
            assertTrue(waiting >= 1, waiting + " gaps");
            catchUp(NOW.plus(ClusterIndex.GAP_WAIT));
            assertEquals(waiting, index.gaps());
            catchUp(NOW.plus(ClusterIndex.GAP_WAIT).plusSeconds(1));
            assertEquals(0, index.gaps());
        }

        @Test
        void asksForAtMostMaxGapsRangesOfIdsAgain() {
            long first = row(1, NOW);
            catchUp(NOW);
            int rows = ClusterIndex.MAX_GAPS + 5;
            // Rows with every other id: each leaves a range of one id not seen below it.
            tx.executeWrite(status -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement("INSERT INTO item (id, feed_id,"
                        + " identity_hash, story_hash, content_hash, url, title, published_at, first_seen_at)"
                        + " VALUES (?, ?, ?, ?, ?, 'https://far.example/a', 'Xa', ?, UTC_TIMESTAMP())")) {
                    for (int n = 1; n <= rows; n++) {
                        String hash = String.format("e%063x", n);
                        ps.setLong(1, first + 2L * n);
                        ps.setLong(2, feedId);
                        ps.setString(3, hash);
                        ps.setString(4, hash);
                        ps.setString(5, hash);
                        ps.setObject(6, UtcTimes.toColumn(NOW));
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            });
            catchUp(NOW);
            assertEquals(ClusterIndex.MAX_GAPS, index.gaps());
            assertTrue(index.bands().holds(first + 2L * rows));
        }
    }

    private static Map<String, String[]> shooting() {
        Map<String, String[]> out = new HashMap<>();
        try (InputStream in = ClusterIndexTest.class.getResourceAsStream("/clustering/items.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t");
                if (f[0].equals("d21") || f[0].equals("d22") || f[0].equals("d23")) {
                    // site, published, title, summary, url
                    out.put(f[0], new String[] {f[4], f[5], f[6], f[7], f[8].strip()});
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
