package tributary.store;

import io.micronaut.core.annotation.Nullable;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcomes of article fetches on their items, the articles stored copies can share, the release of items held
 * past their wait, and the counts admins see. Every write that changes what readers see also marks the feed's
 * content_changed_at, so other instances' render caches drop its pages too. Hand JDBC: item has no mapped entity.
 */
@Singleton
public class ArticleStore {

    /** An article as stored, with the rule that extracted it. */
    public record Article(String html, String rule) {
    }

    // MariaDB assigns left to right: whatever reads the hold comes before it is cleared. An item still held was never
    // published, so its article is its first version, not a modification; its release time is when readers first
    // see it. Every release (article, failure, cancel, expiry) records that time in article_released_at.
    private static final String DONE = """
            UPDATE item SET modified_at = IF(article_hold_until IS NOT NULL AND article_hold_until > ?, modified_at, ?),
              article_released_at = IF(article_hold_until IS NULL, article_released_at, ?),
              article = ?, article_rule = ?, article_state = 'done', article_error = NULL, article_fetched_at = ?,
              article_attempts = article_attempts + ?, article_next_at = NULL, article_hold_until = NULL,
              article_lease_owner = NULL, article_lease_until = NULL
            WHERE id = ?""";

    private static final String FAILED = """
            UPDATE item SET article_released_at = IF(article_hold_until IS NULL, article_released_at, ?),
              article_state = ?, article_error = ?, article_attempts = article_attempts + 1, article_next_at = ?,
              article_hold_until = NULL, article_lease_owner = NULL, article_lease_until = NULL
            WHERE id = ?""";

    private static final String CANCEL = """
            UPDATE item SET article_released_at = IF(article_hold_until IS NULL, article_released_at, ?),
              article_state = NULL, article_hold_until = NULL, article_lease_owner = NULL, article_lease_until = NULL
            WHERE id = ?""";

    private final TransactionOperations<Connection> tx;
    private final TransactionDefinition releaseTransaction;

    public ArticleStore(TransactionOperations<Connection> tx) {
        this.tx = tx;
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition(
                TransactionDefinition.Propagation.REQUIRES_NEW);
        definition.setIsolationLevel(TransactionDefinition.Isolation.READ_COMMITTED);
        definition.setName("release held items");
        this.releaseTransaction = definition;
    }

    /** The article of another stored copy of the same canonical URL, from any feed. */
    public Optional<Article> storedArticle(String canonicalUrl, long exceptItemId) {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT article, article_rule FROM item"
                    + " WHERE canonical_url = ? AND article_state = 'done' AND id <> ? LIMIT 1")) {
                ps.setString(1, canonicalUrl);
                ps.setLong(2, exceptItemId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Article(rs.getString(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    /**
     * The job's article arrived, fetched (one more attempt) or taken from another copy: stored, the item released
     * (or, if readers already saw it, updated: modified_at, as any update sets it).
     */
    public void recordArticle(ArticleJob job, Article article, boolean fetched, Instant now) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement(DONE)) {
                LocalDateTime at = UtcTimes.toColumn(now);
                ps.setObject(1, at);
                ps.setObject(2, at);
                ps.setObject(3, at);
                ps.setString(4, article.html());
                ps.setString(5, Columns.fit(article.rule(), 500));
                ps.setObject(6, at);
                ps.setInt(7, fetched ? 1 : 0);
                ps.setLong(8, job.itemId());
                ps.executeUpdate();
            }
            contentChanged(c, List.of(job.feedId()));
            return null;
        });
    }

    /**
     * A fetch failed: the reason, one more attempt, and the next try (state RETRYING) or none (FAILED). The item is
     * released if still held: readers get the feed's summary meanwhile.
     */
    public void recordFailure(ArticleJob job, ArticleState state, String error, @Nullable Instant nextTry,
                              Instant now) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement(FAILED)) {
                ps.setObject(1, UtcTimes.toColumn(now));
                ps.setString(2, state.column());
                ps.setString(3, Columns.fit(error, 2000));
                ps.setObject(4, nextTry == null ? null : UtcTimes.toColumn(nextTry));
                ps.setLong(5, job.itemId());
                ps.executeUpdate();
            }
            if (job.held()) {
                contentChanged(c, List.of(job.feedId()));
            }
            return null;
        });
    }

    /** Full text was switched off for the job's feed since it was queued: no fetch, the item published as it came. */
    public void cancel(ArticleJob job, Instant now) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement(CANCEL)) {
                ps.setObject(1, UtcTimes.toColumn(now));
                ps.setLong(2, job.itemId());
                ps.executeUpdate();
            }
            if (job.held()) {
                contentChanged(c, List.of(job.feedId()));
            }
            return null;
        });
    }

    /**
     * Releases the items whose wait has passed without their article; answers the feeds they belong to. Read
     * committed and without locking reads, so it takes no gap locks that would stall ingest's inserts; two instances
     * releasing at once at worst both announce the same feeds.
     */
    public List<Long> releaseHolds(Instant now) {
        LocalDateTime at = UtcTimes.toColumn(now);
        return tx.execute(releaseTransaction, status -> {
            Connection c = status.getConnection();
            List<Long> feeds = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT feed_id FROM item WHERE article_hold_until <= ?")) {
                ps.setObject(1, at);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        feeds.add(rs.getLong(1));
                    }
                }
            }
            if (!feeds.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE item SET article_released_at = ?,"
                        + " article_hold_until = NULL WHERE article_hold_until <= ?")) {
                    ps.setObject(1, at);
                    ps.setObject(2, at);
                    ps.executeUpdate();
                }
                contentChanged(c, feeds);
            }
            return feeds;
        });
    }

    /** Every full-text feed's items by article state. */
    public Map<Long, ArticleCounts> countsByFeed() {
        return tx.executeRead(status -> {
            Map<Long, long[]> counts = new HashMap<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT feed_id, article_state,"
                    + " COUNT(*) FROM item WHERE article_state IS NOT NULL GROUP BY feed_id, article_state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getLong(1), k -> new long[4])[ArticleState.of(rs.getString(2)).ordinal()]
                            = rs.getLong(3);
                }
            }
            Map<Long, ArticleCounts> byFeed = new HashMap<>();
            counts.forEach((feed, n) -> byFeed.put(feed, new ArticleCounts(n[ArticleState.DONE.ordinal()],
                    n[ArticleState.FAILED.ordinal()], n[ArticleState.RETRYING.ordinal()],
                    n[ArticleState.PENDING.ordinal()])));
            return byFeed;
        });
    }

    private static void contentChanged(Connection c, List<Long> feeds) throws SQLException {
        String sql = "UPDATE feed SET content_changed_at = UTC_TIMESTAMP(3) WHERE id IN ("
                + "?,".repeat(feeds.size() - 1) + "?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < feeds.size(); i++) {
                ps.setLong(i + 1, feeds.get(i));
            }
            ps.executeUpdate();
        }
    }
}
