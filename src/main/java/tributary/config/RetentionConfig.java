package tributary.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How long items are kept (tributary.retention.*): days since an item was last in its feed's document, at most
 * maxItemsPerFeed per feed, deleted batchSize rows per transaction by a job that runs every interval, the first time initialDelay after start.
 * The same job keeps the admin console's poll history to the newest pollHistoryPerFeed polls of each feed, none older
 * than pollHistoryDays.
 */
@ConfigurationProperties("tributary.retention")
public record RetentionConfig(
        @Bindable(defaultValue = "90") int days,
        @Bindable(defaultValue = "1000") int maxItemsPerFeed,
        @Bindable(defaultValue = "500") int batchSize,
        @Bindable(defaultValue = "30m") Duration interval,
        @Bindable(defaultValue = "2m") Duration initialDelay,
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "100") int pollHistoryPerFeed,
        @Bindable(defaultValue = "30") int pollHistoryDays) {
}
