package tributary.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** At most N concurrent requests to one host, whatever the number of workers. */
class HostLimiterTest {

    @Test
    void noMoreThanTwoRequestsReachOneHostAtOnce() throws Exception {
        AtomicInteger current = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    most.accumulateAndGet(current.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(150);  // a slow publisher, so overlapping requests would show
                        return new MockResponse.Builder().body("<rss/>").build();
                    } finally {
                        current.decrementAndGet();
                    }
                }
            });
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            FeedFetcher fetcher = Fetchers.of(Fetchers.defaults(true));
            ExecutorService workers = Executors.newFixedThreadPool(8);
            try {
                List<Future<FetchOutcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    outcomes.add(workers.submit(() -> fetcher.fetch(
                            new FetchRequest(server.url("/feed-" + Thread.currentThread().getName()).uri(), null, null))));
                }
                for (Future<FetchOutcome> outcome : outcomes) {
                    assertInstanceOf(FetchOutcome.Fetched.class, outcome.get(30, TimeUnit.SECONDS));
                }
            } finally {
                workers.shutdownNow();
            }
            assertEquals(8, server.getRequestCount());
            assertEquals(2, most.get());
        }
    }

    @Test
    void aPermitThatDoesNotComeFreeInTimeIsRefused() throws InterruptedException {
        HostLimiter limiter = new HostLimiter(1);
        try (HostLimiter.Permit held = limiter.acquire("example.org", 0)) {
            assertNull(limiter.acquire("EXAMPLE.org", TimeUnit.MILLISECONDS.toNanos(20)));
        }
        try (HostLimiter.Permit again = limiter.acquire("example.org", 0)) {
            assertInstanceOf(HostLimiter.Permit.class, again);
        }
    }

    @Test
    void aHostGetsNoMorePollSharesThanTheLimitUntilOneIsGivenBack() {
        HostLimiter limiter = new HostLimiter(2);
        assertTrue(limiter.reserve("example.org"));
        assertTrue(limiter.reserve("EXAMPLE.org"));
        assertFalse(limiter.reserve("example.org"));
        assertTrue(limiter.reserve("other.example"));
        limiter.release("example.org");
        assertTrue(limiter.reserve("example.org"));
    }
}
