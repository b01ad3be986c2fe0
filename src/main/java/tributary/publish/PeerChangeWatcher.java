package tributary.publish;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.store.ContentChanges;
import tributary.store.ContentChangedEvent;

/**
 * Keeps this instance's render cache current when other instances change the shared database: every
 * tributary.publish.peer-check-interval it reads the catalog revision and the feeds whose items changed, and drops
 * the pages they are on. Changes this instance made itself are seen again and drop their pages a second time, which
 * costs one render, never a stale page.
 */
@Singleton
public class PeerChangeWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(PeerChangeWatcher.class);

    /**
     * How far back each look reads: a change is stamped when its statement runs, and becomes visible at its
     * commit, a little later; a look that read past it before the commit finds it on a later one within the window.
     */
    static final Duration WINDOW = Duration.ofSeconds(60);
    /** Beyond this many changed feeds in one look, every page is dropped instead of each feed's categories. */
    static final int MAX_SINGLE_FEEDS = 100;

    private final ContentChanges changes;
    private final ApplicationEventPublisher<ContentChangedEvent> events;
    private final PublishConfig config;
    private final TaskScheduler scheduler;
    private LocalDateTime since;
    private long revision = -1;
    /** Each recently changed feed with the change time already acted on. */
    private final Map<Long, LocalDateTime> seen = new HashMap<>();
    private volatile boolean failing;

    public PeerChangeWatcher(ContentChanges changes, ApplicationEventPublisher<ContentChangedEvent> events,
                             PublishConfig config, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.changes = changes;
        this.events = events;
        this.config = config;
        this.scheduler = scheduler;
    }

    /** Scheduled here rather than by @Scheduled, whose placeholder would repeat PublishConfig's default interval. */
    @EventListener
    void start(StartupEvent startup) {
        if (config.peerCheck()) {
            scheduler.scheduleWithFixedDelay(config.peerCheckInterval(), config.peerCheckInterval(), this::scheduled);
        }
    }

    private void scheduled() {
        try {
            checkNow();
            if (failing) {
                LOG.info("Render cache follows other instances' changes again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // The database is away: pages stay as they are (they are served stale rather than not at all).
            if (!failing) {
                LOG.warn("Cannot read other instances' changes ({}); cached pages may be stale until the database"
                        + " answers again", e.getMessage());
                failing = true;
            }
        }
    }

    /** One look; answers how many feeds were found changed (-1 when every page was dropped). */
    public synchronized int checkNow() {
        ContentChanges.Snapshot snapshot = changes.since(since);
        boolean first = revision < 0;
        List<Long> changed = new ArrayList<>();
        for (Map.Entry<Long, LocalDateTime> feed : snapshot.feeds().entrySet()) {
            if (!feed.getValue().equals(seen.put(feed.getKey(), feed.getValue()))) {
                changed.add(feed.getKey());
            }
        }
        since = snapshot.databaseNow().minus(WINDOW);
        seen.values().removeIf(at -> at.isBefore(since));
        boolean catalogChanged = snapshot.catalogRevision() != revision;
        revision = snapshot.catalogRevision();
        // The first look cannot tell what changed before it while pages were already rendered: drop them all once.
        if (first || catalogChanged || changed.size() > MAX_SINGLE_FEEDS) {
            events.publishEvent(new ContentChangedEvent(null));
            return -1;
        }
        for (Long feedId : changed) {
            events.publishEvent(new ContentChangedEvent(feedId));
        }
        return changed.size();
    }
}
