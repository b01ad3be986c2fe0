package tributary.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Feeds and their polling state. Times are UTC (see UtcTimes). */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface FeedRepository extends CrudRepository<FeedRow, Long> {

    Optional<FeedRow> findByUrlHash(String urlHash);

    @Query("SELECT * FROM feed ORDER BY id")
    List<FeedRow> findAllInOrder();

    /** Enabled feeds whose next poll is due, oldest due first. */
    @Query("""
            SELECT * FROM feed WHERE enabled = TRUE AND (next_poll_at IS NULL OR next_poll_at <= :now)
            ORDER BY next_poll_at IS NOT NULL, next_poll_at, id LIMIT :limit""")
    List<FeedRow> findDue(LocalDateTime now, int limit);

    /**
     * Takes a due feed for one poll by pushing its next poll to the lease end; 1 when this caller won it.
     * Two workers or two instances that race for a feed: only one update matches.
     */
    @Query("""
            UPDATE feed SET next_poll_at = :leaseUntil
            WHERE id = :id AND enabled = TRUE AND (next_poll_at IS NULL OR next_poll_at <= :now)""")
    long claim(long id, LocalDateTime now, LocalDateTime leaseUntil);

    @Query("""
            UPDATE feed SET title = :title, site_url = :siteUrl, description = :description, language = :language,
              etag = :etag, last_modified = :lastModified, last_status = :status, last_polled_at = :polledAt,
              last_success_at = :polledAt, last_error = NULL, consecutive_failures = 0, next_poll_at = :nextPollAt
            WHERE id = :id""")
    void recordSuccess(long id, @Nullable String title, @Nullable String siteUrl, @Nullable String description,
                       @Nullable String language, @Nullable String etag, @Nullable String lastModified, int status,
                       LocalDateTime polledAt, LocalDateTime nextPollAt);

    @Query("""
            UPDATE feed SET last_status = 304, last_polled_at = :polledAt, last_success_at = :polledAt,
              last_error = NULL, consecutive_failures = 0, next_poll_at = :nextPollAt
            WHERE id = :id""")
    void recordNotModified(long id, LocalDateTime polledAt, LocalDateTime nextPollAt);

    @Query("""
            UPDATE feed SET last_status = :status, last_polled_at = :polledAt, last_error = :error,
              consecutive_failures = consecutive_failures + 1, next_poll_at = :nextPollAt
            WHERE id = :id""")
    void recordFailure(long id, @Nullable Integer status, String error, LocalDateTime polledAt,
                       LocalDateTime nextPollAt);
}
