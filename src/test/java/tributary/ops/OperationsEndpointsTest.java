package tributary.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollOutcome;
import tributary.poll.PollScheduler;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/** /health, /health/readiness, /health/liveness and /prometheus on the running service, before and after a poll. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsEndpointsTest implements TestPropertyProvider {

    static final FixtureFeedServer SOURCES = new FixtureFeedServer();
    static final String TOKEN = "ops-test-token-0123456789";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    PollScheduler scheduler;

    @Inject
    FleetGauges gauges;

    @Inject
    TestClock clock;

    @Inject
    Database db;

    @Inject
    CatalogLoader catalog;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.oneFeed(SOURCES.url("vnexpress-thoi-su.rss")))
                .properties("tributary.admin-token", TOKEN);
    }

    @BeforeAll
    void onlyThisClassesFeeds() {
        // The test database may hold rows of earlier test classes: start from feeds.yml alone.
        db.clear();
        catalog.reload();
    }

    @AfterAll
    void stopSources() {
        SOURCES.close();
    }

    @Test
    @Order(1)
    void healthIsReadyWithDatabaseSchedulerAndCatalogDetailForTheAdmin() {
        HttpResponse<String> readiness = http.toBlocking().exchange(
                HttpRequest.GET("/health/readiness").bearerAuth(TOKEN), String.class);
        assertEquals(200, readiness.code());
        String body = readiness.body();
        assertTrue(body.contains("\"catalog\"") && body.contains("\"feedsFileReconciled\":true"), body);
        assertTrue(body.contains("\"jdbc\"") && body.contains("MariaDB"), body);
        assertTrue(body.contains("\"scheduler\"") && body.contains("\"pollsInFlight\""), body);
        assertEquals(200, http.toBlocking().exchange("/health/liveness", String.class).code());
        assertTrue(http.toBlocking().retrieve("/health").contains("\"status\":\"UP\""));
    }

    @Test
    @Order(1)
    void anonymousCallersGetTheStatusOnly() {
        for (String path : List.of("/health", "/health/readiness", "/health/liveness")) {
            HttpResponse<String> anonymous = http.toBlocking().exchange(path, String.class);
            assertEquals(200, anonymous.code(), path);
            assertEquals("{\"name\":\"tributary\",\"status\":\"UP\"}", anonymous.body(), path);
            HttpResponse<String> wrongToken = http.toBlocking().exchange(HttpRequest.GET(path).bearerAuth("guess"),
                    String.class);
            assertEquals(anonymous.body(), wrongToken.body(), path);
        }
        String admin = http.toBlocking().retrieve(HttpRequest.GET("/health").bearerAuth(TOKEN));
        assertTrue(admin.contains("\"jdbc\"") && admin.contains("jdbc:mariadb:") && admin.contains("\"details\""), admin);
    }

    @Test
    @Order(2)
    void metricsArePresentAndMoveAfterAPoll() {
        clock.set(TestClock.START);
        String before = scrape();
        for (String name : List.of("tributary_polls_total", "tributary_fetch_latency_seconds_bucket",
                "tributary_fetch_bytes_total", "tributary_items_total", "tributary_feeds{",
                "tributary_scheduler_lag_seconds", "tributary_render_cache_total")) {
            assertTrue(before.contains(name) || name.equals("tributary_polls_total")
                    || name.equals("tributary_items_total"), name + " missing before a poll");
        }
        clock.advance(Duration.ofDays(1));
        gauges.refresh();
        assertTrue(value(scrape(), "tributary_scheduler_lag_seconds") > 0, "a due feed shows as lag");

        List<PollOutcome> first = scheduler.pollDueNow();
        assertEquals(PollOutcome.Result.UPDATED, first.get(0).result());
        http.toBlocking().exchange("/feeds/thoi-su.rss", String.class);
        http.toBlocking().exchange("/feeds/thoi-su.rss", String.class);
        clock.advance(Duration.ofDays(1));
        assertEquals(PollOutcome.Result.NOT_MODIFIED, scheduler.pollDueNow().get(0).result());
        gauges.refresh();

        String after = scrape();
        assertEquals(1, value(after, "tributary_polls_total{error=\"none\",outcome=\"ok\"}"));
        assertEquals(1, value(after, "tributary_polls_total{error=\"none\",outcome=\"not-modified\"}"));
        assertEquals(2, value(after, "tributary_fetch_latency_seconds_count"));
        assertTrue(value(after, "tributary_fetch_bytes_total") > 1000);
        assertTrue(value(after, "tributary_items_total{category=\"thoi-su\",change=\"new\"}") > 0);
        assertEquals(1, value(after, "tributary_feeds{state=\"active\"}"));
        assertEquals(0, value(after, "tributary_scheduler_lag_seconds"));
        assertTrue(value(after, "tributary_render_cache_total{result=\"hit\"}") >= 1);
        assertTrue(value(after, "tributary_render_cache_total{result=\"miss\"}") >= 1);
        assertTrue(value(after, "tributary_publish_request_seconds_count{status=\"2xx\"}") >= 2);
    }

    @Test
    @Order(3)
    void aFailingPollIsCountedByErrorClass() {
        SOURCES.override("vnexpress-thoi-su.rss", new FixtureFeedServer.Answer(503, "text/plain", "busy".getBytes()));
        try {
            clock.advance(Duration.ofDays(30));
            scheduler.pollDueNow();
            // 503 means "slow down" to the fetcher: counted apart from errors, with its status as the class.
            assertEquals(1, value(scrape(), "tributary_polls_total{error=\"http-503\",outcome=\"rate-limited\"}"));
            SOURCES.override("vnexpress-thoi-su.rss", new FixtureFeedServer.Answer(200, "text/html", "<html>".getBytes()));
            clock.advance(Duration.ofDays(30));
            scheduler.pollDueNow();
            assertEquals(1, value(scrape(), "tributary_polls_total{error=\"parse\",outcome=\"error\"}"));
        } finally {
            SOURCES.reset();
        }
    }

    private String scrape() {
        return http.toBlocking().retrieve("/prometheus");
    }

    /** The sample's value; a missing sample reads as -1. */
    private static double value(String scrape, String sample) {
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + "(?:\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
