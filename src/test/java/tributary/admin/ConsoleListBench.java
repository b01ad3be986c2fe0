package tributary.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.support.Database;
import tributary.support.FeedsYml;

/**
 * Not part of the suite (no *Test name): times the console's list at 10,000 feeds, 20 items and 30 polls each, on the
 * real MariaDB, over HTTP. Run: ./mvnw -o -B test -Dtest=ConsoleListBench -Dsurefire.failIfNoSpecifiedTests=false
 * (-Dbench.feeds=… changes the size). Prints the median and slowest of 7 answers per query; asserts no timing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleListBench implements TestPropertyProvider {

    private static final int FEEDS = Integer.getInteger("bench.feeds", 10_000);

    @Inject
    EmbeddedServer server;

    @Inject
    Database db;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties("tributary.admin-token", AdminApiIntegrationTest.TOKEN);
    }

    @Test
    void timeTheListAtTenThousandFeeds() throws Exception {
        db.clear();
        long started = System.nanoTime();
        db.update("""
                INSERT INTO category (slug, title, origin, position, created_at)
                SELECT CONCAT('muc-', seq), CONCAT('Mục ', seq), 'api', seq, UTC_TIMESTAMP(3) FROM seq_1_to_10""");
        db.update("""
                INSERT INTO feed (url, url_hash, title, origin, created_at, enabled, consecutive_failures, last_error,
                  last_error_at, last_polled_at, last_success_at, last_status, next_poll_at)
                SELECT CONCAT('https://bao', seq, '.example.vn/rss/thoi-su.rss'),
                  SHA2(CONCAT('https://bao', seq, '.example.vn/rss/thoi-su.rss'), 256),
                  CONCAT('Báo số ', seq, ' – Thời sự'), 'api', UTC_TIMESTAMP(3), seq % 50 <> 0, seq % 7 = 0,
                  IF(seq % 7 = 0, 'the server answered HTTP 500', NULL),
                  IF(seq % 7 = 0, UTC_TIMESTAMP(3) - INTERVAL seq SECOND, NULL),
                  UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 200, UTC_TIMESTAMP(3) + INTERVAL 15 MINUTE
                FROM seq_1_to_FEEDS""".replace("FEEDS", String.valueOf(FEEDS)));
        db.update("""
                INSERT INTO feed_category (feed_id, category_id)
                SELECT f.id, c.id FROM feed f JOIN category c ON c.position = 1 + f.id % 10""");
        db.update("""
                INSERT INTO item (feed_id, identity_hash, story_hash, content_hash, title, published_at, first_seen_at)
                SELECT f.id, SHA2(CONCAT(f.id, '-', s.seq), 256), SHA2(CONCAT('s', f.id, '-', s.seq), 256),
                  SHA2(CONCAT('c', f.id, '-', s.seq), 256), CONCAT('Tin ', s.seq),
                  UTC_TIMESTAMP(3) - INTERVAL (s.seq * 11) HOUR, UTC_TIMESTAMP(3)
                FROM feed f JOIN seq_1_to_20 s""");
        db.update("""
                INSERT INTO poll_history (feed_id, started_at, outcome, http_status, duration_ms, items_new)
                SELECT f.id, UTC_TIMESTAMP(3) - INTERVAL (s.seq * 15) MINUTE,
                  ELT(1 + (f.id + s.seq) % 4, 'ok', 'not-modified', 'not-modified', 'error'), 200, 100 + s.seq, 1
                FROM feed f JOIN seq_1_to_30 s""");
        System.out.printf("%nloaded %d feeds, %d items, %d polls in %.1f s%n", db.count("SELECT COUNT(*) FROM feed"),
                db.count("SELECT COUNT(*) FROM item"), db.count("SELECT COUNT(*) FROM poll_history"),
                (System.nanoTime() - started) / 1e9);

        AdminHttp admin = new AdminHttp(server.getURL().toString(), AdminApiIntegrationTest.TOKEN);
        List<String> queries = List.of("/admin/feeds/search", "/admin/feeds/search?q=b%C3%A1o%20s%E1%BB%91%2099",
                "/admin/feeds/search?state=backing-off&sort=last-error", "/admin/feeds/search?category=muc-3&sort=title",
                "/admin/feeds/search?sort=items", "/admin/feeds/search?page=100&size=100", "/admin/summary");
        System.out.println("| request | median ms | slowest ms |");
        System.out.println("|---|---|---|");
        for (String query : queries) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long t = System.nanoTime();
                HttpResponse<String> answer = admin.get(query);
                double ms = (System.nanoTime() - t) / 1e6;
                assertEquals(200, answer.statusCode(), answer.body());
                if (i >= 3) {
                    times.add(ms);
                }
            }
            Collections.sort(times);
            System.out.printf("| `GET %s` | %.0f | %.0f |%n", query, times.get(times.size() / 2),
                    times.get(times.size() - 1));
        }
        db.clear();
    }
}
