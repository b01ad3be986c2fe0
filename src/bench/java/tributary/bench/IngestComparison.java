package tributary.bench;

import io.micronaut.transaction.TransactionOperations;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import tributary.normalize.ItemNormalizer;
import tributary.normalize.NormalizedItem;
import tributary.parse.FeedParser;
import tributary.parse.ParsedFeed;
import tributary.parse.ParsedItem;
import tributary.store.ItemStore;

/**
 * Items/s through ItemStore.upsert (one call per feed of 20, as a poll makes) against a plain batched JDBC INSERT of
 * the same rows into a temporary copy of the item table in the same MariaDB, in the same run: from one caller each,
 * and from as many callers as the service has poll workers.
 */
final class IngestComparison {

    /**
     * Rows written by each side and the seconds each took; floorSeconds is a third path, for scale, not the target's:
     * what one poll's write cannot go below here (one multi-row INSERT of its 20 rows and one commit, into item).
     */
    record Result(int rows, double storeSeconds, double plainSeconds, double floorSeconds, int threads,
                  double concurrentStoreSeconds, double concurrentPlainSeconds, double plainIntoItemSeconds,
                  double groupFloorSeconds) {
        /** Rows per second when the rows of GROUP feeds go as one batch and one commit, into item. */
        double groupFloorItemsPerSecond() {
            return rows / groupFloorSeconds;
        }

        /** The reference written into item itself (foreign key, redo log) instead of a temporary table. */
        double plainIntoItemItemsPerSecond() {
            return rows / plainIntoItemSeconds;
        }

        double storeItemsPerSecond() {
            return rows / storeSeconds;
        }

        double plainItemsPerSecond() {
            return rows / plainSeconds;
        }

        double ratio() {
            return storeItemsPerSecond() / plainItemsPerSecond();
        }

        double floorItemsPerSecond() {
            return rows / floorSeconds;
        }

        double floorRatio() {
            return floorItemsPerSecond() / plainItemsPerSecond();
        }

        double concurrentStoreItemsPerSecond() {
            return rows / concurrentStoreSeconds;
        }

        double concurrentPlainItemsPerSecond() {
            return rows / concurrentPlainSeconds;
        }

        /** Ours from threads callers (as the poll workers call it) against the one-connection reference. */
        double concurrentRatio() {
            return concurrentStoreItemsPerSecond() / plainItemsPerSecond();
        }

        /** Ours from threads callers against the reference from as many connections. */
        double concurrentBothRatio() {
            return concurrentStoreItemsPerSecond() / concurrentPlainItemsPerSecond();
        }
    }

    private static final int PLAIN_BATCH = 1000;
    private static final String PLAIN_INSERT = """
            INSERT INTO bench_item (feed_id, identity_hash, story_hash, site_title_key, content_hash, guid, url,
              canonical_url, title, summary, content, author, tags, enclosure_url, enclosure_type, enclosure_length,
              published_at, first_seen_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final ItemStore store;
    private final TransactionOperations<Connection> tx;
    private final DataSource dataSource;
    private final FeedParser parser;
    private final ItemNormalizer normalizer;

    /** dataSource is the pool itself (DataSourceResolver.resolve), since the reference commits on its own. */
    IngestComparison(ItemStore store, TransactionOperations<Connection> tx, DataSource dataSource, FeedParser parser,
                     ItemNormalizer normalizer) {
        this.store = store;
        this.tx = tx;
        this.dataSource = dataSource;
        this.parser = parser;
        this.normalizer = normalizer;
    }

    /**
     * Writes feeds × 20 fresh items each way: ours and the reference from one caller, then from threads callers at
     * once (ours as the poll workers call it, on fresh items of other feeds); the feed rows it made are deleted
     * afterwards (items cascade).
     */
    Result run(int feeds, String tag, int threads) throws Exception {
        Instant now = Instant.now();
        List<Long> feedIds = new ArrayList<>();
        List<Long> floorFeedIds = new ArrayList<>();
        List<Long> concurrentFeedIds = new ArrayList<>();
        List<Long> plainItemFeedIds = new ArrayList<>();
        List<Long> groupFeedIds = new ArrayList<>();
        List<List<NormalizedItem>> batches = new ArrayList<>();
        List<List<NormalizedItem>> concurrentBatches = new ArrayList<>();
        try {
            for (int n = 0; n < feeds; n++) {
                long id = insertFeed("https://bench.example/" + tag + "/" + n + ".rss");
                feedIds.add(id);
                floorFeedIds.add(insertFeed("https://bench.example/" + tag + "/floor/" + n + ".rss"));
                plainItemFeedIds.add(insertFeed("https://bench.example/" + tag + "/plain/" + n + ".rss"));
                groupFeedIds.add(insertFeed("https://bench.example/" + tag + "/group/" + n + ".rss"));
                long concurrentId = insertFeed("https://bench.example/" + tag + "/concurrent/" + n + ".rss");
                concurrentFeedIds.add(concurrentId);
                // Real parsed and normalized items, prepared before the clock starts.
                batches.add(items(n, tag, id, now));
                concurrentBatches.add(items(n, tag + "-concurrent", concurrentId, now));
            }
            int rows = batches.stream().mapToInt(List::size).sum();
            long started = System.nanoTime();
            for (int i = 0; i < feeds; i++) {
                store.upsert(feedIds.get(i), batches.get(i), now);
            }
            double storeSeconds = (System.nanoTime() - started) / 1e9;
            double plainSeconds = plainInsert(feedIds, batches, now, true);
            double plainIntoItemSeconds = plainInsert(plainItemFeedIds, batches, now, false);
            double groupFloorSeconds = groupFloor(groupFeedIds, batches, now);
            double floorSeconds = floor(floorFeedIds, batches, now);
            double concurrentStoreSeconds = concurrentUpserts(concurrentFeedIds, concurrentBatches, now, threads);
            double concurrentPlainSeconds = concurrentPlainInsert(feedIds, batches, now, threads);
            return new Result(rows, storeSeconds, plainSeconds, floorSeconds, threads, concurrentStoreSeconds,
                    concurrentPlainSeconds, plainIntoItemSeconds, groupFloorSeconds);
        } finally {
            deleteFeeds(feedIds);
            deleteFeeds(floorFeedIds);
            deleteFeeds(concurrentFeedIds);
            deleteFeeds(plainItemFeedIds);
            deleteFeeds(groupFeedIds);
        }
    }

    private List<NormalizedItem> items(int n, String tag, long feedId, Instant now) throws Exception {
        ParsedFeed parsed = parser.parse(BenchFeeds.rss(n, tag), "application/rss+xml");
        List<NormalizedItem> items = new ArrayList<>();
        for (ParsedItem item : parsed.items()) {
            items.add(normalizer.normalize(item, feedId, URI.create("https://bench.example/"), parsed.language(), now));
        }
        return items;
    }

    /** Ours as the service runs it: threads workers, each taking the next feed and storing it in one upsert. */
    private double concurrentUpserts(List<Long> feedIds, List<List<NormalizedItem>> batches, Instant now, int threads)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        return timedOnThreads(threads, () -> {
            for (int i = next.getAndIncrement(); i < feedIds.size(); i = next.getAndIncrement()) {
                store.upsert(feedIds.get(i), batches.get(i), now);
            }
            return null;
        });
    }

    /**
     * The reference from threads connections at once, each its own temporary table and an equal share of the rows,
     * batches of 1,000 and one commit per batch: what the machine gives a plain loader that uses as many connections.
     */
    private double concurrentPlainInsert(List<Long> feedIds, List<List<NormalizedItem>> batches, Instant now,
                                         int threads) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Connection c = dataSource.getConnection();
                connections.add(c);
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TEMPORARY TABLE IF EXISTS bench_item");
                    st.execute("CREATE TEMPORARY TABLE bench_item LIKE item");
                }
                c.setAutoCommit(false);
            }
            AtomicInteger nextConnection = new AtomicInteger();
            return timedOnThreads(threads, () -> {
                int t = nextConnection.getAndIncrement();
                Connection c = connections.get(t);
                try (PreparedStatement ps = c.prepareStatement(PLAIN_INSERT)) {
                    int pending = 0;
                    for (int f = t; f < feedIds.size(); f += threads) {
                        for (NormalizedItem item : batches.get(f)) {
                            bind(ps, feedIds.get(f), item, now);
                            ps.addBatch();
                            if (++pending == PLAIN_BATCH) {
                                ps.executeBatch();
                                c.commit();
                                pending = 0;
                            }
                        }
                    }
                    ps.executeBatch();
                    c.commit();
                }
                return null;
            });
        } finally {
            for (Connection c : connections) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TEMPORARY TABLE IF EXISTS bench_item");
                }
                c.setAutoCommit(true);
                c.close();
            }
        }
    }

    /** Seconds from starting threads copies of work at once until the last one ends. */
    private static double timedOnThreads(int threads, Callable<Void> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> copies = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                copies.add(work);
            }
            long started = System.nanoTime();
            for (Future<Void> done : pool.invokeAll(copies)) {
                done.get();
            }
            return (System.nanoTime() - started) / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The reference: one connection, batches of 1,000 rows, one commit per batch, into a temporary table like item
     * (temporary) or into item itself.
     */
    private double plainInsert(List<Long> feedIds, List<List<NormalizedItem>> batches, Instant now, boolean temporary)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (temporary) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TEMPORARY TABLE IF EXISTS bench_item");
                    st.execute("CREATE TEMPORARY TABLE bench_item LIKE item");
                }
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(temporary ? PLAIN_INSERT
                    : PLAIN_INSERT.replace("bench_item", "item"))) {
                int pending = 0;
                for (int f = 0; f < feedIds.size(); f++) {
                    for (NormalizedItem item : batches.get(f)) {
                        bind(ps, feedIds.get(f), item, now);
                        ps.addBatch();
                        if (++pending == PLAIN_BATCH) {
                            ps.executeBatch();
                            c.commit();
                            pending = 0;
                        }
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (temporary) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TEMPORARY TABLE bench_item");
                }
            }
            c.setAutoCommit(autoCommit);
            return seconds;
        }
    }

    /** Feeds whose rows the group floor writes together. */
    static final int GROUP = 8;

    /**
     * For scale: what a store writer grouping polls could at best do: the rows of GROUP feeds as one batch (the
     * driver's bulk protocol) and one commit, into item, with no look-up and no linking.
     */
    private double groupFloor(List<Long> feedIds, List<List<NormalizedItem>> batches, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(PLAIN_INSERT.replace("bench_item", "item"))) {
                for (int f = 0; f < feedIds.size(); f++) {
                    for (NormalizedItem item : batches.get(f)) {
                        bind(ps, feedIds.get(f), item, now);
                        ps.addBatch();
                    }
                    if ((f + 1) % GROUP == 0 || f == feedIds.size() - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            c.setAutoCommit(autoCommit);
            return seconds;
        }
    }

    /** For scale: per feed, the same rows as one multi-row INSERT into item and a commit, as little as a poll can write. */
    private double floor(List<Long> feedIds, List<List<NormalizedItem>> batches, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            long started = System.nanoTime();
            for (int f = 0; f < feedIds.size(); f++) {
                List<NormalizedItem> items = batches.get(f);
                String row = PLAIN_INSERT.substring(PLAIN_INSERT.indexOf("VALUES ") + 7);
                String sql = PLAIN_INSERT.replace("bench_item", "item").replace("VALUES " + row,
                        "VALUES " + (row + ", ").repeat(items.size() - 1) + row);
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int i = 1;
                    for (NormalizedItem item : items) {
                        i = bind(ps, i, feedIds.get(f), item, now);
                    }
                    ps.executeUpdate();
                }
                c.commit();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            c.setAutoCommit(autoCommit);
            return seconds;
        }
    }

    private static void bind(PreparedStatement ps, long feedId, NormalizedItem item, Instant now) throws SQLException {
        bind(ps, 1, feedId, item, now);
    }

    /** Binds one row's 18 values from parameter start on; answers the next free parameter index. */
    private static int bind(PreparedStatement ps, int start, long feedId, NormalizedItem item, Instant now)
            throws SQLException {
        int i = start;
        ps.setLong(i++, feedId);
        ps.setString(i++, item.identityHash());
        ps.setString(i++, item.storyHash());
        ps.setString(i++, item.siteTitleKey());
        ps.setString(i++, item.contentHash());
        ps.setString(i++, item.guid());
        ps.setString(i++, item.url());
        ps.setString(i++, item.canonicalUrl());
        ps.setString(i++, item.title());
        ps.setString(i++, item.summary());
        ps.setString(i++, item.content());
        ps.setString(i++, item.author());
        ps.setString(i++, item.tags().isEmpty() ? null : String.join("\n", item.tags()));
        ps.setString(i++, item.enclosureUrl());
        ps.setString(i++, item.enclosureType());
        ps.setNull(i++, Types.BIGINT);
        ps.setObject(i++, LocalDateTime.ofInstant(item.published() != null ? item.published() : now,
                ZoneOffset.UTC));
        ps.setObject(i++, LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        return i;
    }

    private long insertFeed(String url) {
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "INSERT INTO feed (url, url_hash, created_at) VALUES (?, SHA2(?, 256), UTC_TIMESTAMP(3))",
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

    private void deleteFeeds(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("DELETE FROM feed WHERE id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }
}
