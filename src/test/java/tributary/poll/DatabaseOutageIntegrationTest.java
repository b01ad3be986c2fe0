package tributary.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import tributary.store.ContentChangedEvent;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * The service's MariaDB stops under it and comes back: published feeds keep being served from the render cache
 * (stale but valid, with their validators), readiness says DOWN with the reason, the scheduler backs off, and when
 * the database returns polling resumes on its own with every item stored exactly once.
 */
class DatabaseOutageIntegrationTest {

    static final String ADMIN_TOKEN = "outage-test-token";

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void feedsAreServedDuringAnOutageAndIngestResumesAfterItWithExactCounts() throws Exception {
        try (StandaloneMariaDb mariadb = new StandaloneMariaDb("outage-db");
             FixtureFeedServer sources = new FixtureFeedServer()) {
            sources.override("outage.rss", new FixtureFeedServer.Answer(200, "application/rss+xml",
                    NumberedFeed.rss("outage", 1, 20)));
            FeedsYml file = FeedsYml.write(FeedsYml.oneFeed(sources.url("outage.rss")));
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                    "datasources.default.url", mariadb.jdbcUrl(),
                    "datasources.default.username", "root",
                    "datasources.default.password", "",
                    // A fixed free port: endpoints.all.port follows micronaut.server.port, and -1 would differ.
                    "micronaut.server.port", freePort(),
                    "tributary.feeds-file", file.path().toString(),
                    "tributary.admin-token", ADMIN_TOKEN,
                    "tributary.poll.scheduler-enabled", true,
                    "tributary.poll.tick", "1s"), "test")) {
                ApplicationContext context = server.getApplicationContext();
                TestClock clock = context.getBean(TestClock.class);
                PollScheduler scheduler = context.getBean(PollScheduler.class);
                String feedUrl = server.getURL() + "/feeds/thoi-su.rss";

                await(Duration.ofSeconds(60), () -> items(mariadb) == 20, "the first poll stores 20 items");
                HttpResponse<String> before = get(feedUrl, null);
                assertEquals(200, before.statusCode());
                String etag = before.headers().firstValue("ETag").orElseThrow();

                mariadb.stop();
                long down = System.nanoTime();

                HttpResponse<String> cached = get(feedUrl, null);
                assertEquals(200, cached.statusCode());
                assertEquals(etag, cached.headers().firstValue("ETag").orElseThrow());
                assertEquals(before.body(), cached.body());
                assertEquals(304, get(feedUrl, etag).statusCode());

                // Ingest elsewhere marked every page stale: the render needs the database, so the stale page is served.
                context.getBean(ApplicationEventPublisher.class).publishEvent(new ContentChangedEvent(null));
                HttpResponse<String> stale = get(feedUrl, null);
                assertEquals(200, stale.statusCode());
                assertEquals(etag, stale.headers().firstValue("ETag").orElseThrow());

                long askedReady = System.nanoTime();
                // Health details (why it is DOWN) are for the admin only.
                HttpResponse<String> readiness = get(server.getURL() + "/health/readiness", null, ADMIN_TOKEN);
                long readinessMs = (System.nanoTime() - askedReady) / 1_000_000;
                assertEquals(503, readiness.statusCode());
                assertTrue(readiness.body().contains("\"jdbc\"") && readiness.body().contains("DOWN"), readiness.body());

                sources.override("outage.rss", new FixtureFeedServer.Answer(200, "application/rss+xml",
                        NumberedFeed.rss("outage", 1, 30)));
                clock.advance(Duration.ofHours(1));
                long pollAsked = System.nanoTime();
                boolean failed = false;
                try {
                    scheduler.dispatchDue();
                } catch (RuntimeException e) {
                    failed = true;
                }
                long pollFailMs = (System.nanoTime() - pollAsked) / 1_000_000;
                assertTrue(failed, "no poll can be claimed while the database is away");
                await(Duration.ofSeconds(30), () -> scheduler.tickFailures() >= 2, "the scheduler backs off");
                // Stay down long enough for the back-off to grow past a few ticks.
                await(Duration.ofSeconds(30), () -> System.nanoTime() - down > 15_000_000_000L, "a 15 s outage");

                mariadb.start();
                long up = System.nanoTime();
                await(Duration.ofSeconds(60), () -> get(server.getURL() + "/health/readiness", null).statusCode() == 200,
                        "readiness UP once the database is back");
                long readyAgainMs = (System.nanoTime() - up) / 1_000_000;
                await(Duration.ofSeconds(60), () -> items(mariadb) == 30, "the feed is polled again after the outage");
                long resumedMs = (System.nanoTime() - up) / 1_000_000;

                assertEquals(30, items(mariadb));
                assertEquals(30, query(mariadb, "SELECT COUNT(DISTINCT feed_id, identity_hash) FROM item"));
                assertEquals(0, query(mariadb, "SELECT consecutive_failures FROM feed"));
                HttpResponse<String> after = get(feedUrl, null);
                assertEquals(200, after.statusCode());
                assertTrue(after.body().contains("Bài 30"));
                System.out.printf("MEASURED outage: down %d s; readiness DOWN answered in %d ms; claim failed in %d ms;"
                                + " readiness UP %d ms and all 30 items stored %d ms after the database returned%n",
                        (up - down) / 1_000_000_000L, readinessMs, pollFailMs, readyAgainMs, resumedMs);
            }
        }
    }

    @Test
    void aPollCaughtInFlightByTheOutageIsPolledAgainOnceTheDatabaseReturns() throws Exception {
        CountDownLatch fetched = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        byte[] body = NumberedFeed.rss("inflight", 1, 12);
        FixtureFeedServer source = new FixtureFeedServer();
        source.serve("/inflight.rss", request -> {
            if (requests.incrementAndGet() == 1) {
                // Hold the first answer until the database is gone: the poll is then between fetch and store.
                fetched.countDown();
                try {
                    answer.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new FixtureFeedServer.Answer(200, "application/rss+xml; charset=utf-8", body);
        });
        try (StandaloneMariaDb mariadb = new StandaloneMariaDb("inflight-db")) {
            FeedsYml file = FeedsYml.write("categories: []\nfeeds:\n  - url: " + source.address("/inflight.rss") + "\n");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                    "datasources.default.url", mariadb.jdbcUrl(),
                    "datasources.default.username", "root",
                    "datasources.default.password", "",
                    "micronaut.server.port", freePort(),
                    "tributary.feeds-file", file.path().toString(),
                    "tributary.poll.scheduler-enabled", true,
                    "tributary.poll.tick", "1s"), "test")) {
                assertTrue(fetched.await(60, TimeUnit.SECONDS), "the first poll reached the source");
                mariadb.stop();
                answer.countDown();
                PollScheduler scheduler = server.getApplicationContext().getBean(PollScheduler.class);
                await(Duration.ofSeconds(30), () -> scheduler.inFlightCount() == 0, "the poll ends, failing to store");
                mariadb.start();
                // The test clock never moves: only a claim given back makes the feed due again.
                long up = System.nanoTime();
                await(Duration.ofSeconds(60), () -> items(mariadb) == 12, "the feed is polled again");
                long resumedMs = (System.nanoTime() - up) / 1_000_000;
                assertEquals(12, query(mariadb, "SELECT COUNT(DISTINCT identity_hash) FROM item"));
                assertEquals(2, requests.get());
                System.out.printf("MEASURED outage, poll in flight: its feed stored %d ms after the database returned%n",
                        resumedMs);
            }
        } finally {
            source.close();
        }
    }

    private HttpResponse<String> get(String url, String ifNoneMatch) {
        return get(url, ifNoneMatch, null);
    }

    private HttpResponse<String> get(String url, String ifNoneMatch, String bearer) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            if (ifNoneMatch != null) {
                request.header("If-None-Match", ifNoneMatch);
            }
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(url + ": " + e, e);
        }
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static long items(StandaloneMariaDb mariadb) {
        return query(mariadb, "SELECT COUNT(*) FROM item");
    }

    static long query(StandaloneMariaDb mariadb, String sql) {
        try (Connection c = DriverManager.getConnection(mariadb.jdbcUrl(), "root", "");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    static void await(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
