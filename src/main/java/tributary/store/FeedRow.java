package tributary.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.LocalDateTime;

/**
 * A row of the feed table: what to poll, and how the last polls went. Times are UTC. url is what is polled (a
 * confirmed permanent redirect rewrites it); urlHash stays the key of the URL feeds.yml or the admin gave.
 * state is computed by the database from enabled, goneAt and consecutiveFailures. leaseOwner holds the instance
 * polling the feed right now, until leaseUntil. fullText: its new items' pages are fetched for their article.
 * keepRules/blockRules: its filters as FeedSettings.Filters holds them, one rule per line (see {@link #filters()}).
 * lastErrorAt: when a poll last failed, kept after the feed recovers (the admin console sorts by it).
 */
@MappedEntity("feed")
public record FeedRow(
        @Id @GeneratedValue @Nullable Long id,
        String url,
        String urlHash,
        @Nullable String titleOverride,
        @Nullable String title,
        @Nullable String siteUrl,
        @Nullable String description,
        @Nullable String language,
        @Nullable Integer intervalSeconds,
        @Nullable String zone,
        boolean fullText,
        boolean enabled,
        String origin,
        @Nullable LocalDateTime deletedAt,
        @Nullable Integer sourceLine,
        @Nullable String etag,
        @Nullable String lastModified,
        @Nullable LocalDateTime nextPollAt,
        @Nullable LocalDateTime lastPolledAt,
        @Nullable LocalDateTime lastSuccessAt,
        @Nullable Integer lastStatus,
        @Nullable String lastError,
        int consecutiveFailures,
        LocalDateTime createdAt,
        @Nullable String bodyHash,
        @Nullable LocalDateTime goneAt,
        @Nullable String previousUrl,
        @Nullable LocalDateTime urlChangedAt,
        @Nullable String redirectUrl,
        int redirectCount,
        @Nullable Integer publisherIntervalSeconds,
        @Nullable String skipHours,
        @Nullable String skipDays,
        @GeneratedValue @Nullable String state,
        @Nullable String leaseOwner,
        @Nullable LocalDateTime leaseUntil,
        @Nullable String keepRules,
        @Nullable String blockRules,
        @Nullable LocalDateTime lastErrorAt) {

    /** The feed's keep and block rules, as written. */
    public FeedSettings.Filters filters() {
        return new FeedSettings.Filters(FeedSettingsColumns.fromLines(keepRules),
                FeedSettingsColumns.fromLines(blockRules));
    }

    /** The title to show: the admin's override, else the feed's own, else its URL. */
    public String displayTitle() {
        if (titleOverride != null) {
            return titleOverride;
        }
        return title != null ? title : url;
    }
}
