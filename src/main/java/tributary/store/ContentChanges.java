package tributary.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * What changed in the shared database, for instances that did not make the change: the catalog revision, and the
 * feeds whose items changed (feed.content_changed_at) since a time on the database's clock. Both come from indexed
 * reads: one row, and a range of ix_feed_content_changed.
 */
@Singleton
public class ContentChanges {

    /** The database's clock when read, the catalog revision, and each changed feed with its change time. */
    public record Snapshot(LocalDateTime databaseNow, long catalogRevision, Map<Long, LocalDateTime> feeds) {
    }

    private final TransactionOperations<Connection> tx;

    public ContentChanges(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /** Feeds changed at or after since; when since is null (a first look), those changed in the last 10 minutes. */
    public Snapshot since(LocalDateTime since) {
        return tx.executeRead(status -> {
            Connection c = status.getConnection();
            LocalDateTime now;
            long revision;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT UTC_TIMESTAMP(3), revision FROM catalog_revision WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("catalog_revision has no row 1: the schema was not migrated");
                }
                now = rs.getObject(1, LocalDateTime.class);
                revision = rs.getLong(2);
            }
            Map<Long, LocalDateTime> feeds = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, content_changed_at FROM feed WHERE content_changed_at >= ?")) {
                ps.setObject(1, since == null ? now.minusMinutes(10) : since);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        feeds.put(rs.getLong(1), rs.getObject(2, LocalDateTime.class));
                    }
                }
            }
            return new Snapshot(now, revision, feeds);
        });
    }
}
