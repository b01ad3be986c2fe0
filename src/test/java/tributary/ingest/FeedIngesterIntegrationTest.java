package tributary.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tributary.catalog.CatalogLoader;
import tributary.common.Sha256;
import tributary.normalize.PublisherSchedule;
import tributary.parse.FeedParseException;
import tributary.store.ContentChangedEvent;
import tributary.store.FeedRepository;
import tributary.store.FeedRow;
import tributary.support.Database;
import tributary.support.TestClock;

/**
 * Hands document bytes straight to the ingester (no HTTP, no poller) and reads what reached the real MariaDB. The
 * document holds four items; tributary.fetch.max-items is 3 here, so every ingest takes the first three.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedIngesterIntegrationTest implements TestPropertyProvider {

    static final URI BASE = URI.create("https://tin.example/rss/thoi-su.rss");
    static final String RSS = "application/rss+xml; charset=utf-8";
    static final Instant AT = TestClock.START;

    @Inject
    FeedIngester ingester;

    @Inject
    FeedRepository feeds;

    @Inject
    CatalogLoader catalog;

    @Inject
    Database db;

    @Inject
    Changes changes;

    FeedRow feed;
    /** The schedule the last fetch's next-poll rule was given. */
    PublisherSchedule scheduleSeen;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path file = Files.createTempFile("feeds", ".yml");
            Files.writeString(file, "feeds:\n  - url: " + BASE + "\n");
            return Map.of("tributary.feeds-file", file.toString(), "tributary.fetch.max-items", "3",
                    "ingest-test.changes", "true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void freshFeed() {
        db.clear();
        catalog.reload();
        feed = feeds.findAllInOrder().get(0);
        changes.clear();
        scheduleSeen = null;
    }

    static byte[] fixture(String name) {
        try (InputStream in = FeedIngesterIntegrationTest.class.getResourceAsStream("/feeds/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] document() {
        return fixture("ingest-thoi-su.rss");
    }

    /** The document with one item's text changed. */
    static byte[] edited() {
        return new String(document(), StandardCharsets.UTF_8).replace("432 đại biểu", "450 đại biểu")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** As a poll would: with what the fetch knew, and a next-poll rule of "the publisher's floor from now". */
    IngestResult fetched(byte[] body) throws FeedParseException {
        FetchFacts fetch = new FetchFacts(200, "\"v1\"", "Wed, 28 Jan 2026 10:00:00 GMT", Sha256.hex(body),
                schedule -> {
                    scheduleSeen = schedule;
                    return AT.plus(schedule.floor() == null ? Duration.ofMinutes(15) : schedule.floor());
                });
        return ingester.ingest(feed, body, RSS, BASE, AT, fetch);
    }

    FeedRow row() {
        return feeds.findById(feed.id()).orElseThrow();
    }

    String itemText(String guid, String column) {
        return db.string("SELECT " + column + " FROM item WHERE guid = '" + guid + "'");
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Nested
    class AFirstDocument {

        @Test
        void storesItsItemsWithVietnameseTextIntactAndLinksResolved() throws Exception {
            assertEquals(new IngestResult(3, 3, 0), fetched(document()));

            assertEquals(3, db.count("SELECT COUNT(*) FROM item WHERE feed_id = " + feed.id()));
            assertEquals("Quốc hội thông qua Luật Đất đai sửa đổi", itemText("tin-5001", "title"));
            assertEquals("Hà Nội cấm xe máy trên phố Tràng Tiền cuối tuần", itemText("tin-5002", "title"));
            assertEquals("https://tin.example/thoi-su/luat-dat-dai-5001.html", itemText("tin-5001", "url"));
        }

        @Test
        void storesTheFeedsOwnMetadataCleanedWithItsSiteUrlResolvedAgainstTheBase() throws Exception {
            fetched(document());

            FeedRow stored = row();
            assertEquals("Thời sự – Tin tức trong nước", stored.title());
            assertEquals("https://tin.example/thoi-su", stored.siteUrl());
            assertEquals("Tin thời sự mới nhất", stored.description());
            assertEquals("vi", stored.language());
            assertEquals(90 * 60, stored.publisherIntervalSeconds());
        }

        @Test
        void recordsWhatTheFetchKnewAndTheNextPollItsRuleChoseFromTheDocumentsSchedule() throws Exception {
            byte[] body = document();
            fetched(body);

            assertEquals(Duration.ofMinutes(90), scheduleSeen.floor());
            FeedRow stored = row();
            assertEquals("\"v1\"", stored.etag());
            assertEquals("Wed, 28 Jan 2026 10:00:00 GMT", stored.lastModified());
            assertEquals(Sha256.hex(body), stored.bodyHash());
            assertEquals(200, stored.lastStatus());
            assertEquals(utc(AT), stored.lastSuccessAt());
            assertEquals(utc(AT.plus(Duration.ofMinutes(90))), stored.nextPollAt());
        }

        @Test
        void withoutAFetchStoresItemsAndMetadataButLeavesThePollingStateAlone() throws Exception {
            assertEquals(new IngestResult(3, 3, 0), ingester.ingest(feed, document(), RSS, BASE, AT, null));

            FeedRow stored = row();
            assertEquals("Thời sự – Tin tức trong nước", stored.title());
            assertEquals(90 * 60, stored.publisherIntervalSeconds());
            assertNull(stored.etag());
            assertNull(stored.bodyHash());
            assertNull(stored.lastSuccessAt());
            assertEquals(feed.nextPollAt(), stored.nextPollAt());
            assertEquals(1, changes.of(feed.id()));
        }

        @Test
        void takesNoMoreItemsThanTheCap() throws Exception {
            assertEquals(3, fetched(document()).seen());

            assertEquals(3, db.count("SELECT COUNT(*) FROM item WHERE feed_id = " + feed.id()));
            assertEquals(0, db.count("SELECT COUNT(*) FROM item WHERE guid = 'tin-5004'"));
        }
    }

    @Nested
    class TheSameFeedAgain {

        @Test
        void theSameDocumentInsertsNothingUpdatesNothingAndAnnouncesNothing() throws Exception {
            fetched(document());
            assertEquals(1, changes.of(feed.id()));

            assertEquals(new IngestResult(3, 0, 0), fetched(document()));
            assertEquals(3, db.count("SELECT COUNT(*) FROM item WHERE feed_id = " + feed.id()));
            assertEquals(1, changes.of(feed.id()));
        }

        @Test
        void aChangedItemCountsAsUpdatedInPlaceAndIsAnnounced() throws Exception {
            fetched(document());

            assertEquals(new IngestResult(3, 0, 1), fetched(edited()));
            assertEquals(3, db.count("SELECT COUNT(*) FROM item WHERE feed_id = " + feed.id()));
            assertEquals("Với 450 đại biểu tán thành, luật có hiệu lực từ đầu năm.",
                    itemText("tin-5001", "COALESCE(content, summary)"));
            assertNotNull(itemText("tin-5001", "modified_at"));
            assertNull(itemText("tin-5002", "modified_at"));
            assertEquals(2, changes.of(feed.id()));
        }
    }

    @Nested
    class ARefusedDocument {

        @Test
        void throwsWhatWasWrongAndStoresNothing() {
            FeedParseException refused = assertThrows(FeedParseException.class,
                    () -> fetched(fixture("not-a-feed.html")));

            assertFalse(refused.getMessage() == null || refused.getMessage().isBlank());
            assertEquals(0, db.count("SELECT COUNT(*) FROM item"));
            FeedRow stored = row();
            assertNull(stored.title());
            assertNull(stored.bodyHash());
            assertNull(stored.lastSuccessAt());
            assertEquals(0, changes.of(feed.id()));
        }

        @Test
        void anEmptyBodyIsRefusedTheSameWay() {
            assertThrows(FeedParseException.class, () -> fetched(new byte[0]));
            assertEquals(0, db.count("SELECT COUNT(*) FROM item"));
            assertNull(row().lastSuccessAt());
        }
    }

    @Test
    void aFailureBeforeTheFeedsRowIsWrittenLeavesNoItemsEither() {
        // The next-poll rule runs inside the transaction, after the items and their sighting were written.
        FetchFacts failing = new FetchFacts(200, null, null, "hash", schedule -> {
            throw new IllegalStateException("crash between the items and the feed's row");
        });

        assertThrows(IllegalStateException.class, () -> ingester.ingest(feed, document(), RSS, BASE, AT, failing));
        assertEquals(0, db.count("SELECT COUNT(*) FROM item"));
        assertNull(row().lastSuccessAt());
        assertNull(db.string("SELECT document_at FROM feed WHERE id = " + feed.id()));
        assertEquals(0, changes.of(feed.id()));
    }

    /** The content-changed events this test's context saw, by feed. */
    @Singleton
    @Requires(property = "ingest-test.changes", value = "true")
    static class Changes implements ApplicationEventListener<ContentChangedEvent> {

        private final List<Long> feedIds = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ContentChangedEvent event) {
            feedIds.add(event.feedId());
        }

        long of(long feedId) {
            return feedIds.stream().filter(id -> id != null && id == feedId).count();
        }

        void clear() {
            feedIds.clear();
        }
    }
}
