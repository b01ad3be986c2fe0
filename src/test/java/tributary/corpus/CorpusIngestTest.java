package tributary.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.catalog.CatalogLoader;
import tributary.normalize.HostileMarkup;
import tributary.poll.PollOutcome;
import tributary.poll.PollScheduler;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;

/**
 * Every file of ../shared/corpus served from a loopback HTTP server, polled by the real workers through fetch →
 * parse → normalize → store into MariaDB. Prints per file what was taken or the error, and per folder the counts.
 * Fails if a worker crashes, if a well-formed feed with entries yields no items, or if stored text still holds
 * what the sanitizer must remove (or is not NFC, or has characters XML forbids).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusIngestTest implements TestPropertyProvider {

    static final Path CORPUS = Path.of("../shared/corpus").toAbsolutePath().normalize();

    private final List<String> files = listFiles();
    private final FixtureFeedServer server = files.isEmpty() ? null : CorpusFiles.server(CORPUS);

    @Inject
    PollScheduler scheduler;

    @Inject
    CatalogLoader catalog;

    @Inject
    Database db;

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    JsonMapper json;

    private static List<String> listFiles() {
        if (!Files.isDirectory(CORPUS)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> CORPUS.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.contains("/"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        StringBuilder yml = new StringBuilder("categories:\n  - title: Corpus\nfeeds:\n");
        for (String file : files) {
            yml.append("  - url: ").append(server.address("/" + file)).append("\n    categories: [corpus]\n");
        }
        // A free port: other engineers' test runs share this machine.
        return FeedsYml.write(yml).properties("micronaut.server.port", "-1");
    }

    @BeforeAll
    void freshDatabase() {
        Assumptions.assumeTrue(!files.isEmpty(), "Skipped: the shared corpus is not at " + CORPUS
                + " (expected ../shared/corpus next to the project folder)");
        db.clear();
        catalog.reload();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ingestsEveryCorpusFileWithoutCrashOrUnsafeOutput() throws Exception {
        Map<String, PollOutcome> outcomes = new HashMap<>();
        List<String> crashes = new ArrayList<>();
        for (List<CompletableFuture<PollOutcome>> round = scheduler.dispatchDue(); !round.isEmpty();
             round = scheduler.dispatchDue()) {
            for (CompletableFuture<PollOutcome> future : round) {
                try {
                    PollOutcome outcome = future.join();
                    outcomes.put(outcome.url(), outcome);
                } catch (RuntimeException e) {
                    crashes.add(String.valueOf(e.getCause() != null ? e.getCause() : e));
                }
            }
        }
        Map<String, Long> itemsByUrl = itemsByFeedUrl();
        FeedOracle oracle = new FeedOracle(json);

        Map<String, int[]> folders = new TreeMap<>();
        List<String> emptyWellFormed = new ArrayList<>();
        StringBuilder report = new StringBuilder("\n=== corpus ingest, per file ===\n");
        for (String file : files) {
            String url = server.address("/" + file);
            PollOutcome outcome = outcomes.get(url);
            long items = itemsByUrl.getOrDefault(url, 0L);
            int[] counts = folders.computeIfAbsent(file.substring(0, file.indexOf('/')), k -> new int[4]);
            counts[0]++;
            if (outcome == null) {
                crashes.add(file + ": never polled");
                continue;
            }
            boolean failed = outcome.result() != PollOutcome.Result.UPDATED;
            if (failed) {
                counts[3]++;
                report.append(String.format("ERROR %-70s %s%n", file, outcome.message()));
            } else {
                counts[2] += (int) items;
                if (items > 0) {
                    counts[1]++;
                }
                report.append(String.format("ok    %-70s %d items%n", file, items));
            }
            int expected = oracle.entries(Files.readAllBytes(CORPUS.resolve(file)), file);
            if (expected > 0 && items == 0) {
                emptyWellFormed.add(file + " (" + expected + " entries; " + (failed ? outcome.message() : "no item stored") + ")");
            }
        }
        report.append("\n=== corpus ingest, per folder ===\n");
        report.append(String.format("%-16s %6s %6s %6s %6s%n", "folder", "files", "taken", "items", "errors"));
        int[] total = new int[4];
        folders.forEach((folder, c) -> {
            report.append(String.format("%-16s %6d %6d %6d %6d%n", folder, c[0], c[1], c[2], c[3]));
            for (int i = 0; i < 4; i++) {
                total[i] += c[i];
            }
        });
        report.append(String.format("%-16s %6d %6d %6d %6d%n", "TOTAL", total[0], total[1], total[2], total[3]));
        report.append("(taken: files with at least one item stored; errors: polls recorded as a feed error)\n");
        System.out.println(report);

        List<String> unsafe = unsafeStoredText();
        assertTrue(crashes.isEmpty(), "workers crashed: " + crashes);
        assertTrue(emptyWellFormed.isEmpty(), "well-formed feeds with entries yielded no items: " + emptyWellFormed);
        assertTrue(unsafe.isEmpty(), "stored text the sanitizer must have cleaned: " + unsafe);
        long unrecorded = db.count("SELECT COUNT(*) FROM feed WHERE last_status IS NOT NULL AND consecutive_failures > 0"
                + " AND (last_error IS NULL OR last_error = '')");
        assertTrue(unrecorded == 0, unrecorded + " failed feeds have no recorded error");
    }

    private Map<String, Long> itemsByFeedUrl() {
        return tx.executeRead(status -> {
            Map<String, Long> counts = new HashMap<>();
            try (Statement st = status.getConnection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT f.url, COUNT(i.id) FROM feed f LEFT JOIN item i ON i.feed_id = f.id GROUP BY f.url")) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    private List<String> unsafeStoredText() {
        return tx.executeRead(status -> {
            List<String> unsafe = new ArrayList<>();
            try (Statement st = status.getConnection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT f.url, i.title, i.summary, i.content, i.author FROM item i JOIN feed f ON f.id = i.feed_id")) {
                while (rs.next()) {
                    String where = rs.getString(1).replaceFirst("^http://[^/]+/", "");
                    for (int col = 2; col <= 5; col++) {
                        String text = rs.getString(col);
                        if (text == null) {
                            continue;
                        }
                        if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
                            unsafe.add(where + ": column " + col + " is not NFC");
                        }
                        if (text.codePoints().anyMatch(cp -> cp < 0x20 && cp != 0x9 && cp != 0xA && cp != 0xD
                                || cp == 0xFFFE || cp == 0xFFFF)) {
                            unsafe.add(where + ": column " + col + " has a character XML forbids");
                        }
                        if (col == 3 || col == 4) {
                            for (String finding : HostileMarkup.findings(text)) {
                                unsafe.add(where + ": " + finding);
                            }
                        }
                    }
                }
            }
            return unsafe;
        });
    }
}
