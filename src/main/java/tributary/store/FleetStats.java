package tributary.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;

/** Counts of feeds by state and the oldest due poll, for the metrics and health the operator reads. */
@Singleton
public class FleetStats {

    /** Feeds by state, and how long the oldest due feed has been waiting (zero when none is due). */
    public record Snapshot(Map<String, Long> feedsByState, Duration lag) {
    }

    private final TransactionOperations<Connection> tx;

    public FleetStats(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    public Snapshot read(Instant now) {
        return tx.executeRead(status -> {
            Connection c = status.getConnection();
            Map<String, Long> states = new TreeMap<>();
            for (FeedState state : FeedState.values()) {
                states.put(state.column(), 0L);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state, COUNT(*) FROM feed WHERE deleted_at IS NULL GROUP BY state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getLong(2));
                }
            }
            Duration lag = Duration.ZERO;
            // Same rule as FeedRepository.lockDue: a feed never polled is due since it was added; one being polled
            // (a live lease) is not waiting.
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT MIN(COALESCE(next_poll_at, created_at)) FROM feed
                    WHERE enabled = TRUE AND (gone_at IS NULL OR next_poll_at IS NULL)
                      AND (next_poll_at IS NULL OR next_poll_at <= ?) AND (lease_until IS NULL OR lease_until <= ?)""")) {
                ps.setObject(1, UtcTimes.toColumn(now));
                ps.setObject(2, UtcTimes.toColumn(now));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        Instant oldest = UtcTimes.fromColumn(rs.getObject(1, LocalDateTime.class));
                        lag = oldest.isBefore(now) ? Duration.between(oldest, now) : Duration.ZERO;
                    }
                }
            }
            return new Snapshot(states, lag);
        });
    }
}
