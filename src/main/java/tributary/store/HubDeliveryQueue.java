package tributary.store;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The hub's delivery queue in the shared database: at most one pending delivery per subscription. Hand-written
 * JDBC because queueing and claiming are each several statements over rows locked in one short read-committed
 * transaction (as FeedClaims does for polls), which repository methods cannot hold together.
 */
@Singleton
public class HubDeliveryQueue {

    /** A delivery claimed for sending: attempts so far, and the version to finish it with. */
    public record Claim(long subscriptionId, int attempts, int version) {
    }

    private final TransactionOperations<Connection> tx;
    private final TransactionDefinition shortTransaction;

    public HubDeliveryQueue(TransactionOperations<Connection> tx) {
        this.tx = tx;
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition(
                TransactionDefinition.Propagation.REQUIRES_NEW);
        definition.setIsolationLevel(TransactionDefinition.Isolation.READ_COMMITTED);
        definition.setName("websub delivery queue");
        this.shortTransaction = definition;
    }

    /**
     * Queues a delivery, due at now, for every live subscription to a page the feed is on (its categories and all,
     * and every topic: whether a topic's first page changed shows only once it is rendered, see ContentDistributor)
     * that has not yet been queued this change of the feed (feed.content_changed_at): the first instance to hear of
     * a change queues it, those hearing it later find it queued. Answers how many were queued.
     */
    public int enqueue(long feedId, LocalDateTime now) {
        return tx.execute(shortTransaction, status -> {
            Connection c = status.getConnection();
            LocalDateTime change;
            try (PreparedStatement ps = c.prepareStatement("SELECT content_changed_at FROM feed WHERE id = ?")) {
                ps.setLong(1, feedId);
                try (ResultSet rs = ps.executeQuery()) {
                    change = rs.next() ? rs.getObject(1, LocalDateTime.class) : null;
                }
            }
            if (change == null) {
                return 0;
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT s.id FROM websub_subscription s WHERE s.state = 'active' AND s.lease_end > ?
                      AND (s.queued_change_at IS NULL OR s.queued_change_at < ?)
                      AND (s.slug = 'all' OR s.slug IN (SELECT cat.slug FROM category cat
                        JOIN feed_category fc ON fc.category_id = cat.id WHERE fc.feed_id = ?)
                        OR s.slug IN (SELECT t.slug FROM topic t))
                    FOR UPDATE""")) {
                ps.setObject(1, now);
                ps.setObject(2, change);
                ps.setLong(3, feedId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement mark = c.prepareStatement(
                    "UPDATE websub_subscription SET queued_change_at = ? WHERE id = ?");
                 PreparedStatement queue = c.prepareStatement("""
                         INSERT INTO websub_delivery (subscription_id, due_at, attempts, version) VALUES (?, ?, 0, 0)
                         ON DUPLICATE KEY UPDATE due_at = VALUES(due_at), attempts = 0, version = version + 1""")) {
                for (long id : ids) {
                    mark.setObject(1, change);
                    mark.setLong(2, id);
                    mark.addBatch();
                    queue.setLong(1, id);
                    queue.setObject(2, now);
                    queue.addBatch();
                }
                mark.executeBatch();
                queue.executeBatch();
            }
            return ids.size();
        });
    }

    /** Leases to owner, until leaseUntil, up to limit due deliveries no other instance holds. */
    public List<Claim> claim(String owner, LocalDateTime now, LocalDateTime leaseUntil, int limit) {
        return tx.execute(shortTransaction, status -> {
            Connection c = status.getConnection();
            List<Claim> claims = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT subscription_id, attempts, version FROM websub_delivery
                    WHERE due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
                    ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                ps.setObject(1, now);
                ps.setObject(2, now);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claims.add(new Claim(rs.getLong(1), rs.getInt(2), rs.getInt(3)));
                    }
                }
            }
            try (PreparedStatement lease = c.prepareStatement(
                    "UPDATE websub_delivery SET lease_owner = ?, lease_until = ? WHERE subscription_id = ?")) {
                for (Claim claim : claims) {
                    lease.setString(1, owner);
                    lease.setObject(2, leaseUntil);
                    lease.setLong(3, claim.subscriptionId());
                    lease.addBatch();
                }
                lease.executeBatch();
            }
            return claims;
        });
    }

    /**
     * Ends a claimed delivery (sent, or given up): removed unless a newer change came meanwhile, which then stays
     * queued, due at once, with its attempts counted afresh.
     */
    public void finish(Claim claim) {
        tx.execute(shortTransaction, status -> {
            Connection c = status.getConnection();
            if (update(c, "DELETE FROM websub_delivery WHERE subscription_id = ? AND version = ?",
                    claim.subscriptionId(), claim.version()) == 0) {
                update(c, "UPDATE websub_delivery SET lease_owner = NULL, lease_until = NULL WHERE subscription_id = ?",
                        claim.subscriptionId());
            }
            return null;
        });
    }

    /** A failed attempt: tried again at nextAttempt (by whichever instance claims it then). */
    public void retryAt(Claim claim, LocalDateTime nextAttempt) {
        tx.execute(shortTransaction, status -> update(status.getConnection(), """
                UPDATE websub_delivery SET attempts = ?, due_at = ?, lease_owner = NULL, lease_until = NULL
                WHERE subscription_id = ?""", claim.attempts() + 1, nextAttempt, claim.subscriptionId()));
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
        }
    }
}
