package tributary.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The catalog_revision row: every change of the feed list or the categories bumps it in its own transaction, which
 * both tells other instances to drop their rendered pages and serializes catalog writers across instances (the
 * bump's row lock is held to commit; on Galera, a concurrent bump on another node fails certification instead).
 */
@Singleton
public class CatalogRevisions {

    /** The revision, and the SHA-256 of the feeds.yml text last reconciled (null before the first). */
    public record Revision(long revision, @Nullable String fileHash) {
    }

    private final TransactionOperations<Connection> tx;

    public CatalogRevisions(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /**
     * Bumps the revision inside the caller's transaction (joined); call it first, so the writer holds the row lock
     * before it touches any catalog row. fileHash: the feeds.yml being reconciled, or null for an admin edit (kept).
     */
    public void bump(@Nullable String fileHash) {
        tx.executeWrite(status -> {
            bump(status.getConnection(), fileHash);
            return null;
        });
    }

    private static void bump(Connection c, @Nullable String fileHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE catalog_revision SET revision = revision + 1,"
                + " file_hash = COALESCE(?, file_hash), changed_at = UTC_TIMESTAMP(3) WHERE id = 1")) {
            ps.setString(1, fileHash);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("catalog_revision has no row 1: the schema was not migrated (Flyway V7)");
            }
        }
    }

    public Revision current() {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT revision, file_hash FROM catalog_revision WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Revision(rs.getLong(1), rs.getString(2)) : new Revision(0, null);
            }
        });
    }
}
