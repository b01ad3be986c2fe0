package tributary.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read models of the catalog for the admin views and exports: feed settings, memberships and counts. Hand JDBC:
 * joins and grouped counts rather than entities, and the settings' columns from FeedSettingsColumns.
 */
@Singleton
public class CatalogReader {

    private final TransactionOperations<Connection> tx;
    private final FeedRepository feeds;

    public CatalogReader(TransactionOperations<Connection> tx, FeedRepository feeds) {
        this.tx = tx;
        this.feeds = feeds;
    }

    /** The settings of every feed not removed, by feed id in the order they were added. */
    public Map<Long, FeedSettings> liveFeedSettings() {
        Map<Long, List<String>> slugs = slugsByFeed();
        return tx.executeRead(status -> {
            Map<Long, FeedSettings> settings = new LinkedHashMap<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT id, url, "
                    + FeedSettingsColumns.list() + " FROM feed WHERE deleted_at IS NULL ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong("id");
                    settings.put(id, FeedSettingsColumns.read(rs, slugs.getOrDefault(id, List.of())));
                }
            }
            return settings;
        });
    }

    /** The settings of these feeds (a page of the console's list), by id. */
    public Map<Long, FeedSettings> feedSettings(java.util.Collection<Long> ids) {
        Map<Long, FeedSettings> settings = new HashMap<>();
        if (ids.isEmpty()) {
            return settings;
        }
        String in = PollHistory.placeholders(ids.size());
        return tx.executeRead(status -> {
            Connection c = status.getConnection();
            Map<Long, List<String>> slugs = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT fc.feed_id, c.slug FROM feed_category fc JOIN category c ON c.id = fc.category_id
                    WHERE fc.feed_id IN (%s) ORDER BY c.position, c.id""".formatted(in))) {
                bind(ps, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        slugs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, url, " + FeedSettingsColumns.list()
                    + " FROM feed WHERE id IN (" + in + ")")) {
                bind(ps, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong("id");
                        settings.put(id, FeedSettingsColumns.read(rs, slugs.getOrDefault(id, List.of())));
                    }
                }
            }
            return settings;
        });
    }

    private static void bind(PreparedStatement ps, java.util.Collection<Long> ids) throws java.sql.SQLException {
        int i = 1;
        for (long id : ids) {
            ps.setLong(i++, id);
        }
    }

    /** The settings of one feed, removed or not; joins the caller's transaction, if any. */
    public Optional<FeedSettings> feedSettings(long id) {
        List<String> slugs = feeds.findCategorySlugs(id);
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT url, "
                    + FeedSettingsColumns.list() + " FROM feed WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(FeedSettingsColumns.read(rs, slugs)) : Optional.empty();
                }
            }
        });
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
