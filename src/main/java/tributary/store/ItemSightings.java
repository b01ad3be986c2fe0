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
            // Two statements, each by its own unique key, not one UPDATE feed … JOIN item: the server may plan the
            // join by reading item rows of other feeds (it did on a nearly empty table), and two polls of one
            // instance deadlocked on those locks. Items first, then the feed row: the order ItemStore writes them.
            for (int from = 0; from < identityHashes.size(); from += CHUNK) {
                List<String> chunk = identityHashes.subList(from, Math.min(identityHashes.size(), from + CHUNK));
                // Rows ItemStore just wrote already carry this time, so the server finds nothing to change in them.
                try (PreparedStatement ps = c.prepareStatement("UPDATE item SET last_seen_at = ?"
                        + " WHERE feed_id = ? AND identity_hash IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
                    ps.setObject(1, at);
                    ps.setLong(2, feedId);
                    int i = 3;
                    for (String identity : chunk) {
                        ps.setString(i++, identity);
                    }
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE feed SET document_at = ? WHERE id = ?")) {
                ps.setObject(1, at);
                ps.setLong(2, feedId);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
