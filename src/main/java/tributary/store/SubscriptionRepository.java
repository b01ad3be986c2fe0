package tributary.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Our WebSub subscriptions. Each change that sends a request is a conditional write that only one instance wins: the
 * insert of a feed's first subscription (unique feed_id), a restart for a new hub or topic (on the old token), the
 * take of a due row (on the next_action_at it was read with).
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface SubscriptionRepository extends CrudRepository<SubscriptionRow, Long> {

    Optional<SubscriptionRow> findByFeedId(long feedId);

    Optional<SubscriptionRow> findByToken(String token);

    Optional<SubscriptionRow> findByRenewalToken(String renewalToken);

    /** Whether a hub pushes the feed now: an active subscription whose lease has not ended. */
    @Query("""
            SELECT COUNT(*) > 0 FROM source_subscription
            WHERE feed_id = :feedId AND state = 'active' AND lease_until > :now""")
    boolean isPushed(long feedId, LocalDateTime now);

    /** 1 when this call created the feed's subscription (state requested, one attempt), 0 when one existed. */
    @Query("""
            INSERT IGNORE INTO source_subscription (feed_id, hub, topic, token, secret, state, next_action_at, attempts,
              created_at) VALUES (:feedId, :hub, :topic, :token, :secret, 'requested', :nextActionAt, 1, :now)""")
    long create(long feedId, String hub, String topic, String token, String secret, LocalDateTime nextActionAt,
                LocalDateTime now);

    /** Starts over with a new hub or topic, new token and secret; 1 when the row still had oldToken. */
    @Query("""
            UPDATE source_subscription SET hub = :hub, topic = :topic, token = :token, secret = :secret,
              state = 'requested', lease_seconds = NULL, lease_until = NULL, next_action_at = :nextActionAt,
              renewal_token = NULL, renewal_secret = NULL, attempts = 1, last_error = NULL
            WHERE id = :id AND token = :oldToken""")
    long restart(long id, String oldToken, String hub, String topic, String token, String secret,
                 LocalDateTime nextActionAt);

    /** Rows whose next look is due, oldest first. */
    @Query("""
            SELECT * FROM source_subscription WHERE next_action_at <= :now ORDER BY next_action_at, id
            LIMIT :limit""")
    List<SubscriptionRow> findDue(LocalDateTime now, int limit);

    /** Takes a due row for one request: 1 for the one instance whose read of next_action_at still holds. */
    @Query("""
            UPDATE source_subscription SET next_action_at = :until, attempts = attempts + 1
            WHERE id = :id AND next_action_at = :seen""")
    long take(long id, LocalDateTime seen, LocalDateTime until);

    /** Subscriptions of feeds removed from the list (soft-deleted or disabled) not yet being ended. */
    @Query("""
            SELECT s.* FROM source_subscription s JOIN feed f ON f.id = s.feed_id
            WHERE (f.deleted_at IS NOT NULL OR f.enabled = FALSE) AND s.state <> 'unsubscribing'
            ORDER BY s.id LIMIT :limit""")
    List<SubscriptionRow> findOfRemovedFeeds(int limit);

    /** 1 when this call moved the row from the state it was read in to unsubscribing (one attempt). */
    @Query("""
            UPDATE source_subscription SET state = 'unsubscribing', next_action_at = :nextActionAt, attempts = 1
            WHERE id = :id AND state = :seenState""")
    long startUnsubscribing(long id, String seenState, LocalDateTime nextActionAt);

    /** A renewal asks for a new callback token and secret; they replace the old ones once the hub verifies them. */
    @Query("UPDATE source_subscription SET renewal_token = :token, renewal_secret = :secret WHERE id = :id")
    void startRenewal(long id, String token, String secret);

    /** The hub verified a renewal: its token and secret are the subscription's from now on, active for the lease. */
    @Query("""
            UPDATE source_subscription SET token = renewal_token, secret = renewal_secret, renewal_token = NULL,
              renewal_secret = NULL, state = 'active', lease_seconds = :leaseSeconds, lease_until = :leaseUntil,
              next_action_at = :renewAt, attempts = 0, last_error = NULL WHERE id = :id AND renewal_token = :token""")
    void promoteRenewal(long id, String token, int leaseSeconds, LocalDateTime leaseUntil, LocalDateTime renewAt);

    /** The hub verified our subscription: active for the lease it granted, looked at again at renewAt. */
    @Query("""
            UPDATE source_subscription SET state = 'active', lease_seconds = :leaseSeconds, lease_until = :leaseUntil,
              next_action_at = :renewAt, attempts = 0, last_error = NULL WHERE id = :id""")
    void activate(long id, int leaseSeconds, LocalDateTime leaseUntil, LocalDateTime renewAt);

    /**
     * A request failed or was denied, into state (failed; unsubscribing keeps trying to end): retryAt null means no
     * more tries. Text is fitted to its column here.
     */
    default void fail(long id, SubscriptionState state, String error, @Nullable LocalDateTime retryAt) {
        writeFailure(id, state.column(), Columns.fit(error, 2000), retryAt);
    }

    @Query("""
            UPDATE source_subscription SET state = :state, last_error = :error, next_action_at = :retryAt
            WHERE id = :id""")
    void writeFailure(long id, String state, String error, @Nullable LocalDateTime retryAt);
}
