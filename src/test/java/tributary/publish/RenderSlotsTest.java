package tributary.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Uncached renders are what a cache-busting reader costs: at most render-concurrency of them run at once, requests
 * for a page already being rendered wait for that render instead of starting their own, and a request that finds
 * every slot busy past render-wait is refused as unavailable rather than piling up.
 */
class RenderSlotsTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static RenderCache cache(int slots, Duration wait) {
        return cache(slots, wait, 1_000_000, 2);
    }

    private static RenderCache cache(int slots, Duration wait, long bytes, int searchSlots) {
        // The item reader serves only change events, which these tests do not send.
        return new RenderCache(null, null, new PublishConfig(Duration.ofMinutes(5), bytes, 8, slots, wait,
                Duration.ofSeconds(30), false, Duration.ofSeconds(2), 2000, 100_000, Duration.ofSeconds(2),
                searchSlots));
    }

    private static PageKey searched(String slug, String q) {
        return new PageKey(slug, FeedFormat.RSS, 50, null, "http://localhost", q, null, null);
    }

    private static PageKey key(String slug) {
        return new PageKey(slug, FeedFormat.RSS, 50, null, "http://localhost");
    }

    private static RenderedFeed page(String text) {
        return new RenderedFeed(FeedFormat.RSS.contentType(), text.getBytes(), new byte[0], "\"" + text + "\"",
                Instant.EPOCH, "");
    }

    @Test
    void requestsForAPageBeingRenderedShareThatRender() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            RenderCache cache = cache(2, Duration.ofSeconds(10));
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger renders = new AtomicInteger();
            Supplier<RenderedFeed> slow = () -> {
                renders.incrementAndGet();
                started.countDown();
                await(release);
                return page("shared");
            };
            CompletableFuture<RenderedFeed> first = CompletableFuture.supplyAsync(() -> cache.get(key("a"), slow), threads);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            CompletableFuture<?>[] others = new CompletableFuture<?>[5];
            for (int i = 0; i < others.length; i++) {
                others[i] = CompletableFuture.supplyAsync(() -> cache.get(key("a"), slow), threads);
            }
            // Every request has missed the cache (it counts the miss just before it renders or joins a render).
            while (cache.misses() < 1 + others.length) {
                Thread.sleep(10);
            }
            release.countDown();
            RenderedFeed rendered = first.get();
            for (CompletableFuture<?> other : others) {
                assertSame(rendered, other.get());
            }
            assertEquals(1, renders.get(), "one render for six requests of the same page");
        });
    }

    @Test
    void atMostTheConfiguredRendersRunAtOnceAndALateOneIsRefused() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            RenderCache cache = cache(1, Duration.ofMillis(300));
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<RenderedFeed> holding = CompletableFuture.supplyAsync(() -> cache.get(key("a"), () -> {
                started.countDown();
                await(release);
                return page("a");
            }), threads);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            AtomicInteger ran = new AtomicInteger();
            PageUnavailableException refused = assertThrows(PageUnavailableException.class,
                    () -> cache.get(key("b"), () -> {
                        ran.incrementAndGet();
                        return page("b");
                    }));
            assertTrue(refused.getMessage().contains("busy"), refused.getMessage());
            assertEquals(0, ran.get(), "the second page was not rendered beside the first");
            release.countDown();
            holding.get();
            assertEquals("b", new String(cache.get(key("b"), () -> page("b")).body()), "the slot is free again");
        });
    }

    @Test
    void readersSearchesHaveTheirOwnSlotsSoTheyCannotHoldUpPlainPages() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            RenderCache cache = cache(1, Duration.ofMillis(300), 1_000_000, 1);
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<RenderedFeed> search = CompletableFuture.supplyAsync(() -> cache.get(searched("a", "x"),
                    () -> {
                        started.countDown();
                        await(release);
                        return page("x");
                    }), threads);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertEquals("a", new String(cache.get(key("a"), () -> page("a")).body()),
                    "a plain page renders while the search slot is busy");
            assertThrows(PageUnavailableException.class, () -> cache.get(searched("a", "y"), () -> page("y")),
                    "a second search waits for the one search slot, then is refused");
            release.countDown();
            search.get();
        });
    }

    @Test
    void searchedPagesHoldAtMostAQuarterOfTheCacheAndLeavePlainPagesAlone() {
        RenderCache cache = cache(2, Duration.ofSeconds(1), 40_000, 2);
        String body = "p".repeat(2_000);
        for (int i = 0; i < 4; i++) {
            cache.get(key("plain-" + i), () -> page(body));
        }
        for (int i = 0; i < 30; i++) {
            int n = i;
            cache.get(searched("all", "q" + n), () -> page(body + n));
        }
        assertTrue(cache.searchBytes() <= 10_000, "searches keep within a quarter: " + cache.searchBytes());
        for (int i = 0; i < 4; i++) {
            assertTrue(cache.peek(key("plain-" + i)) != null, "plain page " + i + " is still cached");
        }
        assertTrue(cache.peek(searched("all", "q29")) != null, "the latest search is cached");
        assertTrue(cache.peek(searched("all", "q0")) == null, "the eldest search was dropped");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
