package tributary.fetch;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;

/** Caps concurrent requests to one host across every worker, so many feeds of one site never hit it all at once. */
@Singleton
public class HostLimiter {

    private final int perHost;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();

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
