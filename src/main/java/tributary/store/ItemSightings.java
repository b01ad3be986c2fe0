package tributary.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

/** Marks the items of a feed's newly stored document as seen now, so retention knows what the document still holds. */
@Singleton
public class ItemSightings {

    private static final int CHUNK = 500;

    private final TransactionOperations<Connection> tx;

    public ItemSightings(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /** Call inside the transaction that stored the items: a crash then leaves both or neither. */
    public void markSeen(long feedId, List<String> identityHashes, Instant now) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            Object at = UtcTimes.toColumn(now);
            if (identityHashes.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE feed SET document_at = ? WHERE id = ?")) {
                    ps.setObject(1, at);
                    ps.setLong(2, feedId);
                    ps.executeUpdate();
                }
                return null;
            }
            for (int from = 0; from < identityHashes.size(); from += CHUNK) {
                List<String> chunk = identityHashes.subList(from, Math.min(identityHashes.size(), from + CHUNK));
                // The feed's row and its items in one statement (one round trip per poll fewer); LEFT JOIN, so the
                // feed is stamped even when none of the items is stored. Rows ItemStore just wrote already carry
                // this time, so the server finds nothing to change in them.
                try (PreparedStatement ps = c.prepareStatement("UPDATE feed f LEFT JOIN item i ON i.feed_id = f.id"
                        + " AND i.identity_hash IN (" + "?,".repeat(chunk.size() - 1) + "?)"
                        + " SET f.document_at = ?, i.last_seen_at = ? WHERE f.id = ?")) {
                    int i = 1;
                    for (String identity : chunk) {
                        ps.setString(i++, identity);
                    }
                    ps.setObject(i++, at);
                    ps.setObject(i++, at);
                    ps.setLong(i, feedId);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }
}
