package tributary.store;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Claims due article fetches for this instance, as FeedClaims does feeds: one short read-committed transaction locks
 * due items with SELECT … FOR UPDATE SKIP LOCKED, leases those taken, commits. The queue is the item table; nothing
 * waits in memory. An item whose canonical URL another claimed item is fetching right now is passed over: once that
 * fetch is done it takes the article from there without a fetch of its own. Hand JDBC: item has no mapped entity.
 */
@Singleton
public class ArticleClaims {

    private static final String DUE = """
            SELECT id, feed_id, url, canonical_url, summary, article_attempts, article_hold_until FROM item
            WHERE article_state IN ('pending', 'retrying') AND (article_next_at IS NULL OR article_next_at <= ?)
              AND (article_lease_until IS NULL OR article_lease_until <= ?)
            ORDER BY article_next_at, id LIMIT ? FOR UPDATE SKIP LOCKED""";

    private final TransactionOperations<Connection> tx;
    private final TransactionDefinition claimTransaction;

    public ArticleClaims(TransactionOperations<Connection> tx) {
        this.tx = tx;
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition(
                TransactionDefinition.Propagation.REQUIRES_NEW);
        definition.setIsolationLevel(TransactionDefinition.Isolation.READ_COMMITTED);
        definition.setName("claim due articles");
        this.claimTransaction = definition;
    }

    /**
     * Leases to owner, until leaseUntil, the due fetches among the first limit that take accepts (take may reserve a
     * share of the page's host, which the caller gives back if this throws).
     */
    public List<ArticleJob> claim(String owner, Instant now, Instant leaseUntil, int limit, Predicate<ArticleJob> take) {
        return tx.execute(claimTransaction, status -> {
            Connection c = status.getConnection();
            List<ArticleJob> due = due(c, UtcTimes.toColumn(now), limit);
            Set<String> busy = fetching(c, due, UtcTimes.toColumn(now));
            List<ArticleJob> taken = new ArrayList<>();
            for (ArticleJob job : due) {
                if (job.canonicalUrl() != null && !busy.add(job.canonicalUrl())) {
                    continue;
                }
                if (take.test(job)) {
                    taken.add(job);
                }
            }
            if (!taken.isEmpty()) {
                String sql = "UPDATE item SET article_lease_owner = ?, article_lease_until = ? WHERE id IN ("
                        + "?,".repeat(taken.size() - 1) + "?)";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, owner);
                    ps.setObject(2, UtcTimes.toColumn(leaseUntil));
                    for (int i = 0; i < taken.size(); i++) {
                        ps.setLong(i + 3, taken.get(i).itemId());
                    }
                    ps.executeUpdate();
                }
            }
            return taken;
        });
    }

    private static List<ArticleJob> due(Connection c, LocalDateTime now, int limit) throws SQLException {
        List<ArticleJob> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DUE)) {
            ps.setObject(1, now);
            ps.setObject(2, now);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new ArticleJob(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getObject(7, LocalDateTime.class) != null));
                }
            }
        }
        return due;
    }

    /** The canonical URLs of the due items that another item, leased and not lapsed, is being fetched for. */
    private static Set<String> fetching(Connection c, List<ArticleJob> due, LocalDateTime now) throws SQLException {
        Set<String> urls = new HashSet<>();
        for (ArticleJob job : due) {
            if (job.canonicalUrl() != null) {
                urls.add(job.canonicalUrl());
            }
        }
        Set<String> busy = new HashSet<>();
        if (urls.isEmpty()) {
            return busy;
        }
        String sql = "SELECT DISTINCT canonical_url FROM item WHERE article_lease_until > ? AND canonical_url IN ("
                + "?,".repeat(urls.size() - 1) + "?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, now);
            int i = 2;
            for (String url : urls) {
                ps.setString(i++, url);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    busy.add(rs.getString(1));
                }
            }
        }
        return busy;
    }
}
