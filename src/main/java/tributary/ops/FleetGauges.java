package tributary.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.publish.RenderCache;
import tributary.store.FeedState;
import tributary.store.FleetStats;

/**
 * Gauges read from the database every 15 s rather than on each scrape, so a slow or absent database never stalls
 * /prometheus: feeds by state, scheduler lag (now − oldest due feed); and the render cache's hits, misses and size in bytes.
 */
@Context
public class FleetGauges {

    private static final Logger LOG = LoggerFactory.getLogger(FleetGauges.class);

    private final FleetStats stats;
    private final Clock clock;
    private final Map<String, AtomicLong> byState = new ConcurrentHashMap<>();
    private final AtomicLong lagSeconds = new AtomicLong();

    FleetGauges(FleetStats stats, Clock clock, MeterRegistry registry, RenderCache cache) {
        this.stats = stats;
        this.clock = clock;
        for (FeedState state : FeedState.values()) {
            AtomicLong count = byState.computeIfAbsent(state.column(), s -> new AtomicLong());
            Gauge.builder("tributary.feeds", count, AtomicLong::get).description("Feeds by state")
                    .tag("state", state.column()).register(registry);
        }
        Gauge.builder("tributary.scheduler.lag", lagSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the oldest due feed has been waiting for its poll").register(registry);
        FunctionCounter.builder("tributary.render.cache", cache, RenderCache::hits).tag("result", "hit")
                .description("Feed page requests answered from the render cache, or rendered").register(registry);
        FunctionCounter.builder("tributary.render.cache", cache, RenderCache::misses).tag("result", "miss")
                .description("Feed page requests answered from the render cache, or rendered").register(registry);
        Gauge.builder("tributary.render.cache.size", cache, RenderCache::sizeBytes).baseUnit("bytes")
                .description("Bytes of rendered pages held by the render cache (bound: tributary.publish.cache-max-bytes)")
                .register(registry);
    }

    @Scheduled(fixedDelay = "15s", initialDelay = "5s")
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // Keep the last values; /health says why the database is away.
            LOG.debug("Feed gauges not refreshed: {}", e.getMessage());
        }
    }

    /** Reads the figures now. */
    public void refresh() {
        FleetStats.Snapshot snapshot = stats.read(clock.instant());
        for (Map.Entry<String, Long> state : snapshot.feedsByState().entrySet()) {
            byState.computeIfAbsent(state.getKey(), s -> new AtomicLong()).set(state.getValue());
        }
        lagSeconds.set(snapshot.lag().toSeconds());
    }

    long lagSeconds() {
        return lagSeconds.get();
    }

    Map<String, Long> feedsByState() {
        Map<String, Long> copy = new TreeMap<>();
        byState.forEach((state, count) -> copy.put(state, count.get()));
        return copy;
    }
}
