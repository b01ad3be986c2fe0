package tributary.store;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Claims due feeds for this instance with a lease in their rows, and gives back a claim whose poll recorded nothing.
 * A claim is one short transaction: lock the due rows with SELECT … FOR UPDATE SKIP LOCKED (rows another instance is
 * claiming at that moment are passed over, never waited for), set lease_owner and lease_until on those taken,
 * commit. Read committed, so rows looked at but not taken are unlocked at once and no gap is locked.
 */
@Singleton
public class FeedClaims {

    private final FeedRepository feeds;
    private final TransactionOperations<Connection> tx;
    private final TransactionDefinition claimTransaction;

    public FeedClaims(FeedRepository feeds, TransactionOperations<Connection> tx) {
        this.feeds = feeds;
        this.tx = tx;
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition(
                TransactionDefinition.Propagation.REQUIRES_NEW);
        definition.setIsolationLevel(TransactionDefinition.Isolation.READ_COMMITTED);
        definition.setName("claim due feeds");
        this.claimTransaction = definition;
    }

    /**
     * Leases to owner, until leaseUntil, the due feeds among the first limit that take accepts (take may reserve
     * something, such as a share of the feed's host, and must then be undone by the caller if this throws).
     */
    public List<FeedRow> claim(String owner, LocalDateTime now, LocalDateTime leaseUntil, int limit,
                               Predicate<FeedRow> take) {
        return tx.execute(claimTransaction, status -> {
            List<FeedRow> taken = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (FeedRow feed : feeds.lockDue(now, limit)) {
                if (take.test(feed)) {
                    taken.add(feed);
                    ids.add(feed.id());
                }
            }
            if (!ids.isEmpty()) {
                feeds.lease(ids, owner, leaseUntil);
            }
            return taken;
        });
    }

    /**
     * Ends owner's lease of the feed if no outcome was recorded since (every outcome clears the lease), so the feed
     * is due again at once: for polls that failed while the database was away, or abandoned at shutdown. True when
     * the lease was given back.
     */
    public boolean release(long feedId, String owner, LocalDateTime leaseUntil) {
        return feeds.releaseLease(feedId, owner, leaseUntil) == 1;
    }
}
