package tributary.catalog;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import tributary.store.CatalogRevisions;
import tributary.store.ContentChangedEvent;
import tributary.store.UtcTimes;

/**
 * Edits the catalog on behalf of the admin API: rows it creates have origin 'api'. Callers check first that a row
 * is not managed by feeds.yml; slugs passed in must exist (the API validates them).
 */
@Singleton
public class CatalogEditor {

    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final ApplicationEventPublisher<ContentChangedEvent> events;

    public CatalogEditor(TransactionOperations<Connection> tx, Clock clock,
                         ApplicationEventPublisher<ContentChangedEvent> events) {
        this.tx = tx;
        this.clock = clock;
        this.events = events;
    }

    /** Adds a feed (or brings back a removed one with the same URL) and answers its id; due for polling at once. */
    public long addFeed(FeedDraft draft) {
        LocalDateTime now = UtcTimes.toColumn(clock.instant());
        String hash = CatalogReconciler.urlHash(draft.url().toString());
        long id = tx.executeWrite(status -> {
            Connection c = status.getConnection();
            CatalogRevisions.bump(c, null);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, deleted_at IS NOT NULL FROM feed WHERE url_hash = ? FOR UPDATE")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && !rs.getBoolean(2)) {
                        throw new CatalogConflictException("feed " + draft.url() + " is already listed as feed #"
                                + rs.getLong(1) + ": change that one instead");
                    }
                }
            }
            long feedId;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO feed (url, url_hash, title_override, interval_seconds, enabled, origin, created_at)
                    VALUES (?, ?, ?, ?, ?, 'api', ?)
                    ON DUPLICATE KEY UPDATE title_override = VALUES(title_override),
                      interval_seconds = VALUES(interval_seconds), enabled = VALUES(enabled), origin = 'api',
                      source_line = NULL, deleted_at = NULL, next_poll_at = NULL, id = LAST_INSERT_ID(id)""",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, draft.url().toString());
                ps.setString(2, hash);
                ps.setString(3, draft.title());
                setInterval(ps, 4, draft);
                ps.setBoolean(5, draft.enabled() == null || draft.enabled());
                ps.setObject(6, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    feedId = keys.getLong(1);
                }
            }
            link(c, feedId, draft.categorySlugs());
            return feedId;
        });
        events.publishEvent(new ContentChangedEvent(null));
        return id;
    }

    /** Changes the non-null fields of the draft (its URL is ignored). */
    public void updateFeed(long id, FeedDraft draft) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            CatalogRevisions.bump(c, null);
            if (draft.title() != null) {
                update(c, "UPDATE feed SET title_override = ? WHERE id = ?", draft.title().isBlank() ? null : draft.title(), id);
            }
            if (draft.interval() != null) {
                update(c, "UPDATE feed SET interval_seconds = ? WHERE id = ?", draft.interval().toSeconds(), id);
            }
            if (draft.enabled() != null) {
                // Switching a feed on makes it due now rather than at whatever time it was last scheduled.
                update(c, "UPDATE feed SET next_poll_at = IF(enabled = FALSE AND ? = TRUE, NULL, next_poll_at), "
                        + "enabled = ? WHERE id = ?", draft.enabled(), draft.enabled(), id);
            }
            if (draft.categorySlugs() != null) {
                update(c, "DELETE FROM feed_category WHERE feed_id = ?", id);
                link(c, id, draft.categorySlugs());
            }
            return null;
        });
        events.publishEvent(new ContentChangedEvent(null));
    }

    /** Removes a feed: its items stay in merged outputs unless purge, which deletes them too. */
    public void deleteFeed(long id, boolean purge) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            CatalogRevisions.bump(c, null);
            if (purge) {
                update(c, "DELETE FROM feed WHERE id = ?", id);
            } else {
                update(c, "UPDATE feed SET deleted_at = ?, enabled = FALSE WHERE id = ?",
                        UtcTimes.toColumn(clock.instant()), id);
            }
            return null;
        });
        events.publishEvent(new ContentChangedEvent(null));
    }

    public void addCategory(String slug, String title, String description) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            CatalogRevisions.bump(c, null);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO category (slug, title, description, origin, position, created_at)
                    SELECT ?, ?, ?, 'api', COALESCE(MAX(position), -1) + 1, ? FROM category""")) {
                ps.setString(1, slug);
                ps.setString(2, title);
                ps.setString(3, description);
                ps.setObject(4, UtcTimes.toColumn(clock.instant()));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (e.getErrorCode() == 1062) {
                    throw new CatalogConflictException("category '" + slug + "' already exists");
                }
                throw e;
            }
            return null;
        });
        events.publishEvent(new ContentChangedEvent(null));
    }

    /** Changes title and description (null: unchanged) and, when newSlug is given, the slug, which readers subscribe by. */
    public void updateCategory(String slug, String title, String description, String newSlug) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            CatalogRevisions.bump(c, null);
            if (title != null) {
                update(c, "UPDATE category SET title = ? WHERE slug = ?", title, slug);
            }
            if (description != null) {
                update(c, "UPDATE category SET description = ? WHERE slug = ?", description.isBlank() ? null : description, slug);
            }
            if (newSlug != null && !newSlug.equals(slug)) {
                try {
                    update(c, "UPDATE category SET slug = ? WHERE slug = ?", newSlug, slug);
                } catch (SQLException e) {
                    if (e.getErrorCode() == 1062) {
                        throw new CatalogConflictException("category '" + newSlug + "' already exists");
                    }
                    throw e;
                }
            }
            return null;
        });
        events.publishEvent(new ContentChangedEvent(null));
    }

    /** Deletes a category; feeds in it lose that membership. */
    public void deleteCategory(String slug) {
        tx.executeWrite(status -> {
            CatalogRevisions.bump(status.getConnection(), null);
            update(status.getConnection(), "DELETE FROM category WHERE slug = ?", slug);
            return null;
        });
        events.publishEvent(new ContentChangedEvent(null));
    }

    private static void link(Connection c, long feedId, List<String> slugs) throws SQLException {
        if (slugs == null || slugs.isEmpty()) {
            return;
        }
        // One statement per slug: the driver's bulk batch protocol cannot carry INSERT … SELECT.
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO feed_category (feed_id, category_id) SELECT ?, id FROM category WHERE slug = ?")) {
            for (String slug : slugs) {
                ps.setLong(1, feedId);
                ps.setString(2, slug);
                ps.executeUpdate();
            }
        }
    }

    private static void setInterval(PreparedStatement ps, int index, FeedDraft draft) throws SQLException {
        if (draft.interval() == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, draft.interval().toSeconds());
        }
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }
}
