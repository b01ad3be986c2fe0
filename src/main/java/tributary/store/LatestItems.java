package tributary.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The newest item of a feed that links to a page, for the admin's article preview. Hand JDBC: items have no entity,
 * and one row of three columns does not need one.
 */
@Singleton
public class LatestItems {

    /** An item's link, title and the feed's summary of it (null when the feed gave none), and when it was published. */
    public record LatestItem(String url, @Nullable String title, @Nullable String summary, Instant publishedAt) {
    }

    private final TransactionOperations<Connection> tx;

    public LatestItems(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /** The feed's newest item with a link (by published date, then by arrival), or empty when it has none. */
    public Optional<LatestItem> withLink(long feedId) {
        return tx.executeRead(status -> {
            // ix_item_feed_published (feed_id, published_at) serves the order; the newest few rows decide.
            try (PreparedStatement ps = status.getConnection().prepareStatement("""
                    SELECT url, title, summary, published_at FROM item
                    WHERE feed_id = ? AND url IS NOT NULL AND url <> ''
                    ORDER BY published_at DESC, id DESC LIMIT 1""")) {
                ps.setLong(1, feedId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new LatestItem(rs.getString(1), rs.getString(2), rs.getString(3),
                            UtcTimes.fromColumn(rs.getObject(4, LocalDateTime.class)))) : Optional.empty();
                }
            }
        });
    }
}
