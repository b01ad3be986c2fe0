package tributary.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.catalog.CatalogEditor;
import tributary.catalog.CatalogLoader;
import tributary.publish.PeerChangeWatcher;
import tributary.store.CatalogRevisions;
import tributary.store.FeedClaims;
import tributary.store.FeedRow;
import tributary.store.UtcTimes;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * Several instances on one MariaDB, each an application context with its own HTTP server, connection pool,
 * scheduler and clock (all set to the same simulated time, which the test moves; the instances race for real).
 * 300 feeds of a 1-minute interval for 3 simulated minutes: each feed fetched once per interval, no item stored twice,
 * and an instance that dies holding claims delays its feeds by at most one lease. Also: render caches learn of other
 * instances' items and catalog edits, and feeds.yml reconciled by every instance at once ends as the file says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceIntegrationTest {

    private static final int FEEDS = 300;
    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofSeconds(5);

    /** One fetch the fixture server answered: test, feed number, simulated second, whether held at the gate. */
    private record Fetch(String tag, int feed, long second, boolean held) {
    }

    private StandaloneMariaDb mariadb;
    private FixtureFeedServer source;
    private final AtomicReference<Instant> simulated = new AtomicReference<>(TestClock.START);
    private final List<Fetch> fetches = new CopyOnWriteArrayList<>();
    /** While set, every request waits on it: the requests of the instance about to die. */
    private volatile CountDownLatch gate;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws IOException {
        mariadb = new StandaloneMariaDb("instances-db");
        source = new FixtureFeedServer();
        source.serveUnder("/f/", request -> {
            String name = request.path().substring(3).replace(".rss", "");
            int feed = Integer.parseInt(name);
            Instant now = simulated.get();
            long second = Duration.between(TestClock.START, now).toSeconds();
            CountDownLatch held = gate;
            fetches.add(new Fetch(request.query(), feed, second, held != null));
            if (held != null) {
                try {
                    held.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // A new item every simulated minute; the document keeps the last five.
            int minute = (int) (second / 60);
            byte[] body = rss(feed, Math.max(1, minute - 3), minute + 1);
            return new FixtureFeedServer.Answer(200, "application/rss+xml; charset=utf-8", body);
        });
    }

    @AfterAll
    void stop() throws Exception {
        source.close();
        mariadb.close();
    }

    @Test
    void threeInstancesPollEachFeedOncePerIntervalAndADeadInstanceDelaysItsFeedsByOneLeaseAtMost() throws Exception {
        String database = "instances_poll";
        Path feedsFile = feedsFile(FEEDS, 3, "poll");
        List<EmbeddedServer> live = new ArrayList<>(startAll(database, feedsFile, "a", "b", "c"));
        EmbeddedServer dying = live.get(2);
        Map<String, Integer> polledBy = new TreeMap<>();
        List<Long> lostFeeds = new ArrayList<>();
        long heldFeed = 0;
        try {
            for (Duration t = Duration.ZERO; t.compareTo(Duration.ofMinutes(3)) <= 0; t = t.plus(STEP)) {
                setTime(live, TestClock.START.plus(t));
                if (t.equals(Duration.ofMinutes(2))) {
                    // Instance c claims its share of the due feeds and dies while fetching them: its pool is closed
                    // first (its connections vanish, as with a killed process), then its context; nothing it
                    // claimed can be written or given back, so those leases must lapse on their own.
                    gate = new CountDownLatch(1);
                    List<?> claimedByDying = dying.getApplicationContext().getBean(PollScheduler.class).dispatchDue();
                    assertTrue(!claimedByDying.isEmpty(), "the instance about to die claimed feeds");
                    DatabaseOutageIntegrationTest.await(Duration.ofSeconds(30),
                            () -> fetches.stream().filter(Fetch::held).count() == claimedByDying.size(),
                            "the dying instance's fetches reach the server");
                    fetches.stream().filter(Fetch::held).forEach(f -> lostFeeds.add((long) f.feed()));
                    dying.getApplicationContext().getBean(DataSource.class).unwrap(HikariDataSource.class).close();
                    dying.close();
                    live.remove(dying);
                    CountDownLatch open = gate;
                    gate = null;
                    open.countDown();
                    assertEquals(claimedByDying.size(), count(database,
                            "SELECT COUNT(*) FROM feed WHERE lease_owner = 'c'"), "its leases are still in the rows");
                    long held = count(database, "SELECT MIN(id) FROM feed WHERE lease_owner = 'c'");
                    assertTrue(admin(live.get(0), "/admin/feeds/" + held).contains("\"polled_by\":\"c\""),
                            "another instance's admin API shows who holds the feed");
                    heldFeed = held;
                }
                if (t.equals(Duration.ofMinutes(2).plus(LEASE)) && heldFeed > 0) {
                    assertTrue(!admin(live.get(0), "/admin/feeds/" + heldFeed).contains("polled_by"),
                            "a lapsed lease is nobody's poll");
                }
                pollEverywhere(live, polledBy);
            }
        } finally {
            gate = null;
            for (EmbeddedServer server : live) {
                server.close();
            }
        }

        // Each feed's answered fetches, in simulated seconds.
        Map<Integer, List<Long>> answered = new TreeMap<>();
        for (Fetch fetch : fetches) {
            if (!fetch.held() && fetch.tag().equals("t=poll")) {
                answered.computeIfAbsent(fetch.feed(), f -> new ArrayList<>()).add(fetch.second());
            }
        }
        assertEquals(FEEDS, answered.size(), "every feed was fetched");
        long intervalSeconds = INTERVAL.toSeconds();
        long worstGap = 0;
        for (Map.Entry<Integer, List<Long>> feed : answered.entrySet()) {
            List<Long> times = feed.getValue();
            Collections.sort(times);
            // Once per interval (±1) over 3 minutes: the polls at 0, 1, 2 and 3 minutes, one fewer for a feed whose
            // poll at 2 minutes died with its instance.
            assertTrue(times.size() >= 3 && times.size() <= 4, "feed " + feed.getKey() + " fetched at " + times);
            for (int i = 1; i < times.size(); i++) {
                long gap = times.get(i) - times.get(i - 1);
                assertTrue(gap >= intervalSeconds, "feed " + feed.getKey() + " fetched twice within an interval: "
                        + times);
                assertTrue(gap <= intervalSeconds + LEASE.toSeconds() + STEP.toSeconds(),
                        "feed " + feed.getKey() + " waited more than one lease beyond its interval: " + times);
                worstGap = Math.max(worstGap, gap);
            }
        }
        for (long lost : lostFeeds) {
            List<Long> times = answered.get((int) lost);
            assertTrue(times.contains(120L + LEASE.toSeconds()), "feed " + lost + ", claimed by the dead instance,"
                    + " is polled by another when the lease ends: " + times);
        }

        // Items: each feed holds one item per simulated minute it was polled in, once.
        long expected = 0;
        for (List<Long> times : answered.values()) {
            expected += times.stream().mapToLong(s -> s / 60 + 1).max().orElse(0);
        }
        assertEquals(expected, count(database, "SELECT COUNT(*) FROM item"));
        assertEquals(expected, count(database, "SELECT COUNT(DISTINCT feed_id, guid) FROM item"));
        assertEquals(expected, count(database, "SELECT COUNT(DISTINCT story_hash) FROM item"));
        assertEquals(0, count(database, "SELECT COUNT(*) FROM feed WHERE lease_owner IS NOT NULL"));
        assertTrue(polledBy.getOrDefault("a", 0) > 0 && polledBy.getOrDefault("b", 0) > 0
                && polledBy.getOrDefault("c", 0) > 0, "every instance took part: " + polledBy);
        System.out.printf("MEASURED instances: %d feeds, polls by instance %s, %d fetches answered, %d lost with the"
                        + " dead instance (feeds %s), worst gap between fetches of a feed %d s (interval %d s, lease"
                        + " %d s), %d items, none twice%n", FEEDS, polledBy,
                answered.values().stream().mapToInt(List::size).sum(), lostFeeds.size(), lostFeeds, worstGap,
                intervalSeconds, LEASE.toSeconds(), expected);
    }

    @Test
    void renderCachesLearnOfOtherInstancesItemsAndCatalogEdits() throws Exception {
        String database = "instances_cache";
        Path feedsFile = feedsFile(30, 3, "cache");
        List<EmbeddedServer> servers = startAll(database, feedsFile, "a", "b");
        EmbeddedServer a = servers.get(0);
        EmbeddedServer b = servers.get(1);
        try {
            setTime(servers, TestClock.START);
            a.getApplicationContext().getBean(PollScheduler.class).pollDueNow();
            b.getApplicationContext().getBean(PeerChangeWatcher.class).checkNow();
            assertEquals(10, itemsIn(get(b, "/feeds/g0.json?limit=500")), "b serves what a stored");

            // a stores a second item of every feed; b's page stays cached until b looks at the database.
            setTime(servers, TestClock.START.plus(INTERVAL));
            assertEquals(30, a.getApplicationContext().getBean(PollScheduler.class).pollDueNow().size());
            assertEquals(10, itemsIn(get(b, "/feeds/g0.json?limit=500")), "b's cached page, before it looks");
            int changed = b.getApplicationContext().getBean(PeerChangeWatcher.class).checkNow();
            assertEquals(30, changed, "b finds the 30 feeds a changed");
            assertEquals(20, itemsIn(get(b, "/feeds/g0.json?limit=500")), "b's page after one look");
            assertEquals(0, b.getApplicationContext().getBean(PeerChangeWatcher.class).checkNow(),
                    "nothing changed since");
            // A change stamped before b's last look but committed after it (a slow commit) is still found.
            execute(database, "UPDATE feed SET content_changed_at = UTC_TIMESTAMP(3) - INTERVAL 30 SECOND"
                    + " ORDER BY id LIMIT 1");
            assertEquals(1, b.getApplicationContext().getBean(PeerChangeWatcher.class).checkNow(), "the late commit");

            // A catalog edit made through a reaches b's pages at b's next look.
            assertTrue(get(b, "/feeds/g0.json").contains("Group 0"), "the category's title");
            a.getApplicationContext().getBean(CatalogEditor.class).updateCategory("g0", "Nhóm đầu tiên", null, null);
            assertTrue(get(b, "/feeds/g0.json").contains("Group 0"), "b's cached page, before it looks");
            assertEquals(-1, b.getApplicationContext().getBean(PeerChangeWatcher.class).checkNow(), "every page dropped");
            String after = get(b, "/feeds/g0.json");
            assertTrue(after.contains("Nhóm đầu tiên") && !after.contains("Group 0"), after);
        } finally {
            for (EmbeddedServer server : servers) {
                server.close();
            }
        }
    }

    @Test
    void feedsYmlReconciledByEveryInstanceAtOnceEndsAsTheFileSays() throws Exception {
        String database = "instances_catalog";
        Path feedsFile = feedsFile(FEEDS, 3, "catalog");
        // Three instances start at once on an empty database: migrations and start-up reconciles race.
        List<EmbeddedServer> servers = startAll(database, feedsFile, "a", "b", "c");
        try {
            assertCatalog(database, FEEDS, 3);
            // The file changes under all three; each reloads it at the same moment.
            StringBuilder edited = new StringBuilder(Files.readString(feedsFile)
                    .replaceAll("(?m)^  - url: \\S+/f/1[0-9]\\.rss\\?t=catalog\\n    categories: \\[g\\d]\\n    interval: 1m\\n", ""));
            for (int i = FEEDS; i < FEEDS + 25; i++) {
                edited.append("  - url: ").append(url(i, "catalog")).append("\n    categories: [g3]\n")
                        .append("    interval: 1m\n");
            }
            edited.insert(edited.indexOf("feeds:"), "  - slug: g3\n    title: Group 3\n");
            Files.writeString(feedsFile, edited);
            ExecutorService pool = Executors.newFixedThreadPool(servers.size());
            List<Future<?>> reloads = new ArrayList<>();
            for (EmbeddedServer server : servers) {
                reloads.add(pool.submit(() -> server.getApplicationContext().getBean(CatalogLoader.class).reload()));
            }
            for (Future<?> reload : reloads) {
                reload.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertCatalog(database, FEEDS - 10 + 25, 4);
            assertEquals(10, count(database, "SELECT COUNT(*) FROM feed WHERE deleted_at IS NOT NULL"));
            for (EmbeddedServer server : servers) {
                CatalogLoader loader = server.getApplicationContext().getBean(CatalogLoader.class);
                assertTrue(loader.lastProblem().isEmpty(), loader.lastProblem().orElse(""));
                assertEquals(loader.lastReadHash(), server.getApplicationContext().getBean(CatalogRevisions.class)
                        .current().fileHash(), "the file in force is this instance's");
            }
        } finally {
            for (EmbeddedServer server : servers) {
                server.close();
            }
        }
    }

    @Test
    void aClaimPassesOverRowsAnotherInstanceIsClaimingInsteadOfWaitingForThem() throws Exception {
        String database = "instances_skip";
        Path feedsFile = feedsFile(5, 1, "skip");
        List<EmbeddedServer> servers = startAll(database, feedsFile, "a");
        try (Connection other = DriverManager.getConnection(mariadb.jdbcUrl(database), "root", "")) {
            FeedClaims claims = servers.get(0).getApplicationContext().getBean(FeedClaims.class);
            LocalDateTime now = UtcTimes.toColumn(TestClock.START);
            LocalDateTime until = UtcTimes.toColumn(TestClock.START.plus(LEASE));
            // Another instance is in the middle of its claim: it holds the first due row's lock.
            other.setAutoCommit(false);
            long held;
            try (Statement st = other.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT id FROM feed ORDER BY id LIMIT 1 FOR UPDATE")) {
                rs.next();
                held = rs.getLong(1);
            }
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<List<FeedRow>> first = pool.submit(() -> claims.claim("a", now, until, 10, feed -> true));
            // innodb_lock_wait_timeout is 50 s: a claim that waited for the lock would not answer within 10.
            List<FeedRow> taken = first.get(10, TimeUnit.SECONDS);
            assertEquals(4, taken.size());
            assertTrue(taken.stream().noneMatch(f -> f.id() == held), "the locked row is passed over");
            other.rollback();
            List<FeedRow> rest = pool.submit(() -> claims.claim("a", now, until, 10, feed -> true))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(List.of(held), rest.stream().map(FeedRow::id).toList(), "leased rows are not due");
            pool.shutdown();
            assertEquals(5, count(database, "SELECT COUNT(*) FROM feed WHERE lease_owner = 'a'"));
            assertTrue(claims.release(held, "a", until), "a lease whose poll recorded nothing is given back");
            assertTrue(!claims.release(held, "a", until), "only once");
            assertEquals(List.of(held), claims.claim("b", now, until, 10, feed -> true).stream().map(FeedRow::id)
                    .toList(), "due again at once");
        } finally {
            for (EmbeddedServer server : servers) {
                server.close();
            }
        }
    }

    private void assertCatalog(String database, int feeds, int categories) {
        assertEquals(feeds, count(database, "SELECT COUNT(*) FROM feed WHERE deleted_at IS NULL"));
        assertEquals(categories, count(database, "SELECT COUNT(*) FROM category"));
        assertEquals(feeds, count(database, "SELECT COUNT(*) FROM feed_category fc JOIN feed f ON f.id = fc.feed_id"
                + " WHERE f.deleted_at IS NULL"));
        assertEquals(0, count(database, "SELECT COUNT(*) FROM (SELECT url_hash FROM feed GROUP BY url_hash"
                + " HAVING COUNT(*) > 1) d"), "no feed twice");
    }

    /** Starts the instances at the same time, as a deployment would. */
    private List<EmbeddedServer> startAll(String database, Path feedsFile, String... names) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(names.length);
        try {
            List<Future<EmbeddedServer>> starting = new ArrayList<>();
            for (String name : names) {
                Callable<EmbeddedServer> start = () -> ApplicationContext.run(EmbeddedServer.class,
                        properties(database, feedsFile, name), "test");
                starting.add(pool.submit(start));
            }
            List<EmbeddedServer> servers = new ArrayList<>();
            for (Future<EmbeddedServer> server : starting) {
                servers.add(server.get(120, TimeUnit.SECONDS));
            }
            return servers;
        } finally {
            pool.shutdown();
        }
    }

    private Map<String, Object> properties(String database, Path feedsFile, String name) {
        Map<String, Object> properties = new TreeMap<>();
        properties.put("datasources.default.url", mariadb.jdbcUrl(database));
        properties.put("datasources.default.username", "root");
        properties.put("datasources.default.password", "");
        properties.put("datasources.default.maximum-pool-size", "10");
        properties.put("tributary.feeds-file", feedsFile.toString());
        properties.put("tributary.instance-id", name);
        properties.put("tributary.admin-token", "instances-token");
        properties.put("tributary.poll.lease", LEASE.toSeconds() + "s");
        properties.put("tributary.poll.workers", "8");
        properties.put("tributary.poll.shutdown-grace", "1s");
        // Every fixture feed is on 127.0.0.1; real fleets spread over many hosts.
        properties.put("tributary.fetch.max-per-host", "8");
        return properties;
    }

    private void setTime(List<EmbeddedServer> servers, Instant now) {
        simulated.set(now);
        for (EmbeddedServer server : servers) {
            server.getApplicationContext().getBean(TestClock.class).set(now);
        }
    }

    /** Every live instance looks for due feeds at the same moment and polls what it wins. */
    private void pollEverywhere(List<EmbeddedServer> servers, Map<String, Integer> polledBy) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(servers.size());
        try {
            Map<String, Future<List<PollOutcome>>> running = new ConcurrentHashMap<>();
            for (EmbeddedServer server : servers) {
                String name = server.getApplicationContext().getProperty("tributary.instance-id", String.class)
                        .orElseThrow();
                running.put(name, pool.submit(() -> server.getApplicationContext().getBean(PollScheduler.class)
                        .pollDueNow()));
            }
            for (Map.Entry<String, Future<List<PollOutcome>>> outcome : running.entrySet()) {
                List<PollOutcome> outcomes = outcome.getValue().get(120, TimeUnit.SECONDS);
                for (PollOutcome polled : outcomes) {
                    assertTrue(polled.result() == PollOutcome.Result.UPDATED
                            || polled.result() == PollOutcome.Result.NOT_MODIFIED, polled.toString());
                }
                polledBy.merge(outcome.getKey(), outcomes.size(), Integer::sum);
            }
        } finally {
            pool.shutdown();
        }
    }

    private Path feedsFile(int feeds, int groups, String tag) throws IOException {
        StringBuilder yaml = new StringBuilder("categories:\n");
        for (int g = 0; g < groups; g++) {
            yaml.append("  - slug: g").append(g).append("\n    title: Group ").append(g).append('\n');
        }
        yaml.append("feeds:\n");
        for (int i = 0; i < feeds; i++) {
            yaml.append("  - url: ").append(url(i, tag)).append("\n    categories: [g").append(i % groups)
                    .append("]\n    interval: 1m\n");
        }
        return FeedsYml.at(Files.createTempFile(Files.createDirectories(Path.of("target")), "instances-", ".yml"), yaml)
                .path();
    }

    private String url(int feed, String tag) {
        // The tag keeps each test's feeds apart in the fetch log (query strings are not part of the path).
        return source.address("/f/" + feed + ".rss?t=" + tag);
    }

    /** Feed n's items from..to; titles and links differ from feed to feed, so no two feeds share a story. */
    private static byte[] rss(int feed, int from, int to) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\">"
                + "<channel><title>Nguồn ").append(feed).append("</title><link>https://site").append(feed)
                .append(".example/</link><description>Tin theo phút</description>\n");
        for (int i = to; i >= from; i--) {
            xml.append("<item><guid>https://site").append(feed).append(".example/").append(i).append("</guid><title>Tin ")
                    .append(i).append(" của nguồn ").append(feed).append("</title><link>https://site").append(feed)
                    .append(".example/").append(i).append(".html</link><description>Bài thứ ").append(i)
                    .append("</description><pubDate>")
                    .append(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            TestClock.START.plus(Duration.ofMinutes(i - 1)).atOffset(java.time.ZoneOffset.UTC)))
                    .append("</pubDate></item>\n");
        }
        return xml.append("</channel></rss>\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private String get(EmbeddedServer server, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.getPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private String admin(EmbeddedServer server, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.getPort() + path)).header("Authorization", "Bearer instances-token").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static int itemsIn(String jsonFeed) {
        int count = 0;
        for (int at = jsonFeed.indexOf("\"id\":\"urn:tributary:story:"); at >= 0;
             at = jsonFeed.indexOf("\"id\":\"urn:tributary:story:", at + 1)) {
            count++;
        }
        return count;
    }

    private void execute(String database, String sql) {
        try (Connection c = DriverManager.getConnection(mariadb.jdbcUrl(database), "root", "");
             Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql + ": " + e, e);
        }
    }

    private long count(String database, String sql) {
        try (Connection c = DriverManager.getConnection(mariadb.jdbcUrl(database), "root", "");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(sql + ": " + e, e);
        }
    }
}
