package tributary.publish;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How long readers may cache a feed (tributary.publish.max-age); how much the render cache may hold, in bytes
 * (cache-max-bytes, 0 for an eighth of the heap) and in distinct base URLs taken from Host / X-Forwarded-* headers
 * unless public-base-url is set (max-base-urls: pages for further hosts are rendered but not kept, so request headers
 * cannot multiply cache entries); how many pages are rendered at once (render-concurrency, 0 for one per core) and
 * how long a request waits for its turn before a 503 (render-wait); the Retry-After of a page that is neither cached
 * nor renderable (retry-after); and whether the render cache also follows changes other instances write to the
 * shared database (peer-check, every peer-check-interval). A page asked with ?q= or ?since= (or a topic's, or a
 * category's with block rules) reads the newest query-scan-rows rows as they come, then only those the FULLTEXT index
 * names when the query has terms it can look up, and at most query-max-rows rows (or query-time-budget of testing),
 * then ends with a next link where it got to; at most query-concurrency such pages render at once (apart from the
 * render slots, so readers' searches cannot hold up the plain pages), and their cached copies hold at most a quarter
 * of the cache's bytes.
 */
@ConfigurationProperties("tributary.publish")
public record PublishConfig(@Bindable(defaultValue = "5m") Duration maxAge,
                            @Bindable(defaultValue = "0") long cacheMaxBytes,
                            @Bindable(defaultValue = "8") int maxBaseUrls,
                            @Bindable(defaultValue = "0") int renderConcurrency,
                            @Bindable(defaultValue = "10s") Duration renderWait,
                            @Bindable(defaultValue = "30s") Duration retryAfter,
                            @Bindable(defaultValue = "true") boolean peerCheck,
                            @Bindable(defaultValue = "2s") Duration peerCheckInterval,
                            @Bindable(defaultValue = "500") int queryScanRows,
                            @Bindable(defaultValue = "100000") int queryMaxRows,
                            @Bindable(defaultValue = "2s") Duration queryTimeBudget,
                            @Bindable(defaultValue = "2") int queryConcurrency) {

    /** The byte bound in force: the setting, or an eighth of the heap the JVM may grow to. */
    public long cacheBytes() {
        return cacheMaxBytes > 0 ? cacheMaxBytes : Runtime.getRuntime().maxMemory() / 8;
    }

    /** Renders at once: the setting, or one per core (more only queue for the same cores and hold more memory). */
    public int renders() {
        return renderConcurrency > 0 ? renderConcurrency : Runtime.getRuntime().availableProcessors();
    }
}
