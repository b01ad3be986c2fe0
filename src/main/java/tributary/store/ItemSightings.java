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
            for (int from = 0; from < identityHashes.size(); from += CHUNK) {
                List<String> chunk = identityHashes.subList(from, Math.min(identityHashes.size(), from + CHUNK));
                try (PreparedStatement ps = c.prepareStatement("UPDATE item SET last_seen_at = ? WHERE feed_id = ?"
                        + " AND identity_hash IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
                    ps.setObject(1, at);
                    ps.setLong(2, feedId);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 3, chunk.get(i));
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
