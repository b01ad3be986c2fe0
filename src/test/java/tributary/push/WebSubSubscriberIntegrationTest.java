package tributary.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.catalog.CatalogLoader;
import tributary.common.HubSignature;
import tributary.poll.PollScheduler;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.FixtureFeedServer.Answer;
import tributary.support.TestClock;

/**
 * Our subscriptions to the hubs sources name, end to end on loopback: a source feed on the fixture server names a
 * test hub (atom:link, JSON Feed hubs, or a Link header); after a poll the hub receives our subscription request,
 * verifies intent against our callback and pushes; the service's public base URL is its own loopback address.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSubSubscriberIntegrationTest implements TestPropertyProvider {

    private static final int CAP = 64 * 1024;

    private final int port = freePort();
    private final String base = "http://127.0.0.1:" + port;
    private final FixtureFeedServer fixtures = new FixtureFeedServer();
    private final HttpClient http = HttpClient.newHttpClient();
    private FeedsYml feedsYml;
    private TestHub hub;

    @Inject
    PollScheduler scheduler;

    @Inject
    CatalogLoader catalog;

    @Inject
    SubscriptionCheck check;

    @Inject
    PushMetrics metrics;

    @Inject
    Subscriber subscriber;

    @Inject
    Database db;

    @Inject
    TestClock clock;

    @Override
    public Map<String, String> getProperties() {
        feedsYml = FeedsYml.write(FeedsYml.EMPTY);
        return feedsYml.properties("micronaut.server.port", Integer.toString(port),
                "tributary.public-base-url", base + "/",
                "tributary.fetch.max-body-bytes", Integer.toString(CAP),
                // Tests call SubscriptionCheck.checkNow() themselves.
                "tributary.websub.check-every", "1h");
    }

    @BeforeEach
    void freshState() {
        db.clear();
        clock.set(TestClock.START);
        fixtures.reset();
        hub = new TestHub(fixtures);
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    /** Lists the one feed at path (answered with answer), polls it, and returns the request its hub received. */
    TestHub.Subscription pollFeedNamingTheHub(String path, Answer answer) throws InterruptedException {
        fixtures.serve(path, request -> answer);
        feedsYml.rewrite(FeedsYml.oneFeed(fixtures.address(path)));
        catalog.reload();
        scheduler.pollDueNow();
        return hub.next();
    }

    static byte[] rss(String links, String... titles) {
        StringBuilder items = new StringBuilder();
        for (String title : titles) {
            String slug = title.toLowerCase().replace(' ', '-');
            items.append("<item><title>").append(title).append("</title><link>https://news.example/").append(slug)
                    .append("</link><guid>https://news.example/").append(slug)
                    .append("</guid><pubDate>Wed, 28 Jan 2026 10:00:00 GMT</pubDate></item>");
        }
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
                + "xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>Source</title>"
                + "<link>https://news.example/</link><description>News</description>" + links + items
                + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
    }

    static String atomLinks(String hubUrl, String self) {
        return "<atom:link rel=\"hub\" href=\"" + hubUrl + "\"/><atom:link rel=\"self\" href=\"" + self + "\"/>";
    }

    static Answer rssAnswer(byte[] body) {
        return new Answer(200, "application/rss+xml; charset=utf-8", body);
    }

    String mergedFeed() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/feeds/thoi-su.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    long minutesToNextPoll() {
        return db.count("SELECT TIMESTAMPDIFF(MINUTE, last_polled_at, next_poll_at) FROM feed");
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AHubNamedByAtomLink {

        final String topic = fixtures.address("/topic/news");
        final String path = "/src/news.rss";

        @Test
        void isSubscribedWithACapabilityCallbackAFreshSecretAndTheLeaseSetting() throws Exception {
            TestHub.Subscription request = pollFeedNamingTheHub(path, rssAnswer(rss(atomLinks(hub.url(), topic),
                    "First story")));

            assertEquals("subscribe", request.mode());
            assertEquals(topic, request.topic(), "the self URL is the topic");
            assertTrue(request.contentType().startsWith("application/x-www-form-urlencoded"), request.contentType());
            assertTrue(request.callback().startsWith(base + "/websub/callback/"), request.callback());
            assertTrue(request.callback().length() - (base + "/websub/callback/").length() >= 43, "unguessable token");
            assertEquals(Long.toString(Duration.ofDays(7).toSeconds()), request.form().get("hub.lease_seconds"));
            assertTrue(request.secret().length() >= 32 && request.secret().getBytes().length < 200);
            assertEquals("requested", db.string("SELECT state FROM source_subscription"));
            assertEquals(15, minutesToNextPoll(), "not yet verified: the feed's own interval");
        }

        @Test
        void answersOnlyTheVerificationItAskedFor() throws Exception {
            TestHub.Subscription request = pollFeedNamingTheHub(path, rssAnswer(rss(atomLinks(hub.url(), topic),
                    "First story")));

            assertEquals(404, hub.verify(request.callback(), "subscribe", topic + "/other", "c1", 3600).statusCode());
            assertEquals(404, hub.verify(request.callback(), "unsubscribe", topic, "c2", 3600).statusCode());
            assertEquals(404, hub.verify(base + "/websub/callback/not-ours", "subscribe", topic, "c3", 3600)
                    .statusCode());
            assertEquals("requested", db.string("SELECT state FROM source_subscription"));

            HttpResponse<String> verified = hub.verify(request.callback(), "subscribe", topic, "challenge-123", 3600);

            assertEquals(200, verified.statusCode());
            assertEquals("challenge-123", verified.body());
            assertTrue(verified.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertEquals("active", db.string("SELECT state FROM source_subscription"));
            assertEquals(3600, db.count("SELECT lease_seconds FROM source_subscription"));
        }

        @Test
        void aSignedPushReachesTheMergedFeedWithoutAPoll() throws Exception {
            TestHub.Subscription request = pollFeedNamingTheHub(path, rssAnswer(rss(atomLinks(hub.url(), topic),
                    "First story")));
            hub.verify(request.callback(), "subscribe", topic, "ok", 3600);
            int polls = fixtures.hitsAt(path);
            assertFalse(mergedFeed().contains("Pushed story"));
            double ingested = metrics.count(PushMetrics.Outcome.INGESTED);
            List<String> titles = new ArrayList<>(List.of("First story"));
            List<Long> answered = new ArrayList<>();
            List<Long> visible = new ArrayList<>();

            for (int i = 1; i <= 5; i++) {
                titles.add("Pushed story " + i);
                byte[] pushed = rss(atomLinks(hub.url(), topic), titles.toArray(String[]::new));
                long started = System.nanoTime();
                HttpResponse<String> answer = hub.push(request.callback(), pushed,
                        "application/rss+xml; charset=utf-8", HubSignature.sign(pushed, request.secret()));
                answered.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                long deadline = started + Duration.ofSeconds(10).toNanos();
                boolean seen = mergedFeed().contains("Pushed story " + i);
                while (!seen && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                    seen = mergedFeed().contains("Pushed story " + i);
                }
                visible.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                assertEquals(202, answer.statusCode());
                assertTrue(seen, "pushed item " + i + " is in /feeds/thoi-su.json");
            }

            assertEquals(polls, fixtures.hitsAt(path), "no poll brought them");
            assertEquals(ingested + 5, metrics.count(PushMetrics.Outcome.INGESTED), 0.0);
            assertEquals(6, db.count("SELECT COUNT(*) FROM item"));
            System.out.println("WebSub push -> merged feed, 5 pushes: hub's POST answered after " + answered
                    + " ms; item in GET /feeds/thoi-su.json after " + visible + " ms");
        }

        @Test
        void badlySignedUnsignedAndOversizedPushesStoreNothing() throws Exception {
            TestHub.Subscription request = pollFeedNamingTheHub(path, rssAnswer(rss(atomLinks(hub.url(), topic),
                    "First story")));
            hub.verify(request.callback(), "subscribe", topic, "ok", 3600);
            byte[] forged = rss("", "First story", "Forged story");
            double bad = metrics.count(PushMetrics.Outcome.BAD_SIGNATURE);
            double large = metrics.count(PushMetrics.Outcome.TOO_LARGE);

            HttpResponse<String> wrong = hub.push(request.callback(), forged, "application/rss+xml",
                    HubSignature.sign(forged, "not-the-secret"));
            HttpResponse<String> unsigned = hub.push(request.callback(), forged, "application/rss+xml", null);
            String[] many = new String[2000];
            for (int i = 0; i < many.length; i++) {
                many[i] = "Story number " + i;
            }
            byte[] oversized = rss("", many);
            assertTrue(oversized.length > CAP);
            HttpResponse<String> tooLarge = hub.push(request.callback(), oversized, "application/rss+xml",
                    HubSignature.sign(oversized, request.secret()));

            assertEquals(202, wrong.statusCode(), "received, as WebSub 8 asks, and ignored");
            assertEquals(202, unsigned.statusCode());
            assertEquals(413, tooLarge.statusCode());
            assertEquals(bad + 2, metrics.count(PushMetrics.Outcome.BAD_SIGNATURE), 0.0);
            assertEquals(large + 1, metrics.count(PushMetrics.Outcome.TOO_LARGE), 0.0);
            assertEquals(1, db.count("SELECT COUNT(*) FROM item"), "only the polled story");
        }

        @Test
        void whileSubscribedTheFeedIsPolledAtTheLongerInterval() throws Exception {
            TestHub.Subscription request = pollFeedNamingTheHub(path, rssAnswer(rss(atomLinks(hub.url(), topic),
                    "First story")));
            hub.verify(request.callback(), "subscribe", topic, "ok", 3600);

            clock.advance(Duration.ofMinutes(15));
            scheduler.pollDueNow();

            assertEquals(60, minutesToNextPoll(), "tributary.websub.poll-interval-while-subscribed");
            assertTrue(hub.idle(), "an unchanged document asks for nothing new");

            clock.advance(Duration.ofMinutes(60));
            scheduler.pollDueNow();
            assertEquals(15, minutesToNextPoll(), "the lease ended unrenewed: polled as before");
        }

        @Test
        void theLeaseIsRenewedBeforeItEnds() throws Exception {
            TestHub.Subscription request = pollFeedNamingTheHub(path, rssAnswer(rss(atomLinks(hub.url(), topic),
                    "First story")));
            hub.verify(request.callback(), "subscribe", topic, "ok", 3600);

            clock.advance(Duration.ofMinutes(47));
            check.checkNow();
            assertTrue(hub.idle(), "80 % of the lease has not passed");
            clock.advance(Duration.ofMinutes(2));
            check.checkNow();

            TestHub.Subscription renewal = hub.next();
            assertEquals("subscribe", renewal.mode());
            assertEquals(topic, renewal.topic());
            assertFalse(renewal.callback().equals(request.callback()), "a new callback for the renewal");
            assertFalse(renewal.secret().equals(request.secret()), "and a new secret");
            byte[] meanwhile = rss("", "First story", "Meanwhile story");
            assertEquals(202, hub.push(request.callback(), meanwhile, "application/rss+xml",
                    HubSignature.sign(meanwhile, request.secret())).statusCode(), "the old callback works until then");
            assertEquals(404, hub.verify(renewal.callback(), "unsubscribe", topic, "x", 3600).statusCode());
            assertEquals("r", hub.verify(renewal.callback(), "subscribe", topic, "r", 3600).body());
            byte[] late = rss("", "Late story");
            assertEquals(404, hub.push(request.callback(), late, "application/rss+xml",
                    HubSignature.sign(late, request.secret())).statusCode(), "the old callback is forgotten");
            assertEquals(202, hub.push(renewal.callback(), late, "application/rss+xml",
                    HubSignature.sign(late, renewal.secret())).statusCode());
            assertEquals(3, db.count("SELECT COUNT(*) FROM item"));
            // Verified at START + 49 min for 3600 s.
            assertEquals("2026-01-28 13:49",
                    db.string("SELECT DATE_FORMAT(lease_until, '%Y-%m-%d %H:%i') FROM source_subscription"));
        }

        @Test
        void aRemovedFeedIsUnsubscribed() throws Exception {
            TestHub.Subscription request = pollFeedNamingTheHub(path, rssAnswer(rss(atomLinks(hub.url(), topic),
                    "First story")));
            hub.verify(request.callback(), "subscribe", topic, "ok", 3600);

            feedsYml.rewrite(FeedsYml.oneFeed(fixtures.address(path)) + "    enabled: false\n");
            catalog.reload();
            check.checkNow();

            TestHub.Subscription unsubscribe = hub.next();
            assertEquals("unsubscribe", unsubscribe.mode());
            assertEquals(topic, unsubscribe.topic());
            assertEquals(request.callback(), unsubscribe.callback());
            assertEquals("bye", hub.verify(unsubscribe.callback(), "unsubscribe", topic, "bye", 0).body());
            assertEquals(0, db.count("SELECT COUNT(*) FROM source_subscription"));
            byte[] late = rss("", "Late story");
            assertEquals(404, hub.push(request.callback(), late, "application/rss+xml",
                    HubSignature.sign(late, request.secret())).statusCode());
        }

        @Test
        void aDenialMarksTheSubscriptionFailed() throws Exception {
            TestHub.Subscription request = pollFeedNamingTheHub(path, rssAnswer(rss(atomLinks(hub.url(), topic),
                    "First story")));

            assertEquals(200, hub.verify(request.callback(), "denied", topic, "", 0).statusCode());

            assertEquals("failed", db.string("SELECT state FROM source_subscription"));
            assertTrue(db.string("SELECT last_error FROM source_subscription").contains("denied"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SeveralInstances {

        /** Runs the action on eight threads at once, as eight instances sharing the database would. */
        void atOnce(Runnable action) throws Exception {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(threads.submit(() -> {
                    start.await();
                    action.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(20, TimeUnit.SECONDS);
            }
            threads.shutdown();
        }

        @Test
        void subscribeOnceForAFeedDiscoveredByAll() throws Exception {
            feedsYml.rewrite(FeedsYml.oneFeed(fixtures.address("/src/shared.rss")));
            catalog.reload();
            long feedId = db.count("SELECT id FROM feed");

            atOnce(() -> subscriber.discovered(feedId, hub.url(), fixtures.address("/topic/shared")));

            assertEquals("subscribe", hub.next().mode());
            Thread.sleep(300);
            assertTrue(hub.idle(), "one request for eight discoveries");
            assertEquals(1, db.count("SELECT COUNT(*) FROM source_subscription"));
        }

        @Test
        void renewOnceWhenAllCheckAtTheSameTime() throws Exception {
            String topic = fixtures.address("/topic/news");
            TestHub.Subscription request = pollFeedNamingTheHub("/src/news.rss",
                    rssAnswer(rss(atomLinks(hub.url(), topic), "First story")));
            hub.verify(request.callback(), "subscribe", topic, "ok", 3600);
            clock.advance(Duration.ofMinutes(50));

            atOnce(check::checkNow);

            assertEquals("subscribe", hub.next().mode());
            assertTrue(hub.idle(), "one renewal for eight checks");
        }
    }

    @Test
    void aJsonFeedHubIsSubscribedWithItsFeedUrlAsTopic() throws Exception {
        String feedUrl = fixtures.address("/topic/world.json");
        byte[] json = ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"World\",\"feed_url\":\""
                + feedUrl + "\",\"hubs\":[{\"type\":\"rssCloud\",\"url\":\"http://cloud.example/\"},"
                + "{\"type\":\"WebSub\",\"url\":\"" + hub.url() + "\"}],\"items\":[{\"id\":\"1\",\"title\":\"One\","
                + "\"url\":\"https://world.example/1\",\"content_text\":\"x\"}]}").getBytes(StandardCharsets.UTF_8);

        TestHub.Subscription request = pollFeedNamingTheHub("/src/world.json",
                new Answer(200, "application/feed+json", json));

        assertEquals("subscribe", request.mode());
        assertEquals(feedUrl, request.topic());
    }

    @Test
    void aLinkHeaderHubComesBeforeTheDocumentsLinks() throws Exception {
        String topic = fixtures.address("/topic/header");
        Answer answer = rssAnswer(rss(atomLinks(fixtures.address("/other-hub"), fixtures.address("/x")), "One"))
                .withHeader("Link", "<" + hub.url() + ">; rel=\"hub\", <" + topic + ">; rel=\"self\"");

        TestHub.Subscription request = pollFeedNamingTheHub("/src/header.rss", answer);

        assertEquals(topic, request.topic());
        assertEquals(0, fixtures.hitsAt("/other-hub"));
    }

    @Test
    void aFeedWithoutSelfLinkIsItsOwnTopic() throws Exception {
        Answer answer = rssAnswer(rss("<atom:link rel=\"hub\" href=\"" + hub.url() + "\"/>", "One"));

        TestHub.Subscription request = pollFeedNamingTheHub("/src/plain.rss", answer);

        assertEquals(fixtures.address("/src/plain.rss"), request.topic());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
