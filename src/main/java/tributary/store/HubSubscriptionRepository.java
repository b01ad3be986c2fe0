package tributary.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Subscriptions to our WebSub hub, keyed by (topic, callback) through the SHA-256 of each (the columns are too wide
 * for a unique index). Times are UTC (see UtcTimes).
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface HubSubscriptionRepository extends GenericRepository<HubSubscriptionRow, Long> {

    Optional<HubSubscriptionRow> findById(long id);

    Optional<HubSubscriptionRow> findByTopicHashAndCallbackHash(String topicHash, String callbackHash);

    @Query("SELECT * FROM websub_subscription ORDER BY id")
    List<HubSubscriptionRow> findAllInOrder();

    long count();

    long countByCallbackHost(String callbackHost);

    /** A first request for this pair shows as pending while it is verified; an existing subscription is left alone. */
    @Query("""
            INSERT IGNORE INTO websub_subscription (topic, topic_hash, slug, format, base, callback, callback_hash,
              callback_host, secret, state, lease_seconds, lease_end, created_at, failures)
            VALUES (:topic, :topicHash, :slug, :format, :base, :callback, :callbackHash, :callbackHost, NULL,
              'pending', :leaseSeconds, NULL, :now, 0)""")
    long insertPending(String topic, String topicHash, String slug, String format, String base, String callback,
                       String callbackHash, String callbackHost, long leaseSeconds, LocalDateTime now);

    /** Verified intent to subscribe: active until leaseEnd with this secret, whatever the row said before. */
    @Query("""
            INSERT INTO websub_subscription (topic, topic_hash, slug, format, base, callback, callback_hash,
              callback_host, secret, state, lease_seconds, lease_end, created_at, failures)
            VALUES (:topic, :topicHash, :slug, :format, :base, :callback, :callbackHash, :callbackHost, :secret,
              'active', :leaseSeconds, :leaseEnd, :now, 0)
            ON DUPLICATE KEY UPDATE secret = VALUES(secret), state = 'active', lease_seconds = VALUES(lease_seconds),
              lease_end = VALUES(lease_end)""")
    void activate(String topic, String topicHash, String slug, String format, String base, String callback,
                  String callbackHash, String callbackHost, @Nullable byte[] secret, long leaseSeconds,
                  LocalDateTime leaseEnd, LocalDateTime now);

    /** A first request that failed verification leaves nothing behind; an active subscription is kept. */
    @Query("DELETE FROM websub_subscription WHERE topic_hash = :topicHash AND callback_hash = :callbackHash"
            + " AND state = 'pending'")
    long deletePending(String topicHash, String callbackHash);

    /** Verified intent to unsubscribe. */
    @Query("DELETE FROM websub_subscription WHERE topic_hash = :topicHash AND callback_hash = :callbackHash")
    long delete(String topicHash, String callbackHash);

    /** Subscriptions whose lease ended before cutoff, and pending ones whose verification never finished. */
    @Query("""
            DELETE FROM websub_subscription WHERE (state = 'active' AND lease_end < :cutoff)
              OR (state = 'pending' AND created_at < :cutoff)""")
    long deleteExpired(LocalDateTime cutoff);

    @Query("""
            UPDATE websub_subscription SET last_delivery_at = :at, last_delivery_status = :status,
              failures = IF(:failed, failures + 1, 0) WHERE id = :id""")
    void recordDelivery(long id, LocalDateTime at, String status, boolean failed);
}
