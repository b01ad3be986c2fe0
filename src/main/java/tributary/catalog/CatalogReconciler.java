package tributary.catalog;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tributary.normalize.Sha256;
import tributary.store.UtcTimes;

/**
 * Makes the database's file-managed categories and feeds equal to a validated feeds.yml, in one transaction.
 * Rows added through the admin API (origin 'api') are never touched.
 */
@Singleton
public class CatalogReconciler {

    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public CatalogReconciler(TransactionOperations<Connection> tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    public ReconcileResult apply(FeedsFile file) {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            int categoriesRemoved = upsertCategories(c, file.categories());
            Map<String, Long> categoryIds = ids(c, "SELECT slug, id FROM category");
            int feedsRemoved = upsertFeeds(c, file.feeds());
            Map<String, Long> feedIds = ids(c, "SELECT url_hash, id FROM feed");
            try (PreparedStatement unlink = c.prepareStatement(
                    "DELETE FROM feed_category WHERE feed_id = ?");
                 PreparedStatement link = c.prepareStatement(
                         "INSERT INTO feed_category (feed_id, category_id) VALUES (?, ?)")) {
                for (FeedSpec feed : file.feeds()) {
                    long feedId = feedIds.get(urlHash(feed));
                    unlink.setLong(1, feedId);
                    unlink.addBatch();
                    for (String slug : feed.categorySlugs()) {
                        link.setLong(1, feedId);
                        link.setLong(2, categoryIds.get(slug));
                        link.addBatch();
                    }
                }
                unlink.executeBatch();
                link.executeBatch();
            }
            return new ReconcileResult(file.categories().size(), file.feeds().size(), feedsRemoved, categoriesRemoved);
        });
    }

    private int upsertCategories(Connection c, List<CategorySpec> categories) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO category (slug, title, description, origin, position, created_at)
                VALUES (?, ?, ?, 'file', ?, ?)
                ON DUPLICATE KEY UPDATE title = VALUES(title), description = VALUES(description),
                  position = VALUES(position), origin = 'file'""")) {
            int position = 0;
            for (CategorySpec category : categories) {
                ps.setString(1, category.slug());
                ps.setString(2, category.title());
                ps.setString(3, category.description());
                ps.setInt(4, position++);
                ps.setObject(5, UtcTimes.toColumn(clock.instant()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        List<String> slugs = categories.stream().map(CategorySpec::slug).toList();
        return deleteFileRowsExcept(c, "category", "slug", slugs);
    }

    private int upsertFeeds(Connection c, List<FeedSpec> feeds) throws SQLException {
        // next_poll_at is assigned before enabled so that it still sees the old value: a feed switched back on polls now.
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO feed (url, url_hash, title_override, interval_seconds, enabled, origin, source_line, created_at)
                VALUES (?, ?, ?, ?, ?, 'file', ?, ?)
                ON DUPLICATE KEY UPDATE
                  next_poll_at = IF(enabled = FALSE AND VALUES(enabled) = TRUE, NULL, next_poll_at),
                  title_override = VALUES(title_override), interval_seconds = VALUES(interval_seconds),
                  enabled = VALUES(enabled), origin = 'file', source_line = VALUES(source_line)""")) {
            for (FeedSpec feed : feeds) {
                ps.setString(1, feed.url().toString());
                ps.setString(2, urlHash(feed));
                ps.setString(3, feed.title());
                if (feed.interval() == null) {
                    ps.setNull(4, Types.INTEGER);
                } else {
                    ps.setLong(4, feed.interval().toSeconds());
                }
                ps.setBoolean(5, feed.enabled());
                ps.setInt(6, feed.line());
                ps.setObject(7, UtcTimes.toColumn(clock.instant()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        List<String> hashes = feeds.stream().map(CatalogReconciler::urlHash).toList();
        return deleteFileRowsExcept(c, "feed", "url_hash", hashes);
    }

    private static int deleteFileRowsExcept(Connection c, String table, String keyColumn, List<String> keep)
            throws SQLException {
        String sql = "DELETE FROM " + table + " WHERE origin = 'file'"
                + (keep.isEmpty() ? "" : " AND " + keyColumn + " NOT IN (" + "?,".repeat(keep.size() - 1) + "?)");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < keep.size(); i++) {
                ps.setString(i + 1, keep.get(i));
            }
            return ps.executeUpdate();
        }
    }

    private static Map<String, Long> ids(Connection c, String sql) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getLong(2));
            }
        }
        return ids;
    }

    /** The key a feed URL is unique by (the URL itself can exceed an index's length). */
    public static String urlHash(FeedSpec feed) {
        return Sha256.hex(feed.url().toString());
    }

}
