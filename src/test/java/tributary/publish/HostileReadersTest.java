package tributary.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tributary.catalog.CatalogLoader;
import tributary.poll.PollScheduler;
import tributary.store.ContentChangedEvent;
import tributary.support.Database;
import tributary.support.FeedsYml;
import tributary.support.FixtureFeedServer;
import tributary.support.TestClock;

/**
 * Readers who vary what does not change a page (unknown parameters, huge limits, Host headers, random slugs) get
 * correct answers without growing the service's memory: the render cache is keyed by the page, bounded in bytes and
 * in base URLs, unknown slugs leave nothing behind, and the index and listing come from memory between changes.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileReadersTest implements TestPropertyProvider {

    static final long MAX_BYTES = 200_000;
    static final int ITEMS = 60;

    private final FixtureFeedServer fixtures = new FixtureFeedServer();

    @Inject
    EmbeddedServer server;

    @Inject
    RenderCache cache;

    @Inject
    CategorySummaries summaries;

    @Inject
    PollScheduler scheduler;

    @Inject
    CatalogLoader catalog;

    @Inject
    Database db;

    @Inject
    TestClock clock;

    @Inject
    ApplicationEventPublisher<ContentChangedEvent> events;

    @Override
    public Map<String, String> getProperties() {
        fixtures.override("numbered.rss", new FixtureFeedServer.Answer(200, "application/rss+xml", numbered(ITEMS)));
        return FeedsYml.write(FeedsYml.oneFeed(fixtures.url("numbered.rss")))
                .properties("tributary.publish.cache-max-bytes", Long.toString(MAX_BYTES),
                        "tributary.publish.max-base-urls", "2");
    }

    @BeforeAll
    void ingest() {
        db.clear();
        clock.set(TestClock.START);
        catalog.reload();
        scheduler.pollDueNow();
        assertEquals(ITEMS, db.count("SELECT COUNT(*) FROM item"));
    }

    @AfterAll
    void stopFixtures() {
        fixtures.close();
    }

    /** Runs after the class's own tests (JUnit runs nested classes last); the Host test last, as it fills the base URLs. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class CacheKeys {

        @Test
        @Order(1)
        void unknownQueryParametersShareOnePageWithACanonicalSelfLink() {
            int entries = cache.entryCount();
            long misses = cache.misses();
            String first = null;
            for (int i = 0; i < 30; i++) {
                Answer answer = get("/feeds/thoi-su.rss?limit=7&x=" + i + "&utm_source=" + i, null);
                assertEquals(200, answer.status());
                first = first == null ? answer.body() : first;
                assertEquals(first, answer.body(), "every variant is the same page, byte for byte");
            }
            assertEquals(entries + 1, cache.entryCount());
            assertEquals(misses + 1, cache.misses());
            Matcher self = Pattern.compile("<atom:link[^>]*rel=\"self\"[^>]*>").matcher(first);
            assertTrue(self.find(), first);
            assertTrue(self.group().contains("href=\"http://127.0.0.1:" + server.getPort() + "/feeds/thoi-su.rss?limit=7\""),
                    self.group());
        }

        @Test
        @Order(2)
        void limitsPastTheLargestAreTheLargestPage() {
            Answer largest = get("/feeds/thoi-su.json?limit=500", null);
            int entries = cache.entryCount();
            long misses = cache.misses();
            for (String limit : new String[] {"501", "9999", "2147483647", " 600"}) {
                Answer answer = get("/feeds/thoi-su.json?limit=" + limit.replace(" ", "%20"), null);
                assertEquals(200, answer.status());
                assertEquals(largest.body(), answer.body());
            }
            assertEquals(entries, cache.entryCount());
            assertEquals(misses, cache.misses());
        }

        @Test
        @Order(3)
        void hostHeadersBeyondTheCapAreServedButNotCached() {
            for (int i = 0; i < 12; i++) {
                String host = "reader-" + i + ".example";
                Answer answer = get("/feeds/thoi-su.atom", host);
                assertEquals(200, answer.status());
                // Every host still gets its own links...
                assertTrue(answer.body().contains("http://" + host + "/feeds/thoi-su.atom"), answer.body());
                // ...but no more base URLs than the cap are ever kept.
                assertTrue(cache.baseUrlCount() <= 2, cache.baseUrlCount() + " base URLs cached");
            }
        }
    }

    @Test
    void cacheBytesStayUnderTheBoundAfterManyDistinctPages() {
        String cursor = null;
        for (int limit = 1; limit <= ITEMS; limit++) {
            Answer page = get("/feeds/thoi-su.rss?limit=" + limit, null);
            assertEquals(200, page.status());
            assertTrue(cache.sizeBytes() <= MAX_BYTES, cache.sizeBytes() + " bytes after limit=" + limit);
            // Distinct cursors are distinct pages too.
            Answer older = get("/feeds/all.json?limit=2" + (cursor == null ? "" : "&before=" + cursor), null);
            assertEquals(200, older.status());
            Matcher next = Pattern.compile("before=([0-9]+-[0-9]+)").matcher(older.body());
            cursor = next.find() ? next.group(1) : null;
            assertTrue(cache.sizeBytes() <= MAX_BYTES, cache.sizeBytes() + " bytes after a cursor page");
        }
        assertTrue(cache.sizeBytes() > MAX_BYTES / 4, "the cache is used: " + cache.sizeBytes());
        assertTrue(get("/prometheus", null).body().contains("tributary_render_cache_size_bytes "),
                "the size is exported");
    }

    @Test
    void unknownAndOverlongSlugsAre404sThatLeaveNoState() {
        get("/feeds/thoi-su.rss", null);
        int tracked = cache.trackedSlugs();
        int entries = cache.entryCount();
        for (int i = 0; i < 50; i++) {
            Answer answer = get("/feeds/no-such-" + i + ".rss", null);
            assertEquals(404, answer.status());
            assertTrue(answer.body().contains("No such category"), answer.body());
        }
        assertEquals(tracked, cache.trackedSlugs());
        assertEquals(entries, cache.entryCount());

        String huge = "x".repeat(3000);
        long selects = selects();
        for (int i = 0; i < 20; i++) {
            assertEquals(404, get("/feeds/" + huge + i + ".json", null).status());
        }
        // The test's own two counter reads, and at most a scheduled gauge refresh; a lookup per request would be 20.
        assertTrue(selects() - selects < 6, "an overlong slug is refused before any query");
        assertEquals(tracked, cache.trackedSlugs());
        assertEquals(200, get("/feeds/thoi-su.rss", null).status());
    }

    @Test
    void indexAndListingAreReadOncePerChange() {
        get("/", null);
        long loads = summaries.loads();
        long selects = selects();
        for (int i = 0; i < 10; i++) {
            assertEquals(200, get("/", null).status());
            assertEquals(200, get("/feeds", null).status());
            assertEquals(200, get("/feeds.opml", null).status());
        }
        assertEquals(loads, summaries.loads());
        // Two aggregates per request would be 60 statements.
        assertTrue(selects() - selects < 6, "the index and listing are served from memory");

        events.publishEvent(new ContentChangedEvent(null));
        assertTrue(get("/feeds", null).body().contains("\"item_count\":" + ITEMS));
        assertEquals(loads + 1, summaries.loads(), "a change is read once");
        get("/", null);
        assertEquals(loads + 1, summaries.loads());
    }

    /** Statements the database has run so far (its global Com_select counter). */
    private long selects() {
        return Long.parseLong(db.string(
                "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'COM_SELECT'"));
    }

    record Answer(int status, String body) {
    }

    /** A plain HTTP/1.1 GET over a socket, so the Host header can be anything (Java's client refuses to set it). */
    private Answer get(String path, String host) {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + (host == null ? "127.0.0.1:" + server.getPort() : host)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            String head = response.substring(0, split);
            String body = response.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Answer(status, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        byte[] bytes = chunked.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i < bytes.length) {
            int eol = indexOf(bytes, i);
            int size = Integer.parseInt(new String(bytes, i, eol - i, StandardCharsets.US_ASCII).strip(), 16);
            if (size == 0) {
                break;
            }
            body.append(new String(bytes, eol + 2, size, StandardCharsets.UTF_8));
            i = eol + 2 + size + 2;
        }
        return body.toString();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    /** An RSS feed of n items, one a minute, each with a paragraph of text. */
    static byte[] numbered(int n) {
        DateTimeFormatter rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>Numbered</title><link>https://site.example/</link><description>numbered</description>\n");
        for (int i = n; i >= 1; i--) {
            xml.append("<item><guid>https://site.example/n/").append(i).append("</guid><title>Bài ").append(i)
                    .append("</title><link>https://site.example/n/").append(i).append(".html</link><description>")
                    .append("Nội dung của bài ").append(i).append(", đủ dài để trang có kích thước thật. ".repeat(4))
                    .append("</description><pubDate>").append(rfc1123.format(start.plus(Duration.ofMinutes(i))))
                    .append("</pubDate></item>\n");
        }
        return xml.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
