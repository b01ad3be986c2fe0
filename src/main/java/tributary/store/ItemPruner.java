package tributary.store;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tributary.config.RetentionConfig;

/**
 * Deletes items past retention (last in their feed's document more than the configured days ago) and items past the
 * per-feed cap (oldest published first), in short transactions of one batch each, never an item of a live feed's
 * current document; then removes soft-deleted feeds that have no items left.
 */
@Singleton
public class ItemPruner {

    /** What one run removed: items and feeds. */
    public record Pruned(long expired, long overCap, long feedsRemoved) {
        public long items() {
            return expired + overCap;
        }
    }

    /**
     * An item may go when its feed was removed, or its feed stored a document since V5 and the item was not in it.
     * A feed with no document_at yet is left alone: we cannot tell which of its items its document still holds.
     */
    private static final String PRUNABLE = "(f.deleted_at IS NOT NULL OR (f.document_at IS NOT NULL"
            + " AND (i.last_seen_at IS NULL OR i.last_seen_at < f.document_at)))";

    private static final String EXPIRED_SEEN = "SELECT i.id, i.feed_id FROM item i JOIN feed f ON f.id = i.feed_id"
            + " WHERE i.last_seen_at < ? AND " + PRUNABLE + " ORDER BY i.last_seen_at LIMIT ?";

    private static final String EXPIRED_UNSEEN = "SELECT i.id, i.feed_id FROM item i JOIN feed f ON f.id = i.feed_id"
            + " WHERE i.last_seen_at IS NULL AND i.first_seen_at < ? AND " + PRUNABLE + " LIMIT ?";

    private final TransactionOperations<Connection> tx;
    private final RetentionConfig config;
    private final ApplicationEventPublisher<ContentChangedEvent> events;

    public ItemPruner(TransactionOperations<Connection> tx, RetentionConfig config,
                      ApplicationEventPublisher<ContentChangedEvent> events) {
        this.tx = tx;
        this.config = config;
        this.events = events;
    }

    /** One full pass at the given time; each batch commits on its own, so a pass cut short keeps what it did. */
    public Pruned prune(Instant now) {
        Set<Long> touched = new LinkedHashSet<>();
        Object cutoff = UtcTimes.toColumn(now.minus(Duration.ofDays(Math.max(1, config.days()))));
        int batch = Math.max(1, config.batchSize());
        long expired = 0;
        for (String query : List.of(EXPIRED_SEEN, EXPIRED_UNSEEN)) {
            while (true) {
                List<long[]> rows = select(query, cutoff, batch);
                expired += delete(rows, touched);
                if (rows.size() < batch) {
                    break;
                }
            }
        }
        // Items a feed's rules left out are remembered as long as items are kept, so each counts once meanwhile.
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "DELETE FROM item_left_out WHERE seen_at < ?")) {
                ps.setObject(1, cutoff);
                return ps.executeUpdate();
            }
        });
        long overCap = 0;
        for (long feedId : feedsOverCap()) {
            List<long[]> rows = beyondCap(feedId);
            for (int from = 0; from < rows.size(); from += batch) {
                overCap += delete(rows.subList(from, Math.min(rows.size(), from + batch)), touched);
            }
        }
        long feedsRemoved = removeEmptyDeletedFeeds();
        for (Long feedId : touched) {
            events.publishEvent(new ContentChangedEvent(feedId));
        }
        return new Pruned(expired, overCap, feedsRemoved);
    }

    private List<long[]> select(String sql, Object cutoff, int limit) {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                ps.setObject(1, cutoff);
                ps.setInt(2, limit);
                return rows(ps);
            }
        });
    }

    private List<Long> feedsOverCap() {
        return tx.executeRead(status -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT feed_id FROM item GROUP BY feed_id HAVING COUNT(*) > ?")) {
                ps.setInt(1, Math.max(1, config.maxItemsPerFeed()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /** The feed's items after its newest maxItemsPerFeed (by published date), less those its document still holds. */
    private List<long[]> beyondCap(long feedId) {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("""
                    SELECT x.id, x.feed_id FROM (
                      SELECT i.id, i.feed_id, i.last_seen_at, ROW_NUMBER() OVER (ORDER BY i.published_at DESC, i.id DESC) AS n
                      FROM item i WHERE i.feed_id = ?) x
                    JOIN feed f ON f.id = x.feed_id
                    WHERE x.n > ? AND (f.deleted_at IS NOT NULL OR f.document_at IS NOT NULL
                      AND (x.last_seen_at IS NULL OR x.last_seen_at < f.document_at))""")) {
                ps.setLong(1, feedId);
                ps.setInt(2, Math.max(1, config.maxItemsPerFeed()));
                return rows(ps);
            }
        });
    }

    private long delete(List<long[]> rows, Set<Long> touched) {
        if (rows.isEmpty()) {
            return 0;
        }
        long deleted = tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "DELETE FROM item WHERE id IN (" + "?,".repeat(rows.size() - 1) + "?)")) {
                for (int i = 0; i < rows.size(); i++) {
                    ps.setLong(i + 1, rows.get(i)[0]);
                }
                return (long) ps.executeUpdate();
            }
        });
        Set<Long> feeds = new LinkedHashSet<>();
        for (long[] row : rows) {
            feeds.add(row[1]);
        }
        touched.addAll(feeds);
        markChanged(feeds);
        return deleted;
    }

    /**
     * Tells other instances' render caches that these feeds lost items. After the delete's commit and on its own:
     * updating feed rows inside it would hold their locks against polls for the whole batch.
     */
    private void markChanged(Set<Long> feeds) {
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE feed SET content_changed_at = UTC_TIMESTAMP(3) WHERE id IN ("
                            + "?,".repeat(feeds.size() - 1) + "?)")) {
                int i = 1;
                for (long id : feeds) {
                    ps.setLong(i++, id);
                }
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Feeds an admin removed (deleted_at set) whose items have all been pruned: nothing of them is served any more.
     * Found by a plain read, then deleted one by primary key, so no scan locks the feed rows that polls claim.
     */
    private long removeEmptyDeletedFeeds() {
        List<Long> candidates = tx.executeRead(status -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT id FROM feed f WHERE deleted_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM item WHERE feed_id = f.id)");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
        long removed = 0;
        for (long id : candidates) {
            removed += tx.executeWrite(status -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement("DELETE FROM feed WHERE id = ?"
                        + " AND deleted_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM item WHERE feed_id = ?)")) {
                    ps.setLong(1, id);
                    ps.setLong(2, id);
                    return (long) ps.executeUpdate();
                }
            });
        }
        return removed;
    }

    private static List<long[]> rows(PreparedStatement ps) throws SQLException {
        List<long[]> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        return rows;
    }
}
