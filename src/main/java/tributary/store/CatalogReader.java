package tributary.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Read models of the catalog for the admin views and exports: feed settings, memberships and counts. */
@Singleton
public class CatalogReader {

    private final TransactionOperations<Connection> tx;
    private final FeedRepository feeds;

    public CatalogReader(TransactionOperations<Connection> tx, FeedRepository feeds) {
        this.tx = tx;
        this.feeds = feeds;
    }

    /** The settings of every feed not removed, in the order they were added. */
    public List<FeedSettings> liveFeedSettings() {
        Map<Long, List<String>> slugs = slugsByFeed();
        return feeds.findAllInOrder().stream().filter(f -> f.deletedAt() == null)
                .map(f -> FeedSettings.of(f, slugs.getOrDefault(f.id(), List.of()))).toList();
    }

    /** Category slugs of every feed, in category order. */
    public Map<Long, List<String>> slugsByFeed() {
        return tx.executeRead(status -> {
            Map<Long, List<String>> slugs = new HashMap<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement("""
                    SELECT fc.feed_id, c.slug FROM feed_category fc JOIN category c ON c.id = fc.category_id
                    ORDER BY c.position, c.id""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    slugs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            return slugs;
        });
    }

    /** Stored items per feed id. */
    public Map<Long, Long> itemCountsByFeed() {
        return counts("SELECT feed_id, COUNT(*) FROM item GROUP BY feed_id");
    }

    /** Feeds (not removed) per category id. */
    public Map<Long, Long> feedCountsByCategory() {
        return counts("""
                SELECT fc.category_id, COUNT(*) FROM feed_category fc JOIN feed f ON f.id = fc.feed_id
                WHERE f.deleted_at IS NULL GROUP BY fc.category_id""");
    }

    private Map<Long, Long> counts(String sql) {
        return tx.executeRead(status -> {
            Map<Long, Long> counts = new HashMap<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getLong(1), rs.getLong(2));
                }
            }
            return counts;
        });
    }
}
