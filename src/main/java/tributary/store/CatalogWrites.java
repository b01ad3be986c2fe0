package tributary.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog writes that need hand JDBC: the upserts of feeds.yml's rows (ON DUPLICATE KEY UPDATE … IF(origin …),
 * batched, so rows the admin API owns keep their values) and the admin's add-or-revive of a feed. Each joins the
 * caller's transaction, which bumps the catalog revision first (CatalogRevisions).
 */
@Singleton
public class CatalogWrites {

    /** A category as feeds.yml declares it; line is where it starts in the file. */
    public record FileCategory(String slug, String title, String description, int line) {
    }

    /** A feed as feeds.yml declares it; line is where it starts in the file. */
    public record FileFeed(FeedSettings settings, int line) {
    }

    private static final String FILE = "'" + Origin.FILE.column() + "'";

    private final TransactionOperations<Connection> tx;

    public CatalogWrites(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /**
     * Adds a feed through the admin API, or brings back a removed one with the same URL, and answers its id; due for
     * polling at once. Hand JDBC: ON DUPLICATE KEY UPDATE … id = LAST_INSERT_ID(id) answers the revived row's id.
     */
    public long upsertApiFeed(FeedSettings settings, LocalDateTime now) {
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("""
                    INSERT INTO feed (url, url_hash, title_override, interval_seconds, enabled, zone, origin, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE title_override = VALUES(title_override),
                      interval_seconds = VALUES(interval_seconds), enabled = VALUES(enabled), zone = VALUES(zone),
                      origin = VALUES(origin), source_line = NULL, deleted_at = NULL, next_poll_at = NULL,
                      id = LAST_INSERT_ID(id)""", Statement.RETURN_GENERATED_KEYS)) {
                bindSettings(ps, settings);
                ps.setString(7, Origin.API.column());
                ps.setObject(8, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /**
     * Makes the file's categories equal to the list, in its order, and deletes the file categories it no longer
     * names; answers how many were deleted. A category created through the API keeps its own title and place.
     */
    public int upsertFileCategories(List<FileCategory> categories, LocalDateTime now) {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO category (slug, title, description, origin, source_line, position, created_at)
                    VALUES (?, ?, ?, %1$s, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE title = IF(origin = %1$s, VALUES(title), title),
                      description = IF(origin = %1$s, VALUES(description), description),
                      source_line = IF(origin = %1$s, VALUES(source_line), source_line),
                      position = IF(origin = %1$s, VALUES(position), position)""".formatted(FILE))) {
                int position = 0;
                for (FileCategory category : categories) {
                    ps.setString(1, category.slug());
                    ps.setString(2, category.title());
                    ps.setString(3, category.description());
                    ps.setInt(4, category.line());
                    ps.setInt(5, position++);
                    ps.setObject(6, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<String> slugs = categories.stream().map(FileCategory::slug).toList();
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM category WHERE origin = " + FILE
                    + notIn("slug", slugs.size()))) {
                bind(ps, 1, slugs);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Makes the file's feeds equal to the list and soft-deletes the file feeds it no longer names (answering how
     * many). The file owns a row it created, or one that was removed and is named again; a live API row keeps its
     * values. A feed switched on, or brought back, is due at once.
     */
    public int upsertFileFeeds(List<FileFeed> feeds, LocalDateTime now) {
        // Assignments run left to right and see earlier ones, so the ownership test is repeated and origin/deleted_at
        // come last.
        String owned = "(origin = " + FILE + " OR deleted_at IS NOT NULL)";
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO feed (url, url_hash, title_override, interval_seconds, enabled, zone, origin,
                      source_line, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, %2$s, ?, ?)
                    ON DUPLICATE KEY UPDATE
                      next_poll_at = IF(%1$s AND ((enabled = FALSE AND VALUES(enabled) = TRUE) OR deleted_at IS NOT NULL),
                                        NULL, next_poll_at),
                      title_override = IF(%1$s, VALUES(title_override), title_override),
                      interval_seconds = IF(%1$s, VALUES(interval_seconds), interval_seconds),
                      zone = IF(%1$s, VALUES(zone), zone),
                      enabled = IF(%1$s, VALUES(enabled), enabled),
                      source_line = IF(%1$s, VALUES(source_line), source_line),
                      origin = IF(%1$s, %2$s, origin),
                      deleted_at = IF(origin = %2$s, NULL, deleted_at)""".formatted(owned, FILE))) {
                for (FileFeed feed : feeds) {
                    bindSettings(ps, feed.settings());
                    ps.setInt(7, feed.line());
                    ps.setObject(8, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<String> hashes = feeds.stream().map(f -> f.settings().urlHash()).toList();
            try (PreparedStatement ps = c.prepareStatement("UPDATE feed SET deleted_at = ?, enabled = FALSE WHERE origin = "
                    + FILE + " AND deleted_at IS NULL" + notIn("url_hash", hashes.size()))) {
                ps.setObject(1, now);
                bind(ps, 2, hashes);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Sets the categories of the file's feeds to those the file gives them, in two batches; a URL that belongs to a
     * feed added through the API is left as it is. Call after both upserts.
     */
    public void relinkFileFeeds(List<FileFeed> feeds) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            Map<String, Long> categoryIds = ids(c, "SELECT slug, id FROM category");
            Map<String, Long> fileFeeds = ids(c, "SELECT url_hash, id FROM feed WHERE origin = " + FILE
                    + " AND deleted_at IS NULL");
            try (PreparedStatement unlink = c.prepareStatement("DELETE FROM feed_category WHERE feed_id = ?");
                 PreparedStatement link = c.prepareStatement(
                         "INSERT INTO feed_category (feed_id, category_id) VALUES (?, ?)")) {
                for (FileFeed feed : feeds) {
                    Long feedId = fileFeeds.get(feed.settings().urlHash());
                    if (feedId == null) {
                        continue;
                    }
                    unlink.setLong(1, feedId);
                    unlink.addBatch();
                    for (String slug : feed.settings().categories()) {
                        link.setLong(1, feedId);
                        link.setLong(2, categoryIds.get(slug));
                        link.addBatch();
                    }
                }
                unlink.executeBatch();
                link.executeBatch();
            }
            return null;
        });
    }

    /** Parameters 1-6: url, url_hash and the settings kept in feed's own columns. */
    private static void bindSettings(PreparedStatement ps, FeedSettings settings) throws SQLException {
        ps.setString(1, settings.url().toString());
        ps.setString(2, settings.urlHash());
        ps.setString(3, settings.title());
        if (settings.intervalSeconds() == null) {
            ps.setNull(4, Types.INTEGER);
        } else {
            ps.setLong(4, settings.intervalSeconds());
        }
        ps.setBoolean(5, settings.enabled());
        ps.setString(6, settings.zoneId());
    }

    private static String notIn(String column, int count) {
        return count == 0 ? "" : " AND " + column + " NOT IN (" + "?,".repeat(count - 1) + "?)";
    }

    private static void bind(PreparedStatement ps, int first, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(first + i, values.get(i));
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
}
