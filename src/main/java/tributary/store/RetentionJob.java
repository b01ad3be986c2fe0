package tributary.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.config.RetentionConfig;

/** Runs the item pruner (and the poll history's) every tributary.retention.interval on the scheduler's own thread, away from polls and readers. */
@Singleton
@Requires(property = "tributary.retention.enabled", notEquals = "false")
public class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final ItemPruner pruner;
    private final PollHistory history;
    private final RetentionConfig config;
    private final Clock clock;
    private final TaskScheduler scheduler;

    public RetentionJob(ItemPruner pruner, PollHistory history, RetentionConfig config, Clock clock,
                        @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.pruner = pruner;
        this.history = history;
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Scheduled here rather than by @Scheduled, whose placeholders would repeat RetentionConfig's defaults. */
    @EventListener
    void start(StartupEvent startup) {
        scheduler.scheduleWithFixedDelay(config.initialDelay(), config.interval(), this::run);
    }

    void run() {
        try {
            ItemPruner.Pruned pruned = pruner.prune(clock.instant());
            if (pruned.items() > 0 || pruned.feedsRemoved() > 0) {
                LOG.info("Retention: {} items past {} days, {} items over {} per feed, {} removed feeds deleted",
                        pruned.expired(), config.days(), pruned.overCap(), config.maxItemsPerFeed(),
                        pruned.feedsRemoved());
            }
            long polls = history.prune(clock.instant());
            if (polls > 0) {
                LOG.info("Retention: {} poll history rows past {} days or {} per feed", polls,
                        config.pollHistoryDays(), config.pollHistoryPerFeed());
            }
        } catch (RuntimeException e) {
            // The database may be away: the next run picks up where this one stopped.
            LOG.warn("Retention run failed, retrying in {}: {}", config.interval(), e.getMessage());
        }
    }
}
