package tributary.support;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** Test access to the real database: counts and a clean slate between test classes that share a server. */
@Singleton
public class Database {

    private final TransactionOperations<Connection> tx;

    public Database(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    public long count(String sql) {
        return tx.executeRead(status -> {
            try (Statement st = status.getConnection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public String string(String sql) {
        return tx.executeRead(status -> {
            try (Statement st = status.getConnection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    /** A DATETIME the query answers (UTC, as every column of ours), or null. */
    public java.time.LocalDateTime timestamp(String sql) {
        return tx.executeRead(status -> {
            try (Statement st = status.getConnection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getObject(1, java.time.LocalDateTime.class) : null;
            }
        });
    }

    /** Runs one statement with its parameters (Instants as UTC columns); answers the rows it changed. */
    public int update(String sql, Object... parameters) {
        return tx.executeWrite(status -> {
            try (java.sql.PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    Object value = parameters[i];
                    ps.setObject(i + 1, value instanceof java.time.Instant instant
                            ? java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC) : value);
                }
                return ps.executeUpdate();
            }
        });
    }

    /** Empties every table, for a database left over by an earlier test class or run. */
    public void clear() {
        tx.executeWrite(status -> {
            try (Statement st = status.getConnection().createStatement()) {
                st.execute("DELETE FROM websub_subscription");
                st.execute("DELETE FROM item");
                st.execute("DELETE FROM cluster_split");
                st.execute("DELETE FROM feed_category");
                st.execute("DELETE FROM feed");
                st.execute("DELETE FROM category");
                st.execute("DELETE FROM topic");
                // The file's hash too: a reconcile skips a file whose hash is recorded as applied.
                st.execute("UPDATE catalog_revision SET file_hash = NULL");
            }
            return null;
        });
    }
}
