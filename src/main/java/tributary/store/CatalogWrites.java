package tributary.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog writes that need hand JDBC: the upserts of feeds.yml's rows (ON DUPLICATE KEY UPDATE … IF(origin …),
 * batched, so rows the admin API owns keep their values), the admin's add-or-revive of a feed, and the writes of a
 * feed's settings, whose columns come from FeedSettingsColumns. Each joins the caller's transaction, which bumps the
 * catalog revision first (CatalogRevisions).
 */
@Singleton
public class CatalogWrites {

    /**
     * A category as feeds.yml declares it, block its rules as written, clustering whether its outputs show story
     * clusters; line is where it starts in the file.
     */
    public record FileCategory(String slug, String title, String description, List<String> block, boolean clustering,
                               int line) {
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
                    INSERT INTO feed (url, url_hash, %1$s, origin, created_at) VALUES (?, ?, %2$s, ?, ?)
                    ON DUPLICATE KEY UPDATE %3$s,
                      origin = VALUES(origin), source_line = NULL, deleted_at = NULL, next_poll_at = NULL,
                      id = LAST_INSERT_ID(id)""".formatted(FeedSettingsColumns.list(),
                    FeedSettingsColumns.placeholders(), FeedSettingsColumns.assignments(col -> "VALUES(" + col + ")")),
                    Statement.RETURN_GENERATED_KEYS)) {
                int next = bindFeed(ps, settings);
                ps.setString(next, Origin.API.column());
                ps.setObject(next + 1, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /**
     * Writes a feed's settings but its URL; switching it on makes it due now. Hand JDBC: the columns come from
     * FeedSettingsColumns, the one list of them.
     */
    public void updateSettings(long id, FeedSettings settings) {
        tx.executeWrite(status -> {
            // next_poll_at first: MariaDB assigns left to right, so it still sees the old enabled.
            try (PreparedStatement ps = status.getConnection().prepareStatement("""
                    UPDATE feed SET next_poll_at = IF(enabled = FALSE AND ? = TRUE, NULL, next_poll_at), %s
                    WHERE id = ?""".formatted(FeedSettingsColumns.assignments(col -> "?")))) {
                ps.setBoolean(1, settings.enabled());
                ps.setLong(FeedSettingsColumns.bind(ps, 2, settings), id);
                ps.executeUpdate();
            }
            return null;
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
                    INSERT INTO category (slug, title, description, origin, source_line, position, created_at,
                      block_rules, clustering)
                    VALUES (?, ?, ?, %1$s, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE title = IF(origin = %1$s, VALUES(title), title),
                      description = IF(origin = %1$s, VALUES(description), description),
                      block_rules = IF(origin = %1$s, VALUES(block_rules), block_rules),
                      clustering = IF(origin = %1$s, VALUES(clustering), clustering),
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
                    ps.setString(7, FeedSettingsColumns.lines(category.block()));
                    ps.setBoolean(8, category.clustering());
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
                    INSERT INTO feed (url, url_hash, %3$s, origin, source_line, created_at)
                    VALUES (?, ?, %4$s, %2$s, ?, ?)
                    ON DUPLICATE KEY UPDATE
                      next_poll_at = IF(%1$s AND ((enabled = FALSE AND VALUES(enabled) = TRUE) OR deleted_at IS NOT NULL),
                                        NULL, next_poll_at),
                      %5$s,
                      source_line = IF(%1$s, VALUES(source_line), source_line),
                      origin = IF(%1$s, %2$s, origin),
                      deleted_at = IF(origin = %2$s, NULL, deleted_at)""".formatted(owned, FILE,
                    FeedSettingsColumns.list(), FeedSettingsColumns.placeholders(),
                    FeedSettingsColumns.assignments(col -> "IF(" + owned + ", VALUES(" + col + "), " + col + ")")))) {
                for (FileFeed feed : feeds) {
                    int next = bindFeed(ps, feed.settings());
                    ps.setInt(next, feed.line());
                    ps.setObject(next + 1, now);
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
     * Sets the categories of the file's feeds to those the file gives them; a URL that belongs to a feed added through
     * the API is left as it is. Call after both upserts. Only links that differ are deleted or inserted: each link
     * written also names its feed row, and on Galera a write set naming a feed row that another node's poll is
     * updating loses certification, so rewriting every link made each reconcile collide with polling.
     */
    public void relinkFileFeeds(List<FileFeed> feeds) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            Map<String, Long> categoryIds = ids(c, "SELECT slug, id FROM category");
            Map<String, Long> fileFeeds = ids(c, "SELECT url_hash, id FROM feed WHERE origin = " + FILE
                    + " AND deleted_at IS NULL");
            Set<List<Long>> linked = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT fc.feed_id, fc.category_id FROM feed_category fc"
                    + " JOIN feed f ON f.id = fc.feed_id WHERE f.origin = " + FILE + " AND f.deleted_at IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    linked.add(List.of(rs.getLong(1), rs.getLong(2)));
                }
            }
            try (PreparedStatement unlink = c.prepareStatement(
                    "DELETE FROM feed_category WHERE feed_id = ? AND category_id = ?");
                 PreparedStatement link = c.prepareStatement(
                         "INSERT INTO feed_category (feed_id, category_id) VALUES (?, ?)")) {
                int unlinks = 0;
                int links = 0;
                for (FileFeed feed : feeds) {
                    Long feedId = fileFeeds.get(feed.settings().urlHash());
                    if (feedId == null) {
                        continue;
                    }
                    Set<Long> wanted = new HashSet<>();
                    for (String slug : feed.settings().categories()) {
                        wanted.add(categoryIds.get(slug));
                    }
                    for (long categoryId : categoryIds.values()) {
                        boolean has = linked.contains(List.of(feedId, categoryId));
                        PreparedStatement ps = has && !wanted.contains(categoryId) ? unlink
                                : !has && wanted.contains(categoryId) ? link : null;
                        if (ps != null) {
                            ps.setLong(1, feedId);
                            ps.setLong(2, categoryId);
                            ps.addBatch();
                            unlinks += ps == unlink ? 1 : 0;
                            links += ps == link ? 1 : 0;
                        }
                    }
                }
                if (unlinks > 0) {
                    unlink.executeBatch();
                }
                if (links > 0) {
                    link.executeBatch();
                }
            }
            return null;
        });
    }

    /** Parameters 1 and 2, url and url_hash, then the setting columns; answers the next parameter index. */
    private static int bindFeed(PreparedStatement ps, FeedSettings settings) throws SQLException {
        ps.setString(1, settings.url().toString());
        ps.setString(2, settings.urlHash());
        return FeedSettingsColumns.bind(ps, 3, settings);
    }

    static String notIn(String column, int count) {
        return count == 0 ? "" : " AND " + column + " NOT IN (" + "?,".repeat(count - 1) + "?)";
    }

    static void bind(PreparedStatement ps, int first, List<String> values) throws SQLException {
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
