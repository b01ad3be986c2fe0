package tributary.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A feed as the admin API shows it: what it is (url, title_override, categories, enabled, zone; the interval in force
 * as interval_seconds), where it is managed, and how its polling goes. settings holds every setting in the form
 * POST and PUT take and feeds.yml uses (FeedSettingsForm), so a setting added there shows here by itself.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedView(long id, String url, String title, @JsonProperty("title_override") String titleOverride,
                       @JsonProperty("site_url") String siteUrl,
                       @JsonInclude(JsonInclude.Include.ALWAYS) List<String> categories,
                       @JsonProperty("interval_seconds") long intervalSeconds, boolean enabled, String origin,
                       @JsonProperty("source_line") Integer sourceLine, @JsonProperty("item_count") long itemCount,
                       Health health, String zone, Map<String, Object> settings,
                       @JsonProperty("left_out") LeftOut leftOut, List<PollPoint> polls,
                       @JsonProperty("items_per_day") List<DayCount> itemsPerDay) {

    /** The feed as GET /admin/feeds lists it: no poll history. */
    public FeedView(long id, String url, String title, String titleOverride, String siteUrl, List<String> categories,
                    long intervalSeconds, boolean enabled, String origin, Integer sourceLine, long itemCount,
                    Health health, String zone, Map<String, Object> settings, LeftOut leftOut) {
        this(id, url, title, titleOverride, siteUrl, categories, intervalSeconds, enabled, origin, sourceLine,
                itemCount, health, zone, settings, leftOut, null, null);
    }

    /** The same feed with its last polls (newest first) and its items per day (oldest day first). */
    public FeedView withHistory(List<PollPoint> recent, List<DayCount> days) {
        return new FeedView(id, url, title, titleOverride, siteUrl, categories, intervalSeconds, enabled, origin,
                sourceLine, itemCount, health, zone, settings, leftOut, recent, days);
    }

    /** One poll: when, its outcome (ok, not-modified, error, gone, rate-limited), HTTP status, duration, new items. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PollPoint(Instant at, String outcome, Integer status, @JsonProperty("duration_ms") int durationMs,
                            @JsonProperty("items_new") int itemsNew, String error) {
    }

    /** Items published on one day (ISO date, in tributary.ui.zone). */
    @Serdeable
    public record DayCount(String day, long items) {
    }

    /**
     * The items the feed's keep/block rules left out (each once, while retention keeps it), by rule (rule absent:
     * it matched no keep rule), and the latest few; shown by GET /admin/feeds/{id}, counted in health.left_out.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LeftOut(long items, @JsonProperty("by_rule") List<RuleCount> byRule, List<Item> latest) {

        @Serdeable
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record RuleCount(String list, String rule, long items, Instant last) {
        }

        @Serdeable
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Item(String list, String rule, String title, String url, Instant at) {
        }
    }

    /**
     * Polling health: state is active, backing-off, gone or disabled; polled_by names the instance polling the feed
     * right now (absent between polls), whose claim lapses at polled_until if it never finishes. For a full-text feed
     * (or one that was), its items by article: extracted or reused (full_text_ok), given up (full_text_failed), failed
     * and to be tried again (full_text_retrying), waiting for a first fetch (full_text_pending); each failure's reason
     * is on its item. left_out: items its keep/block rules left out (absent when none and it has no rules).
     * last_error_at: when a poll last failed, kept after the feed recovers.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Health(String state, @JsonProperty("last_polled_at") Instant lastPolledAt,
                         @JsonProperty("last_success_at") Instant lastSuccessAt,
                         @JsonProperty("last_status") Integer lastStatus, @JsonProperty("last_error") String lastError,
                         @JsonProperty("consecutive_failures") int consecutiveFailures,
                         @JsonProperty("next_poll_at") Instant nextPollAt,
                         @JsonProperty("polled_by") String polledBy,
                         @JsonProperty("polled_until") Instant polledUntil,
                         @JsonProperty("full_text_ok") Long fullTextOk,
                         @JsonProperty("full_text_failed") Long fullTextFailed,
                         @JsonProperty("full_text_retrying") Long fullTextRetrying,
                         @JsonProperty("full_text_pending") Long fullTextPending,
                         @JsonProperty("left_out") Long leftOut,
                         @JsonProperty("last_error_at") Instant lastErrorAt) {
    }
}
