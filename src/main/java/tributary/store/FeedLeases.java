package tributary.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;

/** Gives back a claim whose poll recorded nothing (database away, or abandoned at shutdown), so the feed is due again. */
@Singleton
public class FeedLeases {

    private final TransactionOperations<Connection> tx;

    public FeedLeases(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /**
     * Makes the feed due at now if nothing was recorded since the claim: next poll still the lease end, and no poll
     * outcome written since claimedAt (every outcome sets last_polled_at). True when the claim was given back.
     */
    public boolean release(long feedId, LocalDateTime claimedAt, LocalDateTime leaseUntil, Instant now) {
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("UPDATE feed SET next_poll_at = ?"
                    + " WHERE id = ? AND next_poll_at = ? AND (last_polled_at IS NULL OR last_polled_at < ?)")) {
                ps.setObject(1, UtcTimes.toColumn(now));
                ps.setLong(2, feedId);
                ps.setObject(3, leaseUntil);
                ps.setObject(4, claimedAt);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
