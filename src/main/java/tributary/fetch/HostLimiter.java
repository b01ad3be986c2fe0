package tributary.fetch;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;

/**
 * The per-host limit (tributary.fetch.max-per-host), in one place: caps concurrent requests to one host across every
 * worker, so many feeds of one site never hit it all at once, and counts the polls and article fetches dispatched to
 * each host, so the schedulers start no more of them than the host could be asked at once.
 */
@Singleton
public class HostLimiter {

    private final int perHost;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
    /** Polls dispatched per host and not yet finished; a host leaves the map when its last one ends. */
    private final Map<String, Integer> polls = new ConcurrentHashMap<>();

    @Inject
    public HostLimiter(FetchConfig config) {
        this(config.maxPerHost());
    }

    HostLimiter(int perHost) {
        this.perHost = Math.max(1, perHost);
    }

    /** The key hosts are counted by, as the fetcher sees them (IDN in ASCII, lower case); the URL itself if unreadable. */
    public static String key(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        return parsed == null ? url : parsed.host();
    }

    /** A permit to close after the request, or null when none came free within waitNanos. */
    public Permit acquire(String host, long waitNanos) throws InterruptedException {
        Semaphore semaphore = hosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new Semaphore(perHost, true));
        return semaphore.tryAcquire(Math.max(0, waitNanos), TimeUnit.NANOSECONDS) ? new Permit(semaphore) : null;
    }

    /**
     * Takes one of the host's shares for a poll (or an article page fetch) about to be dispatched, without waiting;
     * false when all are in use. The schedulers ask before they claim a feed or a page, so a busy host's work waits in
     * the database, not in a worker blocked in acquire. Give the share back with release when the fetch ends.
     */
    public boolean reserve(String host) {
        boolean[] taken = {false};
        polls.compute(host.toLowerCase(Locale.ROOT), (h, count) -> {
            int current = count == null ? 0 : count;
            if (current >= perHost) {
                return current;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    /** Gives back a share reserve took. */
    public void release(String host) {
        polls.computeIfPresent(host.toLowerCase(Locale.ROOT), (h, count) -> count <= 1 ? null : count - 1);
    }

    /** One request's share of a host; closing it twice releases once. */
    public static final class Permit implements AutoCloseable {
        private Semaphore semaphore;

        private Permit(Semaphore semaphore) {
            this.semaphore = semaphore;
        }

        @Override
        public void close() {
            if (semaphore != null) {
                semaphore.release();
                semaphore = null;
            }
        }
    }
}
