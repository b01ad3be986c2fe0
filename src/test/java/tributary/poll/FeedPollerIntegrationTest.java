package tributary.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.store.FeedRepository;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.RawSocketServer;
import tributary.support.TestClock;

/**
 * Polls through the real scheduler, fetcher, parser and MariaDB against a loopback MockWebServer; time moves only
 * when the test moves the TestClock.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedPollerIntegrationTest implements TestPropertyProvider {

    @Inject
    PollScheduler scheduler;

    @Inject
    FeedRepository repository;

    @Inject
    FeedTable feeds;

    @Inject
    Database db;

    @Inject
    TestClock clock;

    MockWebServer server;
    final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties("tributary.fetch.max-items", "3",
                "tributary.fetch.read-timeout", "2s",
                "tributary.fetch.deadline", "3s",
                "tributary.poll.workers", "16");
    }

    @BeforeEach
    void freshState() throws IOException {
        db.clear();
        clock.set(TestClock.START);
        requests.clear();
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Answers every request with what answer decides, recording the request first. */
    void serve(Function<RecordedRequest, MockResponse> answer) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer.apply(request);
            }
        });
    }

    static MockResponse rss(byte[] body, String... headers) {
        MockResponse.Builder builder = new MockResponse.Builder().body(new Buffer().write(body))
                .addHeader("Content-Type", "application/rss+xml; charset=utf-8");
        for (String header : headers) {
            builder.addHeader(header);
        }
        return builder.build();
    }

    long add(String path) {
        return feeds.add(server.url(path).toString());
    }

    List<PollOutcome> pollAfter(Duration wait) {
        clock.advance(wait);
        return scheduler.pollDueNow();
    }

    LocalDateTime at(Duration afterStart) {
        return LocalDateTime.ofInstant(TestClock.START.plus(afterStart), ZoneOffset.UTC);
    }

    @Nested
    class ConditionalGet {

        @Test
        void theSecondPollSendsTheValidatorsAndA304WritesNothing() {
            byte[] body = Rss.document("cond", 2, "");
            serve(request -> "\"v1\"".equals(request.getHeaders().get("If-None-Match"))
                    ? new MockResponse.Builder().code(304).build()
                    : rss(body, "ETag: \"v1\"", "Last-Modified: Wed, 28 Jan 2026 10:00:00 GMT"));
            long id = add("/cond.rss");

            assertEquals(PollOutcome.Result.UPDATED, scheduler.pollDueNow().get(0).result());
            assertEquals(2, db.count("SELECT COUNT(*) FROM item"));
            // Emptied by hand: if the 304 poll wrote items, they would come back.
            feeds.execute("DELETE FROM item");

            List<PollOutcome> second = pollAfter(Duration.ofMinutes(15));

            assertEquals(PollOutcome.Result.NOT_MODIFIED, second.get(0).result());
            RecordedRequest conditional = requests.toArray(RecordedRequest[]::new)[1];
            assertEquals("\"v1\"", conditional.getHeaders().get("If-None-Match"));
            assertEquals("Wed, 28 Jan 2026 10:00:00 GMT", conditional.getHeaders().get("If-Modified-Since"));
            assertEquals(0, db.count("SELECT COUNT(*) FROM item"));
            assertEquals("304", feeds.text(id, "last_status"));
            assertEquals("active", feeds.text(id, "state"));
            assertEquals(at(Duration.ofMinutes(15)), feeds.time(id, "last_success_at"));
            assertEquals(at(Duration.ofMinutes(30)), feeds.time(id, "next_poll_at"));
        }

        @Test
        void theSameBodyWithoutValidatorsCountsAsNotModified() {
            byte[][] body = {Rss.document("hash", 2, "")};
            serve(request -> rss(body[0]));
            long id = add("/hash.rss");
            scheduler.pollDueNow();
            feeds.execute("DELETE FROM item");

            assertEquals(PollOutcome.Result.NOT_MODIFIED, pollAfter(Duration.ofMinutes(15)).get(0).result());
            assertEquals(0, db.count("SELECT COUNT(*) FROM item"), "an unchanged body is neither parsed nor stored");
            assertEquals("200", feeds.text(id, "last_status"));

            body[0] = Rss.document("hash", 3, "");
            assertEquals(PollOutcome.Result.UPDATED, pollAfter(Duration.ofMinutes(15)).get(0).result());
            assertEquals(3, db.count("SELECT COUNT(*) FROM item"));
        }

        @Test
        void validatorsOfANoStoreAnswerAreNotKept() {
            serve(request -> rss(Rss.document("nostore", 1, ""), "ETag: \"n1\"", "Cache-Control: no-store"));
            long id = add("/nostore.rss");
            scheduler.pollDueNow();
            assertNull(feeds.text(id, "etag"));

            pollAfter(Duration.ofMinutes(15));
            assertNull(requests.toArray(RecordedRequest[]::new)[1].getHeaders().get("If-None-Match"));
        }
    }

    @Nested
    class Statuses {

        @Test
        void goneStopsPollingUntilReactivated() {
            int[] status = {410};
            serve(request -> status[0] == 410 ? new MockResponse.Builder().code(410).build()
                    : rss(Rss.document("back", 1, "")));
            long id = add("/gone.rss");

            assertEquals(PollOutcome.Result.GONE, scheduler.pollDueNow().get(0).result());
            assertEquals("gone", feeds.text(id, "state"));
            assertEquals(TestClock.START.atOffset(ZoneOffset.UTC).toLocalDateTime(), feeds.time(id, "gone_at"));
            assertTrue(feeds.text(id, "last_error").contains("410 Gone"));

            assertTrue(pollAfter(Duration.ofDays(30)).isEmpty());
            assertEquals(1, server.getRequestCount());

            status[0] = 200;
            repository.reactivate(id);
            assertEquals(PollOutcome.Result.UPDATED, scheduler.pollDueNow().get(0).result());
            assertEquals("active", feeds.text(id, "state"));
            assertNull(feeds.text(id, "gone_at"));
        }

        @Test
        void switchingAGoneFeedOffAndOnInFeedsYmlBringsItBack() {
            int[] status = {410};
            serve(request -> status[0] == 410 ? new MockResponse.Builder().code(410).build()
                    : rss(Rss.document("toggled", 1, "")));
            long id = add("/toggled.rss");
            scheduler.pollDueNow();

            // What the catalog does for enabled: false, then enabled: true (see CatalogReconciler).
            feeds.execute("UPDATE feed SET enabled = FALSE WHERE id = " + id);
            assertEquals("disabled", feeds.text(id, "state"));
            feeds.execute("UPDATE feed SET next_poll_at = IF(enabled = FALSE AND TRUE, NULL, next_poll_at), "
                    + "enabled = TRUE WHERE id = " + id);
            status[0] = 200;

            assertEquals(PollOutcome.Result.UPDATED, pollAfter(Duration.ofMinutes(1)).get(0).result());
            assertEquals("active", feeds.text(id, "state"));
        }

        @Test
        void retryAfterSecondsIsObeyed() {
            serve(request -> new MockResponse.Builder().code(429).addHeader("Retry-After", "7200").build());
            long id = add("/busy.rss");

            assertEquals(PollOutcome.Result.RATE_LIMITED, scheduler.pollDueNow().get(0).result());
            assertEquals(at(Duration.ofHours(2)), feeds.time(id, "next_poll_at"));
            assertEquals("backing-off", feeds.text(id, "state"));

            assertTrue(pollAfter(Duration.ofMinutes(119)).isEmpty());
            assertEquals(1, pollAfter(Duration.ofMinutes(1)).size());
            assertEquals(2, server.getRequestCount());
        }

        @Test
        void retryAfterAsAnHttpDateIsReadAgainstTheInjectedClock() {
            String inThreeHours = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    TestClock.START.plus(Duration.ofHours(3)).atOffset(ZoneOffset.UTC));
            serve(request -> new MockResponse.Builder().code(503).addHeader("Retry-After", inThreeHours).build());
            long id = add("/maintenance.rss");

            scheduler.pollDueNow();

            assertEquals(at(Duration.ofHours(3)), feeds.time(id, "next_poll_at"));
            assertEquals("503", feeds.text(id, "last_status"));
        }

        @Test
        void failuresBackOffExponentiallyAndASuccessHealsTheRow() {
            int[] calls = {0};
            serve(request -> ++calls[0] <= 2 ? new MockResponse.Builder().code(500).build()
                    : rss(Rss.document("heal", 1, "")));
            long id = add("/flaky.rss");

            scheduler.pollDueNow();
            assertEquals("1", feeds.text(id, "consecutive_failures"));
            assertEquals("the server answered HTTP 500", feeds.text(id, "last_error"));
            assertEquals(at(Duration.ofMinutes(15)), feeds.time(id, "next_poll_at"));
            assertEquals("backing-off", feeds.text(id, "state"));

            pollAfter(Duration.ofMinutes(15));
            assertEquals("2", feeds.text(id, "consecutive_failures"));
            assertEquals(at(Duration.ofMinutes(15 + 30)), feeds.time(id, "next_poll_at"));

            assertTrue(pollAfter(Duration.ofMinutes(29)).isEmpty());
            assertEquals(PollOutcome.Result.UPDATED, pollAfter(Duration.ofMinutes(1)).get(0).result());
            assertEquals("0", feeds.text(id, "consecutive_failures"));
            assertNull(feeds.text(id, "last_error"));
            assertEquals("200", feeds.text(id, "last_status"));
            assertEquals("active", feeds.text(id, "state"));
            assertEquals(at(Duration.ofMinutes(45)), feeds.time(id, "last_success_at"));
            assertEquals(at(Duration.ofMinutes(45)), feeds.time(id, "last_polled_at"));
        }
    }

    @Nested
    class Redirects {

        @Test
        void theThirdIdenticalPermanentRedirectRewritesTheUrl() {
            serve(request -> request.getUrl().encodedPath().equals("/old.rss")
                    ? new MockResponse.Builder().code(301).addHeader("Location", "/new.rss").build()
                    : rss(Rss.document("moved", 1, "")));
            String old = server.url("/old.rss").toString();
            long id = add("/old.rss");

            scheduler.pollDueNow();
            assertEquals(old, feeds.text(id, "url"));
            assertEquals("1", feeds.text(id, "redirect_count"));
            pollAfter(Duration.ofMinutes(15));
            assertEquals(old, feeds.text(id, "url"));
            assertEquals("2", feeds.text(id, "redirect_count"));
            pollAfter(Duration.ofMinutes(15));

            assertEquals(server.url("/new.rss").toString(), feeds.text(id, "url"));
            assertEquals(old, feeds.text(id, "previous_url"));
            assertEquals(at(Duration.ofMinutes(30)), feeds.time(id, "url_changed_at"));

            pollAfter(Duration.ofMinutes(15));
            List<String> paths = requests.stream().map(r -> r.getUrl().encodedPath()).toList();
            assertEquals(List.of("/old.rss", "/new.rss", "/old.rss", "/new.rss", "/old.rss", "/new.rss", "/new.rss"),
                    paths);
        }

        @Test
        void temporaryRedirectsKeepTheUrl() {
            serve(request -> request.getUrl().encodedPath().equals("/here.rss")
                    ? new MockResponse.Builder().code(307).addHeader("Location", "/there.rss").build()
                    : rss(Rss.document("temp", 1, "")));
            long id = add("/here.rss");
            for (int i = 0; i < 4; i++) {
                pollAfter(Duration.ofMinutes(15));
            }
            assertEquals(server.url("/here.rss").toString(), feeds.text(id, "url"));
            assertEquals("0", feeds.text(id, "redirect_count"));
        }
    }

    @Nested
    class Schedule {

        @Test
        void ttlIsAFloorThatA304StillObeys() {
            serve(request -> request.getHeaders().get("If-None-Match") != null
                    ? new MockResponse.Builder().code(304).build()
                    : rss(Rss.document("ttl", 1, "<ttl>120</ttl>"), "ETag: \"t\""));
            long id = add("/ttl.rss");

            scheduler.pollDueNow();
            assertEquals("7200", feeds.text(id, "publisher_interval_seconds"));
            assertEquals(at(Duration.ofHours(2)), feeds.time(id, "next_poll_at"));

            assertEquals(PollOutcome.Result.NOT_MODIFIED, pollAfter(Duration.ofHours(2)).get(0).result());
            assertEquals(at(Duration.ofHours(4)), feeds.time(id, "next_poll_at"));
        }

        @Test
        void syndicationPeriodInAnRss2FeedIsAFloor() {
            serve(request -> rss(Rss.document("sy", 1,
                    "<sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>")));
            long id = add("/sy.rss");
            scheduler.pollDueNow();
            assertEquals(at(Duration.ofHours(6)), feeds.time(id, "next_poll_at"));
        }

        @Test
        void cacheControlMaxAgeIsAFloor() {
            serve(request -> rss(Rss.document("maxage", 1, ""), "Cache-Control: public, max-age=3600"));
            long id = add("/maxage.rss");
            scheduler.pollDueNow();
            assertEquals(at(Duration.ofHours(1)), feeds.time(id, "next_poll_at"));
        }

        @Test
        void skipHoursAndSkipDaysAreRespected() {
            // The clock starts on Wednesday 12:00 GMT: 12:15 and 13:xx are skipped, and so is all of Wednesday.
            serve(request -> rss(Rss.document("skip", 1,
                    "<skipHours><hour>12</hour><hour>13</hour></skipHours><skipDays><day>Wednesday</day></skipDays>")));
            long id = add("/skip.rss");
            scheduler.pollDueNow();
            assertEquals(LocalDateTime.of(2026, 1, 29, 0, 0), feeds.time(id, "next_poll_at"));
            assertEquals("12,13", feeds.text(id, "skip_hours"));
            assertEquals("WEDNESDAY", feeds.text(id, "skip_days"));
        }
    }

    @Test
    void atMostMaxItemsAreTakenFromOneDocument() {
        serve(request -> rss(Rss.document("many", 5, "")));
        add("/many.rss");
        PollOutcome outcome = scheduler.pollDueNow().get(0);
        assertEquals(3, outcome.inserted());
        assertEquals(3, db.count("SELECT COUNT(*) FROM item"));
    }

    @Test
    void aBrokenDocumentLeavesAClearMessageOnItsRow() {
        serve(request -> new MockResponse.Builder().body("<html><body>Not here</body></html>")
                .addHeader("Content-Type", "text/html").build());
        long id = add("/page.html");
        assertEquals(PollOutcome.Result.FAILED, scheduler.pollDueNow().get(0).result());
        assertTrue(feeds.text(id, "last_error").startsWith("not an RSS or Atom feed"), feeds.text(id, "last_error"));
        assertEquals("200", feeds.text(id, "last_status"));
    }

    @Test
    void oneHangingFeedAmongFiftyHealthyOnesLeavesTheFiftyPolledOnTime() throws Exception {
        serve(request -> rss(Rss.document(request.getUrl().encodedPath().substring(1), 1, "")));
        for (int i = 0; i < 50; i++) {
            add("/healthy-" + i + ".rss");
        }
        try (RawSocketServer hanging = RawSocketServer.hanging()) {
            long stuck = feeds.add(hanging.url("/stuck.rss"));

            List<PollOutcome> outcomes = scheduler.pollDueNow();

            assertEquals(51, outcomes.size());
            assertEquals(50, outcomes.stream().filter(o -> o.result() == PollOutcome.Result.UPDATED).count());
            assertEquals(50, db.count("SELECT COUNT(*) FROM feed WHERE last_success_at = '2026-01-28 12:00:00'"));
            assertEquals(50, db.count("SELECT COUNT(*) FROM item"));
            String error = feeds.text(stuck, "last_error");
            assertNotNull(error);
            assertTrue(error.startsWith("no complete answer within the 3 s deadline")
                    || error.startsWith("the server sent nothing for 2 s"), error);
        }
    }

    @Test
    void theSchedulerNeverRunsMoreThanTwoPollsOfOneHostAtOnce() {
        AtomicInteger current = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        serve(request -> {
            most.accumulateAndGet(current.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100);  // a slow publisher, so overlapping polls would show
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                current.decrementAndGet();
            }
            return rss(Rss.document(request.getUrl().encodedPath().substring(1), 1, ""));
        });
        for (int i = 0; i < 8; i++) {
            add("/site-" + i + ".rss");
        }

        List<PollOutcome> outcomes = scheduler.pollDueNow();

        assertEquals(8, outcomes.size());
        assertEquals(8, outcomes.stream().filter(o -> o.result() == PollOutcome.Result.UPDATED).count());
        assertEquals(2, most.get());
    }

    /** The figure: what a second pass over 100 unchanged feeds costs on the wire. */
    @Test
    void aSecondPassOverAHundredUnchangedFeedsIsAHundredBodilessRequests() throws Exception {
        serve(request -> {
            String name = request.getUrl().encodedPath().substring(1);
            String etag = "\"" + name + "\"";
            return etag.equals(request.getHeaders().get("If-None-Match"))
                    ? new MockResponse.Builder().code(304).addHeader("ETag", etag).build()
                    : rss(Rss.document(name, 20, ""), "ETag: " + etag);
        });
        try (CountingProxy proxy = new CountingProxy(server.getSocketAddress())) {
            for (int i = 0; i < 100; i++) {
                feeds.add("http://127.0.0.1:" + proxy.port() + "/feed-" + i + ".rss");
            }
            List<PollOutcome> first = scheduler.pollDueNow();
            assertEquals(100, first.stream().filter(o -> o.result() == PollOutcome.Result.UPDATED).count());
            long firstDown = proxy.bytesToClient();
            long firstUp = proxy.bytesToServer();
            int firstRequests = server.getRequestCount();
            proxy.reset();

            List<PollOutcome> second = pollAfter(Duration.ofMinutes(15));

            int secondRequests = server.getRequestCount() - firstRequests;
            System.out.printf("100 feeds: first pass %d requests, %d bytes down, %d bytes up; "
                            + "second pass %d requests, %d bytes down, %d bytes up, %d new connections, %d items written%n",
                    firstRequests, firstDown, firstUp, secondRequests, proxy.bytesToClient(), proxy.bytesToServer(),
                    proxy.connections(), second.stream().mapToInt(o -> o.inserted() + o.updated()).sum());
            assertEquals(100, second.stream().filter(o -> o.result() == PollOutcome.Result.NOT_MODIFIED).count());
            assertEquals(100, secondRequests);
            assertEquals(300, db.count("SELECT COUNT(*) FROM item"), "3 of 20 items each: max-items is 3 here");
            assertTrue(proxy.bytesToClient() < firstDown / 20, proxy.bytesToClient() + " bytes down");
        }
    }
}
