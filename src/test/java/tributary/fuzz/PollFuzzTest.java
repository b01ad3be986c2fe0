package tributary.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;
import tributary.poll.FeedPoller;
import tributary.poll.PollOutcome;
import tributary.store.FeedRepository;
import tributary.store.FeedRow;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * Mutated documents served from a loopback HTTP server and polled by the real poller into the real MariaDB, then read
 * back through the application's own HTTP server: the poll returns (no exception or Error escapes it) and leaves the
 * feed with a recorded success or a recorded error, and the category's RSS, Atom and JSON Feed are well-formed and
 * valid. Sources: the fixtures, and the corpus when present. Seed and tries: FuzzSettings.
 */
@AddLifecycleHook(value = FuzzSettings.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class PollFuzzTest {

    private static final List<FuzzSource> SOURCES = sources();
    private static final AtomicInteger TRY = new AtomicInteger();

    private static FixtureFeedServer server;
    private static EmbeddedServer app;
    private static HttpClient http;

    @BeforeContainer
    static void start() throws IOException {
        server = new FixtureFeedServer();
        FeedsYml feedsFile = FeedsYml.write(FeedsYml.EMPTY);
        app = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "tributary.feeds-file", feedsFile.path().toString(),
                // A fixed free port: management endpoints follow micronaut.server.port, and -1 would differ.
                "micronaut.server.port", freePort(),
                "tributary.fetch.read-timeout", "5s",
                "tributary.fetch.deadline", "20s"), "test");
        app.getApplicationContext().getBean(Database.class).clear();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Property(tries = 40, shrinking = ShrinkingMode.BOUNDED)
    void aPolledMutantIsRecordedAndItsCategoryPublishedWellFormed(@ForAll("documents") FuzzDocument doc)
            throws Exception {
        byte[] body = doc.bytes();
        try {
            pollAndRead(doc, body);
        } catch (Throwable e) {
            InMemoryPipeline.save(doc.fileName(), body);
            throw e;
        }
    }

    private void pollAndRead(FuzzDocument doc, byte[] body) throws Exception {
        ApplicationContext context = app.getApplicationContext();
        FeedRepository feeds = context.getBean(FeedRepository.class);
        String slug = "fuzz-" + TRY.incrementAndGet();
        String file = slug + doc.fileName().substring(Math.max(0, doc.fileName().lastIndexOf('.')));
        context.getBean(Database.class).clear();
        server.reset();
        server.override(file, new FixtureFeedServer.Answer(200, doc.contentType(), body));
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
        long feedId = new FuzzCatalog(tx).categoryWithFeed(slug, server.url(file), TestClock.START);
        FeedRow feed = feeds.findById(feedId).orElseThrow();

        FeedPoller poller = context.getBean(FeedPoller.class);
        PollOutcome outcome = assertTimeoutPreemptively(InMemoryPipeline.HANG, () -> {
            long started = CpuTime.ofThisThread();
            PollOutcome polled = poller.poll(feed);
            CpuTime.assertWithin(InMemoryPipeline.BOUND, started, "polling " + doc + " (" + body.length + " bytes)");
            return polled;
        }, () -> "polling " + doc + " did not finish within " + InMemoryPipeline.HANG.toSeconds() + " s");

        FeedRow after = feeds.findById(feedId).orElseThrow();
        if (outcome.result() == PollOutcome.Result.UPDATED) {
            assertNotNull(after.lastSuccessAt(), doc + ": an UPDATED poll without last_success_at");
        } else {
            assertEquals(PollOutcome.Result.FAILED, outcome.result(), doc + ": " + outcome);
            assertTrue(after.lastError() != null && !after.lastError().isBlank(), doc + ": a failed poll without last_error");
            // The poller records bugs and database errors instead of throwing; from a document, either is a bug.
            assertFalse(after.lastError().startsWith("internal error") || after.lastError().startsWith("database"),
                    doc + ": the poller caught an unexpected failure: " + after.lastError());
        }

        for (String format : List.of("rss", "atom", "json")) {
            String url = app.getURL() + "/feeds/" + slug + "." + format;
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            String what = "GET " + url + " after polling " + doc;
            assertEquals(200, response.statusCode(), what + ": " + new String(response.body()));
            switch (format) {
                case "rss" -> OutputChecks.wellFormedXml(response.body(), "rss", what);
                case "atom" -> OutputChecks.wellFormedXml(response.body(), "feed", what);
                default -> OutputChecks.validJsonFeed(response.body(), what);
            }
        }
    }

    @Provide
    Arbitrary<FuzzDocument> documents() {
        return Mutations.documents(SOURCES);
    }

    private static List<FuzzSource> sources() {
        List<FuzzSource> all = new ArrayList<>(FuzzSource.fixtures());
        all.addAll(FuzzSource.corpus());
        return all;
    }

    private static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return String.valueOf(socket.getLocalPort());
        }
    }
}
