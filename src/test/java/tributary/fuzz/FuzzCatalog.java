package tributary.fuzz;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import tributary.common.Sha256;
import tributary.store.UtcTimes;

/** A category with one feed in it, written as the admin API writes them (origin 'api', so feeds.yml keeps them). */
final class FuzzCatalog {

    private final TransactionOperations<Connection> tx;

    FuzzCatalog(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /** The new feed's id. */
    long categoryWithFeed(String slug, String feedUrl, Instant now) {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            long category = insert(c, "INSERT INTO category (slug, title, origin, created_at) VALUES (?, ?, 'api', ?)",
                    slug, "Fuzz " + slug, UtcTimes.toColumn(now));
            long feed = insert(c, "INSERT INTO feed (url, url_hash, origin, created_at) VALUES (?, ?, 'api', ?)",
                    feedUrl, Sha256.hex(feedUrl), UtcTimes.toColumn(now));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO feed_category (feed_id, category_id) VALUES (?, ?)")) {
                ps.setLong(1, feed);
                ps.setLong(2, category);
                ps.executeUpdate();
            }
            return feed;
        });
    }

    private static long insert(Connection c, String sql, Object... values) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
