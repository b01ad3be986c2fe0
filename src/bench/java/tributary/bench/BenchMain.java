package tributary.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.transaction.TransactionOperations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import tributary.extract.ArticleExtractor;
import tributary.normalize.ItemNormalizer;
import tributary.parse.FeedParser;
import tributary.poll.PollConfig;
import tributary.store.ItemStore;

/**
 * Runs the ingest and parse comparisons against a real (embedded) MariaDB, then the extraction comparison, and prints
 * a markdown section. Arguments: feeds (× 20 items) for ingest, seconds per parse measurement, and optionally a results file to append to.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int feeds = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path results = args.length > 2 ? Path.of(args[2]) : null;
        Map<String, Object> properties = Map.of(
                "tributary.poll.scheduler-enabled", false,
                "tributary.embedded-db.data-dir", "target/bench-mariadb",
                // No catalog: the comparison makes its own feed rows.
                "tributary.feeds-file", "target/bench-no-feeds.yml");
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
            TransactionOperations<Connection> tx = context.getBean(
                    Argument.of(TransactionOperations.class, Connection.class));
            IngestComparison ingest = new IngestComparison(context.getBean(ItemStore.class), tx,
                    context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class)),
                    context.getBean(FeedParser.class),
                    context.getBean(ItemNormalizer.class));
            ParseComparison parse = new ParseComparison(context.getBean(FeedParser.class),
                    context.getBean(ItemNormalizer.class));

            // A small round first, so both sides run JIT-compiled code and a warm buffer pool.
            int workers = context.getBean(PollConfig.class).workers();
            ingest.run(Math.max(5, feeds / 10), "warm" + System.nanoTime(), workers);
            IngestComparison.Result written = ingest.run(feeds, "run" + System.nanoTime(), workers);
            Duration budget = Duration.ofSeconds(seconds);
            ParseComparison.Result generated = parse.run(BenchFeeds.rss(0, "parse"), budget, budget);
            byte[] fixture = Files.readAllBytes(Path.of("src/test/resources/feeds/vnexpress-thoi-su.rss"));
            ParseComparison.Result real = parse.run(fixture, budget, budget);
            String section = markdown(feeds, seconds, written, generated, real) + "\n" + extraction(feeds, seconds);
            System.out.println(section);
            if (results != null) {
                Files.writeString(results, section + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        }
    }

    /** The extraction comparison over every fixture page; it needs no database. */
    static String extraction(int feeds, int seconds) throws Exception {
        ExtractComparison comparison = new ExtractComparison(new ArticleExtractor());
        Duration budget = Duration.ofSeconds(seconds);
        List<ExtractComparison.Result> results = new ArrayList<>();
        for (ExtractComparison.Page page : ExtractComparison.fixturePages()) {
            results.add(comparison.run(page, budget, budget));
        }
        return ExtractComparison.markdown("bench/java-benches.sh " + feeds + " " + seconds, seconds, results);
    }

    static String markdown(int feeds, int seconds, IngestComparison.Result ingest, ParseComparison.Result generated,
                           ParseComparison.Result real) {
        return String.format(Locale.ROOT, """
                ## 3. Ingest: ItemStore.upsert vs a plain batched JDBC INSERT (target: ≥ 0.5 ×)

                Command: `bench/java-benches.sh %d %d` (tributary.bench.BenchMain, embedded MariaDB, same run). %d feeds ×
                20 parsed and normalized items (~2 KB of HTML each); ours: one `ItemStore.upsert` per feed (look-up of
                stored hashes, one multi-row insert and its commit, then story linking after the commit), as a poll makes
                it; reference: the same rows on one connection into a temporary table `LIKE item`, batches of 1,000, one
                commit per batch. For scale, not a target: "per-poll floor", the same rows as one 20-row `INSERT` and one
                commit per feed into `item` itself, with no look-up and no linking; "group floor", the rows of 8 feeds as one
                batch and one commit, what a writer grouping polls could at best do. After a warm-up round of a tenth of
                the size. Then both again from %d callers at once (`tributary.poll.workers`, as the service stores
                polls): ours on fresh items of other feeds, the reference from as many connections, each with its own
                temporary table and a share of the rows. Ratios are to the one-connection reference unless said.

                | path | rows | seconds | items/s | ratio | target ≥ 0.5 |
                |---|---|---|---|---|---|
                | ItemStore.upsert, 20 per call, one caller | %d | %.2f | %.0f | %.2f | %s |
                | plain batched INSERT, one connection | %d | %.2f | %.0f | 1 | |
                | plain batched INSERT, one connection, into item itself (foreign key, redo log) | %d | %.2f | %.0f | %.2f | |
                | per-poll floor: one 20-row INSERT + commit per feed, into item | %d | %.2f | %.0f | %.2f | |
                | group floor: the rows of %d feeds as one batch + commit, into item | %d | %.2f | %.0f | %.2f | |
                | ItemStore.upsert, 20 per call, %d callers (the poll worker pool) | %d | %.2f | %.0f | %.2f | %s |
                | plain batched INSERT, %d connections | %d | %.2f | %.0f | %.2f | |
                | ours with %d callers / reference with %d connections | | | | %.2f | |

                ## 4. Parse: FeedParser.parse + ItemNormalizer.normalize vs a bare StAX pass

                Same command; each path runs %d s of warm-up then %d s measured, on the same bytes, in one JVM (a plain
                timed loop, not JMH). The StAX pass reads every event and the length of every text, keeping nothing.

                | document | bytes | ours MB/s | bare StAX MB/s | ratio |
                |---|---|---|---|---|
                | generated 20-item RSS (Vietnamese) | %d | %.1f | %.1f | %.2f |
                | src/test/resources/feeds/vnexpress-thoi-su.rss | %d | %.1f | %.1f | %.2f |
                """, feeds, seconds, feeds, ingest.threads(),
                ingest.rows(), ingest.storeSeconds(), ingest.storeItemsPerSecond(), ingest.ratio(),
                ingest.ratio() >= 0.5 ? "met" : String.format(Locale.ROOT, "MISSED (%.0f %% of the target)",
                        ingest.ratio() / 0.5 * 100),
                ingest.rows(), ingest.plainSeconds(), ingest.plainItemsPerSecond(),
                ingest.rows(), ingest.plainIntoItemSeconds(), ingest.plainIntoItemItemsPerSecond(),
                ingest.plainIntoItemItemsPerSecond() / ingest.plainItemsPerSecond(),
                ingest.rows(), ingest.floorSeconds(), ingest.floorItemsPerSecond(), ingest.floorRatio(),
                IngestComparison.GROUP, ingest.rows(), ingest.groupFloorSeconds(), ingest.groupFloorItemsPerSecond(),
                ingest.groupFloorItemsPerSecond() / ingest.plainItemsPerSecond(),
                ingest.threads(), ingest.rows(), ingest.concurrentStoreSeconds(), ingest.concurrentStoreItemsPerSecond(),
                ingest.concurrentRatio(), ingest.concurrentRatio() >= 0.5 ? "met" : String.format(Locale.ROOT,
                        "MISSED (%.0f %% of the target)", ingest.concurrentRatio() / 0.5 * 100),
                ingest.threads(), ingest.rows(), ingest.concurrentPlainSeconds(), ingest.concurrentPlainItemsPerSecond(),
                ingest.concurrentPlainItemsPerSecond() / ingest.plainItemsPerSecond(),
                ingest.threads(), ingest.threads(), ingest.concurrentBothRatio(),
                seconds, seconds,
                generated.documentBytes(), generated.oursMbPerSecond(), generated.staxMbPerSecond(), generated.ratio(),
                real.documentBytes(), real.oursMbPerSecond(), real.staxMbPerSecond(), real.ratio());
    }

}
