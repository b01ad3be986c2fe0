package tributary.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;

/**
 * The running scheduler keeps its workers busy while feeds are due: with one look an hour, more due feeds than one
 * look can start are still all polled at once, each finished poll looking for the next.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerThroughputIntegrationTest implements TestPropertyProvider {

    private static final int FEEDS = 60;

    private final FixtureFeedServer fixtures = new FixtureFeedServer();

    @Inject
    Database db;

    @Override
    public Map<String, String> getProperties() {
        StringBuilder yaml = new StringBuilder("feeds:\n");
        for (int i = 0; i < FEEDS; i++) {
            yaml.append("  - url: ").append(fixtures.url("world.json")).append("?n=").append(i).append('\n');
        }
        try {
            return FeedsYml.write(yaml).properties("tributary.poll.scheduler-enabled", "true",
                    "tributary.poll.tick", "1h", "tributary.poll.workers", "2",
                    // A fresh database: feeds polled by an earlier run would count without being polled now.
                    "tributary.embedded-db.data-dir", Files.createTempDirectory(Path.of("target"), "throughput-")
                            .resolve("mariadb").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    void stop() {
        fixtures.close();
    }

    @Test
    void everyDueFeedIsPolledWithoutWaitingForTheNextTick() throws Exception {
        // The first look starts at most workers × 4 = 8 polls; the tick is an hour away.
        long deadline = System.nanoTime() + 60_000_000_000L;
        long polled = 0;
        while (polled < FEEDS && System.nanoTime() < deadline) {
            Thread.sleep(200); // awaiting the running scheduler, bounded; no poll interval is waited for
            polled = db.count("SELECT COUNT(*) FROM feed WHERE last_polled_at IS NOT NULL AND url LIKE '%world.json?n=%'");
        }
        assertEquals(FEEDS, polled);
    }
}
