package tributary.fetch;

import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Predicate;

/** Fetchers built by hand for tests: real guard, real limiter, real OkHttp, with the knobs a test needs. */
final class Fetchers {

    private Fetchers() {
    }

    static FetchConfig config(boolean allowPrivate, Duration readTimeout, Duration deadline, long maxBodyBytes,
                              int maxPerHost) {
        return new FetchConfig(allowPrivate, Duration.ofSeconds(2), readTimeout, deadline, maxBodyBytes, 5,
                maxPerHost, "https://github.com/tributary", null);
    }

    static FetchConfig defaults(boolean allowPrivate) {
        return config(allowPrivate, Duration.ofSeconds(20), Duration.ofSeconds(60), 10L * 1024 * 1024, 2);
    }

    static FeedFetcher of(FetchConfig config) {
        return new FeedFetcher(config, new AddressGuard(config), new HostLimiter(config));
    }

    /** A fetcher whose guard refuses every internal address except the trusted ones. */
    static FeedFetcher guarded(Predicate<InetAddress> trusted) {
        FetchConfig config = defaults(false);
        return new FeedFetcher(config, new AddressGuard(false, trusted), new HostLimiter(config));
    }
}
