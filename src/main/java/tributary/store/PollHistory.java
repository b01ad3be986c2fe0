package tributary.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tributary.config.RetentionConfig;

/**
 * One row per poll (Flyway V13), what the admin console draws: a feed's last polls, the fleet's polls per hour, and
 * a feed's items per day. Hand JDBC: window functions and grouped counts over many feeds at once.
 */
@Singleton
public class PollHistory {

    /** One poll: when it started, its outcome label (PollOutcome.Result), HTTP status, duration, new items, error. */
    public record Poll(Instant startedAt, String outcome, @Nullable Integer status, int durationMs, int itemsNew,
                       @Nullable String error) {
    }

    /** Polls with this outcome that started in the hour beginning at hour. */
    public record HourCount(Instant hour, String outcome, long polls) {
    }

    private final TransactionOperations<Connection> tx;
    private final RetentionConfig retention;

    public PollHistory(TransactionOperations<Connection> tx, RetentionConfig retention) {
        this.tx = tx;
        this.retention = retention;
    }

    /** Writes one poll's row; joins the caller's transaction (the ingest's) when there is one. */
    public void record(long feedId, Instant startedAt, String outcome, @Nullable Integer status, long durationMs,
                       int itemsNew, @Nullable String error) {
        tx.executeWrite(s -> {
            try (PreparedStatement ps = s.getConnection().prepareStatement("INSERT INTO poll_history (feed_id, "
                    + "started_at, outcome, http_status, duration_ms, items_new, error) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, feedId);
                ps.setObject(2, UtcTimes.toColumn(startedAt));
                ps.setString(3, outcome);
                ps.setObject(4, status);
                ps.setLong(5, Math.min(Integer.MAX_VALUE, Math.max(0, durationMs)));
                ps.setInt(6, itemsNew);
                ps.setString(7, Columns.fit(error, 500));
                return ps.executeUpdate();
            }
        });
    }

    /** The newest polls of each feed, newest first, at most perFeed each. */
    public Map<Long, List<Poll>> latest(Collection<Long> feedIds, int perFeed) {
        Map<Long, List<Poll>> polls = new HashMap<>();
        if (feedIds.isEmpty()) {
            return polls;
        }
        return tx.executeRead(s -> {
            try (PreparedStatement ps = s.getConnection().prepareStatement("""
                    SELECT feed_id, started_at, outcome, http_status, duration_ms, items_new, error FROM (
                      SELECT h.*, ROW_NUMBER() OVER (PARTITION BY feed_id ORDER BY started_at DESC, id DESC) AS n
                      FROM poll_history h WHERE feed_id IN (%s)) x
                    WHERE n <= ? ORDER BY feed_id, n""".formatted(placeholders(feedIds.size())))) {
                int i = bind(ps, feedIds);
                ps.setInt(i, perFeed);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        polls.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Poll(
                                UtcTimes.fromColumn(rs.getObject(2, LocalDateTime.class)), rs.getString(3),
                                (Integer) rs.getObject(4, Integer.class), rs.getInt(5), rs.getInt(6), rs.getString(7)));
                    }
                }
            }
            return polls;
        });
    }

    /** Polls per outcome per hour (UTC hours) since the given time, oldest hour first. */
    public List<HourCount> perHour(Instant since) {
        return tx.executeRead(s -> {
            List<HourCount> counts = new ArrayList<>();
            try (PreparedStatement ps = s.getConnection().prepareStatement("""
                    SELECT DATE_FORMAT(started_at, '%Y-%m-%d %H:00:00') AS hour, outcome, COUNT(*) FROM poll_history
                    WHERE started_at >= ? GROUP BY hour, outcome ORDER BY hour, outcome""")) {
                ps.setObject(1, UtcTimes.toColumn(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant hour = LocalDateTime.parse(rs.getString(1).replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                        counts.add(new HourCount(hour, rs.getString(2), rs.getLong(3)));
                    }
                }
            }
            return counts;
        });
    }

    /**
     * Items per feed per day published since the given time, days taken at the given offset from UTC (the console's
     * zone); by ix_item_feed_published, so only those feeds' recent items are read.
     */
    public Map<Long, Map<LocalDate, Long>> itemsPerDay(Collection<Long> feedIds, Instant since, ZoneOffset offset) {
        Map<Long, Map<LocalDate, Long>> days = new HashMap<>();
        if (feedIds.isEmpty()) {
            return days;
        }
        return tx.executeRead(s -> {
            try (PreparedStatement ps = s.getConnection().prepareStatement("""
                    SELECT feed_id, DATE(published_at + INTERVAL ? SECOND) AS day, COUNT(*) FROM item
                    WHERE feed_id IN (%s) AND published_at >= ? GROUP BY feed_id, day"""
                    .formatted(placeholders(feedIds.size())))) {
                ps.setInt(1, offset.getTotalSeconds());
                int i = 2;
                for (long id : feedIds) {
                    ps.setLong(i++, id);
                }
                ps.setObject(i, UtcTimes.toColumn(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        days.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                                .put(rs.getObject(2, LocalDate.class), rs.getLong(3));
                    }
                }
            }
            return days;
        });
    }

    /**
     * Deletes polls older than the configured days and those past the newest pollHistoryPerFeed of their feed, by
     * primary key in batches of their own transaction, so no long lock is held against the polls writing new rows.
     */
    public long prune(Instant now) {
        int batch = Math.max(1, retention.batchSize());
        Instant cutoff = now.minus(Duration.ofDays(Math.max(1, retention.pollHistoryDays())));
        List<Long> doomed = ids("SELECT id FROM poll_history WHERE started_at < ?", UtcTimes.toColumn(cutoff));
        doomed.addAll(ids("""
                SELECT id FROM (
                  SELECT id, ROW_NUMBER() OVER (PARTITION BY feed_id ORDER BY started_at DESC, id DESC) AS n
                  FROM poll_history WHERE started_at >= ?) x
                WHERE n > ?""", UtcTimes.toColumn(cutoff), Math.max(1, retention.pollHistoryPerFeed())));
        long deleted = 0;
        for (int from = 0; from < doomed.size(); from += batch) {
            List<Long> chunk = doomed.subList(from, Math.min(doomed.size(), from + batch));
            deleted += tx.executeWrite(s -> {
                try (PreparedStatement ps = s.getConnection().prepareStatement(
                        "DELETE FROM poll_history WHERE id IN (" + placeholders(chunk.size()) + ")")) {
                    bind(ps, chunk);
                    return (long) ps.executeUpdate();
                }
            });
        }
        return deleted;
    }

    private List<Long> ids(String sql, Object... parameters) {
        return tx.executeRead(s -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = s.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    static String placeholders(int count) {
        return "?,".repeat(count - 1) + "?";
    }

    /** Binds the ids from the first parameter on; answers the index of the next one. */
    private static int bind(PreparedStatement ps, Collection<Long> ids) throws SQLException {
        int i = 1;
        for (long id : ids) {
            ps.setLong(i++, id);
        }
        return i;
    }
}
