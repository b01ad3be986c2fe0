package tributary.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.catalog.CatalogLoader;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;

/** A feed's `zone:` in feeds.yml decides how its zoneless dates are read. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedZoneIntegrationTest implements TestPropertyProvider {

    private final FixtureFeedServer fixtures = new FixtureFeedServer();

    @Inject
    PollScheduler scheduler;

    @Inject
    CatalogLoader catalog;

    @Inject
    Database db;

    @Override
    public Map<String, String> getProperties() {
        // The same document under two URLs: one feed names its zone, the other falls back to the default (UTC).
        return FeedsYml.write("""
                feeds:
                  - url: %s?plain
                  - url: %s?hanoi
                    zone: Asia/Ho_Chi_Minh
                """.formatted(fixtures.url("zoneless.rss"), fixtures.url("zoneless.rss")))
                .properties();
    }

    @AfterAll
    void stop() {
        fixtures.close();
    }

    @Test
    void zonelessDatesAreReadInTheFeedsZone() {
        db.clear();
        catalog.reload();
        scheduler.pollDueNow();

        assertEquals("2026-01-28 14:30:00.000", db.string(
                "SELECT published_at FROM item i JOIN feed f ON f.id = i.feed_id WHERE f.url LIKE '%?plain'"));
        assertEquals("2026-01-28 07:30:00.000", db.string(
                "SELECT published_at FROM item i JOIN feed f ON f.id = i.feed_id WHERE f.url LIKE '%?hanoi'"));
        assertEquals("Asia/Ho_Chi_Minh", db.string("SELECT zone FROM feed WHERE url LIKE '%?hanoi'"));
    }
}
