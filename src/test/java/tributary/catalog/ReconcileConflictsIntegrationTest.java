package tributary.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.support.Database;
import tributary.support.FeedsYml;

/**
 * Several instances reconcile one feeds.yml, on Galera through different nodes whose row locks do not see each other:
 * a file already applied is not written again (no revision bump, no row), and a reconcile the server rolls back for a
 * deadlock (on Galera, a lost certification) is run again instead of failing. Real MariaDB, a real deadlock.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileConflictsIntegrationTest implements TestPropertyProvider {

    private static final String FILE = """
            categories:
              - title: Thời sự
            feeds:
              - url: https://a.example/rss
                categories: [thoi-su]
              - url: https://b.example/rss
                categories: [thoi-su]
            """;

    private FeedsYml feedsYml;

    @Inject
    CatalogLoader loader;

    @Inject
    Database db;

    private DataSource dataSource;

    @Inject
    void dataSource(DataSource contextual) throws java.sql.SQLException {
        // The pool itself: the injected DataSource hands out only the connection of a surrounding transaction.
        this.dataSource = contextual.unwrap(com.zaxxer.hikari.HikariDataSource.class);
    }

    @Inject
    MeterRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        feedsYml = FeedsYml.write(FILE);
        return feedsYml.properties("tributary.feeds-file-check-interval", "1h",
                "tributary.poll.scheduler-enabled", "false");
    }

    @BeforeEach
    void fileApplied() {
        db.clear();
        feedsYml.rewrite(FILE);
        assertTrue(loader.reload().isPresent());
    }

    @Test
    void aFileAlreadyAppliedIsNotWrittenAgain() {
        long revision = db.count("SELECT revision FROM catalog_revision");
        String links = db.string("SELECT GROUP_CONCAT(feed_id, ':', category_id) FROM feed_category");

        // As another instance (or this one, restarted) reads the file the first one applied.
        assertTrue(loader.reload().isPresent());

        assertEquals(revision, db.count("SELECT revision FROM catalog_revision"), "nothing written, not even the bump");
        assertEquals(links, db.string("SELECT GROUP_CONCAT(feed_id, ':', category_id) FROM feed_category"));
    }

    @Test
    void aReconcileChosenAsTheDeadlockVictimRunsAgainAndApplies() throws Exception {
        double retriedBefore = retried();
        feedsYml.rewrite(FILE.replace("  - url: https://a.example/rss\n", "  - url: https://a.example/rss\n    title: Đổi tên\n"));
        CompletableFuture<Optional<ReconcileResult>> reconcile;
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            other.setAutoCommit(false);
            // Another writer holds the feed rows and has written more, so the server picks the reconcile as victim.
            st.execute("CREATE TABLE IF NOT EXISTS weight_probe (id INT PRIMARY KEY) ENGINE=InnoDB");
            st.execute("DELETE FROM weight_probe");
            st.execute("INSERT INTO weight_probe SELECT seq FROM seq_1_to_200");
            st.executeUpdate("UPDATE feed SET document_at = UTC_TIMESTAMP(3)");
            // The reconcile bumps the revision, then waits for feed a's row; the other closes the cycle.
            reconcile = CompletableFuture.supplyAsync(loader::reload);
            awaitLockWait(reconcile);
            st.executeUpdate("UPDATE catalog_revision SET changed_at = UTC_TIMESTAMP(3) WHERE id = 1");
            other.commit();
        }

        Optional<ReconcileResult> result = reconcile.get(30, TimeUnit.SECONDS);

        assertTrue(result.isPresent(), "applied, not refused: " + loader.lastProblem());
        assertEquals("Đổi tên", db.string("SELECT title_override FROM feed WHERE url = 'https://a.example/rss'"));
        assertTrue(retried() > retriedBefore, "the reconcile met the deadlock and was run again");
    }

    private double retried() {
        var counter = registry.find("tributary.db.conflicts").tags("where", "reconcile", "outcome", "retried").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Until the reconcile waits for the feed row: at most a minute, as a loaded machine reads the file slowly. */
    private void awaitLockWait(CompletableFuture<?> reconcile) throws Exception {
        for (int i = 0; i < 2400; i++) {
            // Its upsert of the feeds, blocked (INNODB_TRX does not always list a batched upsert as LOCK WAIT).
            if (db.count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query'"
                    + " AND INFO LIKE 'INSERT INTO feed %' AND TIME_MS > 300") > 0) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the reconcile never came to wait for the feed row: "
                + (reconcile.isDone() ? "it ended with " + reconcile.getNow(null) + ", " + loader.lastProblem() : "running")
                + "; statements: " + db.string("SELECT GROUP_CONCAT(CONCAT(STATE, ' / ', LEFT(INFO, 80)) SEPARATOR ' | ')"
                + " FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query'"));
    }
}
