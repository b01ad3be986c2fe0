package tributary.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollOutcome;
import tributary.poll.PollScheduler;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * The corpus's VBT polling series served as one feed, capture after capture: items added over time, a capture with
 * broken XML, then the same items with a changed guid attribute and a non-RFC date. Items are stored once per guid.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VbtPollingSeriesTest implements TestPropertyProvider {

    private static final Path VBT = CorpusIngestTest.CORPUS.resolve("vietnamese/vbt");
    private static final List<String> SERIES = List.of("Oobaa_Roodo.2024-11-10.rss", "Oobaa_Roodo.2025-06-03.rss",
            "Oobaa_Roodo.2025-10-07.rss", "Oobaa_Roodo.2025-10-11.rss", "Oobaa_Roodo.latest.rss");
    private static final Pattern GUID = Pattern.compile("<guid[^>]*>\\s*([^<]*?)\\s*</guid>");

    private final FixtureFeedServer server = new FixtureFeedServer();

    @Inject
    PollScheduler scheduler;

    @Inject
    CatalogLoader catalog;

    @Inject
    Database db;

    @Inject
    TestClock clock;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write("categories:\n  - title: Sách\nfeeds:\n  - url: " + server.url("vbt-overlord.rss")
                + "\n    categories: [sach]\n")
                .properties("micronaut.server.port", "-1");
    }

    @BeforeAll
    void freshDatabase() {
        Assumptions.assumeTrue(Files.isDirectory(VBT), "Skipped: the shared corpus is not at " + VBT);
        clock.set(TestClock.START);
        db.clear();
        catalog.reload();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void storesEachGuidOnceAcrossTheWholeSeries() throws IOException {
        Set<String> guidsSoFar = new LinkedHashSet<>();
        for (String capture : SERIES) {
            byte[] body = Files.readAllBytes(VBT.resolve(capture));
            Matcher m = GUID.matcher(new String(body, StandardCharsets.UTF_8));
            while (m.find()) {
                guidsSoFar.add(Normalizer.normalize(m.group(1).replace("&amp;", "&"), Normalizer.Form.NFC));
            }
            server.override("vbt-overlord.rss", new FixtureFeedServer.Answer(200, "application/rss+xml", body));
            clock.advance(Duration.ofMinutes(16));

            List<PollOutcome> outcomes = scheduler.pollDueNow();

            assertEquals(1, outcomes.size(), capture);
            assertEquals(PollOutcome.Result.UPDATED, outcomes.get(0).result(), capture + ": " + outcomes.get(0).message());
            assertEquals(guidsSoFar.size(), db.count("SELECT COUNT(*) FROM item"), capture);
        }
        // The same capture again changes nothing.
        clock.advance(Duration.ofMinutes(16));
        PollOutcome again = scheduler.pollDueNow().get(0);
        assertEquals(0, again.inserted() + again.updated());
    }
}
