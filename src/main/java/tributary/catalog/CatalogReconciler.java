package tributary.catalog;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tributary.common.Sha256;
import tributary.store.CatalogRevisions;
import tributary.store.UtcTimes;

/**
 * Makes the database's file-managed categories and feeds equal to a validated feeds.yml, in one transaction.
 * Rows added through the admin API (origin 'api') are never changed by it; a feed removed from the file is
 * soft-deleted (no longer polled, its items kept) and comes back if the file names it again.
 */
@Singleton
public class CatalogReconciler {

    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public CatalogReconciler(TransactionOperations<Connection> tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    public ReconcileResult apply(FeedsFile file) throws FeedsFileException {
        return apply(file, null);
    }

    /**
     * Applies the file; fileHash (SHA-256 of its text) is recorded as the list in force. Safe when every instance
     * does it: the revision bump comes first and holds the catalog row lock to commit, so reconciles (and admin edits)
     * of several instances run one after another, each making the rows equal to its file, never interleaved.
     *
     * @throws FeedsFileException when the file would remove a category that feeds added through the API still use;
     *                            nothing is changed then
     */
    public ReconcileResult apply(FeedsFile file, String fileHash) throws FeedsFileException {
        try {
            return applyInTransaction(file, fileHash);
        } catch (Refused refused) {
            throw refused.exception;
        }
    }

    private ReconcileResult applyInTransaction(FeedsFile file, String fileHash) {
        LocalDateTime now = UtcTimes.toColumn(clock.instant());
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            CatalogRevisions.bump(c, fileHash);
            // Checked under the catalog lock the bump holds, so no admin edit slips in between check and delete.
            List<FeedsFileException.Problem> problems = new CategoriesInUse(c).removedByFile(file);
            if (!problems.isEmpty()) {
                throw new Refused(new FeedsFileException(file.name(), problems));
            }
            int categoriesRemoved = upsertCategories(c, file.categories(), now);
            Map<String, Long> categoryIds = ids(c, "SELECT slug, id FROM category");
            int feedsRemoved = upsertFeeds(c, file.feeds(), now);
            Map<String, Long> fileFeeds = ids(c, "SELECT url_hash, id FROM feed WHERE origin = 'file' AND deleted_at IS NULL");
            try (PreparedStatement unlink = c.prepareStatement("DELETE FROM feed_category WHERE feed_id = ?");
                 PreparedStatement link = c.prepareStatement(
                         "INSERT INTO feed_category (feed_id, category_id) VALUES (?, ?)")) {
                for (FeedSpec feed : file.feeds()) {
                    Long feedId = fileFeeds.get(urlHash(feed.url().toString()));
                    if (feedId == null) {
                        continue; // the URL belongs to a feed added through the API: the file does not touch it
                    }
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

    private int upsertCategories(Connection c, List<CategorySpec> categories, LocalDateTime now) throws SQLException {
        // IF(origin = 'file', …): a category created through the API keeps its own title; the file may still use it.
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO category (slug, title, description, origin, source_line, position, created_at)
                VALUES (?, ?, ?, 'file', ?, ?, ?)
                ON DUPLICATE KEY UPDATE title = IF(origin = 'file', VALUES(title), title),
                  description = IF(origin = 'file', VALUES(description), description),
                  source_line = IF(origin = 'file', VALUES(source_line), source_line),
                  position = IF(origin = 'file', VALUES(position), position)""")) {
            int position = 0;
            for (CategorySpec category : categories) {
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
        List<String> slugs = categories.stream().map(CategorySpec::slug).toList();
        String sql = "DELETE FROM category WHERE origin = 'file'" + notIn("slug", slugs.size());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, 1, slugs);
            return ps.executeUpdate();
        }
    }

    private int upsertFeeds(Connection c, List<FeedSpec> feeds, LocalDateTime now) throws SQLException {
        // The file owns a row it created, or one that was removed (deleted_at set) and is named again. Assignments run
        // left to right and see earlier ones, so the ownership test is repeated and origin/deleted_at come last.
        String owned = "(origin = 'file' OR deleted_at IS NOT NULL)";
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO feed (url, url_hash, title_override, interval_seconds, enabled, origin, source_line, created_at,
                  zone)
                VALUES (?, ?, ?, ?, ?, 'file', ?, ?, ?)
                ON DUPLICATE KEY UPDATE
                  next_poll_at = IF(%1$s AND ((enabled = FALSE AND VALUES(enabled) = TRUE) OR deleted_at IS NOT NULL),
                                    NULL, next_poll_at),
                  title_override = IF(%1$s, VALUES(title_override), title_override),
                  interval_seconds = IF(%1$s, VALUES(interval_seconds), interval_seconds),
                  zone = IF(%1$s, VALUES(zone), zone),
                  enabled = IF(%1$s, VALUES(enabled), enabled),
                  source_line = IF(%1$s, VALUES(source_line), source_line),
                  origin = IF(%1$s, 'file', origin),
                  deleted_at = IF(origin = 'file', NULL, deleted_at)""".formatted(owned))) {
            for (FeedSpec feed : feeds) {
                ps.setString(1, feed.url().toString());
                ps.setString(2, urlHash(feed.url().toString()));
                ps.setString(3, feed.title());
                if (feed.interval() == null) {
                    ps.setNull(4, Types.INTEGER);
                } else {
                    ps.setLong(4, feed.interval().toSeconds());
                }
                ps.setBoolean(5, feed.enabled());
                ps.setInt(6, feed.line());
                ps.setObject(7, now);
                ps.setString(8, feed.zone() == null ? null : feed.zone().getId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        List<String> hashes = feeds.stream().map(f -> urlHash(f.url().toString())).toList();
        String sql = "UPDATE feed SET deleted_at = ?, enabled = FALSE WHERE origin = 'file' AND deleted_at IS NULL"
                + notIn("url_hash", hashes.size());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, now);
            bind(ps, 2, hashes);
            return ps.executeUpdate();
        }
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

    /** Carries a refusal out of the transaction, rolling it back (the revision bump included). */
    private static final class Refused extends RuntimeException {
        private final FeedsFileException exception;

        Refused(FeedsFileException exception) {
            super(exception.getMessage(), null, false, false);
            this.exception = exception;
        }
    }

    /** The key a feed URL is unique by (the URL itself can exceed an index's length). */
    public static String urlHash(String url) {
        return Sha256.hex(url);
    }
}
