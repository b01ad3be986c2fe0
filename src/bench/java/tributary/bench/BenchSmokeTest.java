package tributary.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tributary.extract.ArticleExtractor;
import tributary.normalize.ItemNormalizer;
import tributary.parse.FeedParser;
import tributary.store.ItemStore;
import tributary.support.Database;

/** The Java benchmark code paths in their smallest sizes, so the test command keeps them working; no timing asserted. */
@MicronautTest(transactional = false)
@Property(name = "micronaut.server.port", value = "-1")
class BenchSmokeTest {

    @Inject
    ItemStore store;

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver dataSources;

    @Inject
    FeedParser parser;

    @Inject
    ItemNormalizer normalizer;

    @Inject
    Database db;

    @Test
    void ingestComparisonWritesTheSameRowsBothWaysAndCleansUp() throws Exception {
        long before = db.count("SELECT COUNT(*) FROM item");
        IngestComparison.Result result =
                new IngestComparison(store, tx, dataSources.resolve(dataSource), parser, normalizer)
                        .run(15, "smoke" + System.nanoTime(), 3);

        assertEquals(300, result.rows());
        assertTrue(result.storeItemsPerSecond() > 0 && result.plainItemsPerSecond() > 0
                && result.floorItemsPerSecond() > 0 && result.concurrentStoreItemsPerSecond() > 0
                && result.concurrentPlainItemsPerSecond() > 0);
        assertEquals(before, db.count("SELECT COUNT(*) FROM item"), "the benchmark's feeds and items are removed");
    }

    @Test
    void parseComparisonReadsAFixtureBothWays() throws Exception {
        byte[] fixture = Files.readAllBytes(Path.of("src/test/resources/feeds/vnexpress-thoi-su.rss"));
        ParseComparison comparison = new ParseComparison(parser, normalizer);

        ParseComparison.Result result = comparison.run(fixture, Duration.ofMillis(100), Duration.ofMillis(200));

        assertTrue(result.oursRuns() > 0 && result.staxRuns() > 0);
        assertTrue(comparison.sink() > 0);
    }

    @Test
    void extractComparisonExtractsEveryFixturePageBothWays() throws Exception {
        ExtractComparison comparison = new ExtractComparison(new ArticleExtractor());
        List<ExtractComparison.Result> results = new ArrayList<>();
        for (ExtractComparison.Page page : ExtractComparison.fixturePages()) {
            results.add(comparison.run(page, Duration.ofMillis(10), Duration.ofMillis(20)));
        }

        assertTrue(results.size() >= 7, results.size() + " pages");
        assertTrue(results.stream().allMatch(r -> r.oursRuns() > 0 && r.jsoupRuns() > 0 && !r.rule().equals("none")));
        assertTrue(comparison.sink() > 0);
        assertTrue(ExtractComparison.markdown("x", 1, results).contains("| vnexpress.html |"));
    }

    @Test
    void generatedFeedsAreAboutFortyKilobytesOfTwentyItems() throws Exception {
        byte[] document = BenchFeeds.rss(0, "smoke");

        assertTrue(document.length > 30_000 && document.length < 60_000, document.length + " bytes");
        assertEquals(20, parser.parse(document, "application/rss+xml").items().size());
    }
}
