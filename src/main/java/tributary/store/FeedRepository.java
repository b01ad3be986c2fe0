package tributary.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import tributary.normalize.NormalizedFeed;
import tributary.normalize.PublisherSchedule;

/**
 * Feeds and their polling state. Times are UTC (see UtcTimes). Every recorded outcome also ends the poll's lease
 * (lease_owner, lease_until): the next poll time it sets keeps the feed from being claimed again, whichever instance
 * held it. A gone feed is skipped until re-enabled: by reactivate, or by switching it off and on in feeds.yml (the
 * catalog then clears next_poll_at, which a gone feed otherwise always has).
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface FeedRepository extends CrudRepository<FeedRow, Long> {

    Optional<FeedRow> findByUrlHash(String urlHash);

    @Query("SELECT * FROM feed ORDER BY id")
    List<FeedRow> findAllInOrder();

    /** The feeds with these ids, in no particular order (a page of the admin console's list). */
    List<FeedRow> findByIdIn(java.util.Collection<Long> ids);

    /**
     * Locks up to limit due feeds for a claim: enabled, not gone, next poll passed, no live lease, oldest due first
     * (a never-polled feed, next_poll_at NULL, sorts first). Rows another instance is claiming right now are skipped,
     * not waited for (SKIP LOCKED, MariaDB 10.6+). Run inside the claim's transaction; the ORDER BY follows
     * ix_feed_due, so only the rows returned (and leased or gone ones on the way) are read and locked.
     */
    @Query("""
            SELECT * FROM feed WHERE enabled = TRUE AND (gone_at IS NULL OR next_poll_at IS NULL)
              AND (next_poll_at IS NULL OR next_poll_at <= :now) AND (lease_until IS NULL OR lease_until <= :now)
            ORDER BY next_poll_at, id LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<FeedRow> lockDue(LocalDateTime now, int limit);

    /** Takes feeds locked by lockDue for one poll each: owner holds them until leaseUntil unless the poll ends first. */
    @Query("UPDATE feed SET lease_owner = :owner, lease_until = :leaseUntil WHERE id IN (:ids)")
    long lease(List<Long> ids, String owner, LocalDateTime leaseUntil);

    /**
     * A new document from a fetch was stored: its metadata and the publisher's schedule, the answer's validators, body
     * hash and status, a clean bill of health and the next poll time. contentChanged marks the feed for other
     * instances' render caches. Text is fitted to its columns here.
     */
    default void recordSuccess(long id, NormalizedFeed feed, @Nullable String etag, @Nullable String lastModified,
                               String bodyHash, int status, LocalDateTime polledAt, LocalDateTime nextPollAt,
                               boolean contentChanged) {
        PublisherSchedule publisher = feed.publisher();
        writeSuccess(id, Columns.fit(feed.title(), 500), Columns.fit(feed.siteUrl(), 2048),
                Columns.fit(feed.description(), 2000), Columns.fit(feed.language(), 35), Columns.fit(etag, 500),
                Columns.fit(lastModified, 100), bodyHash, status, publisher.floorSeconds(),
                publisher.skipHoursColumn(), publisher.skipDaysColumn(), polledAt, nextPollAt, contentChanged);
    }

    /**
     * A new document that came without a fetch (a push, a re-import) was stored: its metadata and the publisher's
     * schedule only; validators, health and the next poll stay as the last poll left them.
     */
    default void recordDocument(long id, NormalizedFeed feed, boolean contentChanged) {
        PublisherSchedule publisher = feed.publisher();
        writeDocument(id, Columns.fit(feed.title(), 500), Columns.fit(feed.siteUrl(), 2048),
                Columns.fit(feed.description(), 2000), Columns.fit(feed.language(), 35), publisher.floorSeconds(),
                publisher.skipHoursColumn(), publisher.skipDaysColumn(), contentChanged);
    }

    /** The statement of recordSuccess, which fits the text to these columns first. */
    @Query("""
            UPDATE feed SET title = :title, site_url = :siteUrl, description = :description, language = :language,
              etag = :etag, last_modified = :lastModified, body_hash = :bodyHash, last_status = :status,
              publisher_interval_seconds = :publisherIntervalSeconds, skip_hours = :skipHours, skip_days = :skipDays,
              last_polled_at = :polledAt, last_success_at = :polledAt, last_error = NULL, consecutive_failures = 0,
              gone_at = NULL, next_poll_at = :nextPollAt, lease_owner = NULL, lease_until = NULL,
              content_changed_at = IF(:contentChanged, UTC_TIMESTAMP(3), content_changed_at)
            WHERE id = :id""")
    void writeSuccess(long id, @Nullable String title, @Nullable String siteUrl, @Nullable String description,
                      @Nullable String language, @Nullable String etag, @Nullable String lastModified,
                      String bodyHash, int status, @Nullable Integer publisherIntervalSeconds,
                      @Nullable String skipHours, @Nullable String skipDays, LocalDateTime polledAt,
                      LocalDateTime nextPollAt, boolean contentChanged);

    /** The statement of recordDocument, which fits the text to these columns first. */
    @Query("""
            UPDATE feed SET title = :title, site_url = :siteUrl, description = :description, language = :language,
              publisher_interval_seconds = :publisherIntervalSeconds, skip_hours = :skipHours, skip_days = :skipDays,
              content_changed_at = IF(:contentChanged, UTC_TIMESTAMP(3), content_changed_at)
            WHERE id = :id""")
    void writeDocument(long id, @Nullable String title, @Nullable String siteUrl, @Nullable String description,
                       @Nullable String language, @Nullable Integer publisherIntervalSeconds,
                       @Nullable String skipHours, @Nullable String skipDays, boolean contentChanged);

    /** A 304, or the same bytes as last time (status 200): nothing to parse or write but the row's health. */
    @Query("""
            UPDATE feed SET last_status = :status, last_polled_at = :polledAt, last_success_at = :polledAt,
              last_error = NULL, consecutive_failures = 0, gone_at = NULL, next_poll_at = :nextPollAt,
              lease_owner = NULL, lease_until = NULL
            WHERE id = :id""")
    void recordNotModified(long id, int status, LocalDateTime polledAt, LocalDateTime nextPollAt);

    /**
     * Validators of an unchanged body: a server that stopped sending them (or said no-store) loses them here. Text is
     * fitted to its columns here.
     */
    default void recordValidators(long id, @Nullable String etag, @Nullable String lastModified) {
        writeValidators(id, Columns.fit(etag, 500), Columns.fit(lastModified, 100));
    }

    /** The statement of recordValidators, which fits the text to these columns first. */
    @Query("UPDATE feed SET etag = :etag, last_modified = :lastModified WHERE id = :id")
    void writeValidators(long id, @Nullable String etag, @Nullable String lastModified);

    /** A failed poll: its error (fitted to its column here), one more failure, and when to try again. */
    default void recordFailure(long id, @Nullable Integer status, String error, LocalDateTime polledAt,
                               LocalDateTime nextPollAt) {
        writeFailure(id, status, Columns.fit(error, 2000), polledAt, nextPollAt);
    }

    /** The statement of recordFailure, which fits the error to its column first. */
    @Query("""
            UPDATE feed SET last_status = :status, last_polled_at = :polledAt, last_error = :error,
              last_error_at = :polledAt, consecutive_failures = consecutive_failures + 1, next_poll_at = :nextPollAt,
              lease_owner = NULL, lease_until = NULL
            WHERE id = :id""")
    void writeFailure(long id, @Nullable Integer status, String error, LocalDateTime polledAt,
                      LocalDateTime nextPollAt);

    /** 410: stop polling; next_poll_at stays set so that only a re-enable (which clears it) brings the feed back. */
    default void recordGone(long id, String error, LocalDateTime polledAt) {
        writeGone(id, Columns.fit(error, 2000), polledAt);
    }

    /** The statement of recordGone, which fits the error to its column first. */
    @Query("""
            UPDATE feed SET last_status = 410, last_polled_at = :polledAt, last_error = :error, last_error_at = :polledAt,
              consecutive_failures = consecutive_failures + 1, gone_at = :polledAt, next_poll_at = :polledAt,
              lease_owner = NULL, lease_until = NULL
            WHERE id = :id""")
    void writeGone(long id, String error, LocalDateTime polledAt);

    /** An admin brings a gone (or backed-off) feed back: polled at the next tick, with a clean failure count. */
    @Query("UPDATE feed SET gone_at = NULL, consecutive_failures = 0, next_poll_at = NULL WHERE id = :id")
    void reactivate(long id);

    /** How many successive polls met the same permanent redirect (0 and null when the last one met none). */
    default void recordRedirect(long id, @Nullable String redirectUrl, int redirectCount) {
        writeRedirect(id, Columns.fit(redirectUrl, 2048), redirectCount);
    }

    /** The statement of recordRedirect, which fits the URL to its column first. */
    @Query("UPDATE feed SET redirect_url = :redirectUrl, redirect_count = :redirectCount WHERE id = :id")
    void writeRedirect(long id, @Nullable String redirectUrl, int redirectCount);

    /** A permanent redirect confirmed on successive polls becomes the URL polled; the old one is kept. */
    @Query("""
            UPDATE feed SET previous_url = url, url = :newUrl, url_changed_at = :changedAt, redirect_url = NULL,
              redirect_count = 0
            WHERE id = :id""")
    void rewriteUrl(long id, String newUrl, LocalDateTime changedAt);

    /** Ends owner's lease unless an outcome (which clears it) or a newer claim came first; 1 when given back. */
    @Query("""
            UPDATE feed SET lease_owner = NULL, lease_until = NULL
            WHERE id = :id AND lease_owner = :owner AND lease_until = :leaseUntil""")
    long releaseLease(long id, String owner, LocalDateTime leaseUntil);

    /** The feed with this URL hash, removed or not, locked to the end of the transaction (a catalog edit's check). */
    @Query("SELECT * FROM feed WHERE url_hash = :urlHash FOR UPDATE")
    Optional<FeedRow> lockByUrlHash(String urlHash);

    /** Removes a feed but keeps its row and items: no longer polled or listed; the same URL added again revives it. */
    @Query("UPDATE feed SET deleted_at = :deletedAt, enabled = FALSE WHERE id = :id")
    void softDelete(long id, LocalDateTime deletedAt);

    /** The feed's category slugs, in category order. */
    @Query("""
            SELECT c.slug FROM feed_category fc JOIN category c ON c.id = fc.category_id
            WHERE fc.feed_id = :feedId ORDER BY c.position, c.id""")
    List<String> findCategorySlugs(long feedId);

    @Query("DELETE FROM feed_category WHERE feed_id = :feedId")
    void unlinkCategories(long feedId);

    /** Puts the feed in the category with this slug; nothing when it is already in it or the slug is unknown. */
    @Query("INSERT IGNORE INTO feed_category (feed_id, category_id) SELECT :feedId, id FROM category WHERE slug = :slug")
    void linkCategory(long feedId, String slug);

    long countByDeletedAtIsNull();

    long countByDeletedAtIsNullAndEnabled(boolean enabled);

    @Query("SELECT COUNT(*) FROM item")
    long countItems();

}
