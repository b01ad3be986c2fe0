package tributary.poll;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import tributary.common.Sha256;
import tributary.store.UtcTimes;
import tributary.support.TestClock;

/** Test access to feed rows: adds feeds as the admin API would (origin 'api', so feeds.yml never removes them). */
@Singleton
class FeedTable {

    private final TransactionOperations<Connection> tx;

    FeedTable(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    long add(String url) {
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "INSERT INTO feed (url, url_hash, origin, created_at) VALUES (?, ?, 'api', ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, url);
                ps.setString(2, Sha256.hex(url));
                ps.setObject(3, UtcTimes.toColumn(TestClock.START));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    String text(long id, String column) {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT " + column + " FROM feed WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    LocalDateTime time(long id, String column) {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT " + column + " FROM feed WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, LocalDateTime.class);
                }
            }
        });
    }

    void execute(String sql) {
        tx.executeWrite(status -> {
            try (Statement st = status.getConnection().createStatement()) {
                st.execute(sql);
            }
            return null;
        });
    }
}
