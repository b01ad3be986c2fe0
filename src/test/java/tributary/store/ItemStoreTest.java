package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tributary.normalize.FeedZoneResolver;
import tributary.normalize.ItemNormalizer;
import tributary.normalize.NormalizedItem;
import tributary.parse.ParsedItem;
import tributary.support.Database;

/** ItemStore against the real MariaDB: identity within a feed, and the story rules across feeds. */
@MicronautTest(transactional = false)
@Property(name = "micronaut.server.port", value = "-1")
class ItemStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-28T12:00:00Z");

    @Inject
    ItemStore store;

    @Inject
    Database db;

    @Inject
    TransactionOperations<Connection> tx;

    private final ItemNormalizer normalizer = new ItemNormalizer(FeedZoneResolver.defaults());

    @BeforeEach
    void freshDatabase() {
        db.clear();
    }

    private long feed(String url) {
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "INSERT INTO feed (url, url_hash, created_at) VALUES (?, SHA2(?, 256), NOW(3))",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, url);
                ps.setString(2, url);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    private NormalizedItem item(long feedId, String guid, String link, String title, Instant published) {
        ParsedItem parsed = new ParsedItem(guid, link, title, null, "<p>" + title + "</p>", null, List.of(), null,
                published, null);
        return normalizer.normalize(parsed, feedId, URI.create("https://site.example.vn/rss/" + feedId + ".rss"), NOW);
    }

    private long stories() {
        return db.count("SELECT COUNT(DISTINCT story_hash) FROM item");
    }

    @Nested
    class WithinAFeed {

        @Test
        void storesARepeatedGuidOnceWithoutFailingTheBatch() {
            long feed = feed("https://site.example.vn/rss/a.rss");
            UpsertResult result = store.upsert(feed, List.of(
                    item(feed, "dup", "https://site.example.vn/1.html", "Một", NOW),
                    item(feed, "dup", "https://site.example.vn/2.html", "Hai", NOW),
                    item(feed, "other", "https://site.example.vn/3.html", "Ba", NOW)), NOW);
            assertEquals(2, result.inserted());
            assertEquals(2, db.count("SELECT COUNT(*) FROM item"));
        }

        @Test
        void storesAFiveKilobyteGuidAndRecognisesItNextTime() {
            long feed = feed("https://site.example.vn/rss/a.rss");
            String guid = "https://site.example.vn/?q=" + "Hiệp sĩ Thánh quốc ".repeat(260);
            NormalizedItem first = item(feed, guid, null, "Overlord 12", NOW);
            assertEquals(1, store.upsert(feed, List.of(first), NOW).inserted());
            UpsertResult again = store.upsert(feed, List.of(item(feed, guid, null, "Overlord 12", NOW)), NOW);
            assertEquals(1, again.unchanged());
            assertEquals(1, db.count("SELECT COUNT(*) FROM item"));
        }

        @Test
        void storesADocumentLargerThanOneInsertStatementAndRecognisesItNextTime() {
            long feed = feed("https://site.example.vn/rss/big.rss");
            List<NormalizedItem> items = new ArrayList<>();
            for (int n = 0; n < 250; n++) {
                // 250 rows of ~12,000 characters: more rows and more text than one INSERT statement takes.
                ParsedItem parsed = new ParsedItem("g" + n, "https://site.example.vn/" + n + ".html", "Bài " + n, null,
                        "<p>" + "Nội dung dài ".repeat(1000) + n + "</p>", null, List.of(), null, NOW, null);
                items.add(normalizer.normalize(parsed, feed, URI.create("https://site.example.vn/rss/big.rss"), NOW));
            }
            assertEquals(250, store.upsert(feed, items, NOW).inserted());
            assertEquals(250, db.count("SELECT COUNT(*) FROM item WHERE feed_id = " + feed));
            assertEquals(250, store.upsert(feed, items, NOW.plusSeconds(60)).unchanged());
        }

        @Test
        void keepsARowAnotherPollOfTheFeedStoredSinceItsLookUp() {
            long feed = feed("https://site.example.vn/rss/a.rss");
            NormalizedItem a = item(feed, "a", "https://site.example.vn/1.html", "Một", NOW);
            NormalizedItem b = item(feed, "b", "https://site.example.vn/2.html", "Hai", NOW);
            UpsertResult result = tx.executeWrite(status -> {
                // This transaction's snapshot starts here, so its look-up does not see the row the other poll commits.
                try (Statement st = status.getConnection().createStatement()) {
                    st.executeQuery("SELECT COUNT(*) FROM item").close();
                }
                CompletableFuture.runAsync(() -> store.upsert(feed, List.of(a), NOW)).join();
                return store.upsert(feed, List.of(a, b), NOW);
            });
            assertEquals(2, result.inserted());
            assertEquals(1, db.count("SELECT COUNT(*) FROM item WHERE guid = 'a'"));
            assertEquals(1, db.count("SELECT COUNT(*) FROM item WHERE guid = 'b'"));
        }

        @Test
        void marksNewAndChangedItemsSeenWhenItWritesThem() {
            long feed = feed("https://site.example.vn/rss/a.rss");
            store.upsert(feed, List.of(item(feed, "a", "https://site.example.vn/1.html", "Một", NOW)), NOW);
            assertEquals(1, db.count("SELECT COUNT(*) FROM item WHERE last_seen_at = '2026-01-28 12:00:00'"));
            Instant later = NOW.plus(Duration.ofHours(1));
            UpsertResult changed = store.upsert(feed,
                    List.of(item(feed, "a", "https://site.example.vn/1.html", "Một (cập nhật)", NOW)), later);
            assertEquals(1, changed.updated());
            assertEquals(1, db.count("SELECT COUNT(*) FROM item WHERE last_seen_at = '2026-01-28 13:00:00'"
                    + " AND modified_at = '2026-01-28 13:00:00'"));
        }
    }

    @Nested
    class Sightings {

        @Inject
        ItemSightings sightings;

        @Test
        void marksTheDocumentsItemsAndTheFeedInOneGo() {
            long feed = feed("https://site.example.vn/rss/a.rss");
            long other = feed("https://site.example.vn/rss/b.rss");
            NormalizedItem kept = item(feed, "kept", "https://site.example.vn/1.html", "Một", NOW);
            NormalizedItem dropped = item(feed, "dropped", "https://site.example.vn/2.html", "Hai", NOW);
            NormalizedItem elsewhere = item(other, "kept", "https://site.example.vn/1.html", "Một", NOW);
            store.upsert(feed, List.of(kept, dropped), NOW);
            store.upsert(other, List.of(elsewhere), NOW);
            Instant later = NOW.plus(Duration.ofHours(1));
            sightings.markSeen(feed, List.of(kept.identityHash()), later);
            assertEquals("kept", db.string("SELECT guid FROM item WHERE last_seen_at = '2026-01-28 13:00:00'"));
            assertEquals(1, db.count("SELECT COUNT(*) FROM feed WHERE document_at = '2026-01-28 13:00:00'"));
        }

        @Test
        void marksTheFeedWhenTheDocumentHoldsNoStoredItem() {
            long feed = feed("https://site.example.vn/rss/a.rss");
            sightings.markSeen(feed, List.of("0".repeat(64)), NOW);
            sightings.markSeen(feed, List.of(), NOW.plusSeconds(60));
            assertEquals(1, db.count("SELECT COUNT(*) FROM feed WHERE document_at = '2026-01-28 12:01:00'"));
        }
    }

    @Nested
    class AcrossFeeds {

        @Test
        void joinsTheSameTitleFromTheSameSiteWithin48Hours() {
            long a = feed("https://site.example.vn/rss/doi-song.rss");
            long b = feed("https://site.example.vn/rss/thoi-su.rss");
            String title = "Chợ hoa ngày Tết đông nghịt người";
            store.upsert(a, List.of(item(a, "a1", "https://site.example.vn/doi-song/cho-hoa-1.html", title, NOW)), NOW);
            store.upsert(b, List.of(item(b, "b1", "https://www.site.example.vn/thoi-su/cho-hoa-9.html",
                    Normalizer.normalize(title, Normalizer.Form.NFD), NOW.minus(Duration.ofHours(47)))), NOW);
            assertEquals(1, stories());
        }

        @Test
        void keepsApartTheSameTitleMoreThan48HoursApartOrFromAnotherSite() {
            long a = feed("https://site.example.vn/rss/a.rss");
            long b = feed("https://site.example.vn/rss/b.rss");
            long c = feed("https://other.example.vn/rss/c.rss");
            store.upsert(a, List.of(item(a, "a1", "https://site.example.vn/1.html", "Dự báo thời tiết", NOW)), NOW);
            store.upsert(b, List.of(item(b, "b1", "https://site.example.vn/2.html", "Dự báo thời tiết",
                    NOW.minus(Duration.ofHours(49)))), NOW);
            store.upsert(c, List.of(item(c, "c1", "https://other.example.vn/1.html", "Dự báo thời tiết", NOW)), NOW);
            assertEquals(3, stories());
        }

        @Test
        void letsASharedCanonicalUrlWinOverATitleMatch() {
            long a = feed("https://site.example.vn/rss/a.rss");
            long b = feed("https://site.example.vn/rss/b.rss");
            long c = feed("https://site.example.vn/rss/c.rss");
            store.upsert(a, List.of(item(a, "a1", "https://site.example.vn/x.html", "Tiêu đề", NOW)), NOW);
            store.upsert(b, List.of(item(b, "b1", "https://site.example.vn/y.html?utm_source=z", "Khác", NOW)), NOW);
            // Same title as a's item, same URL as b's: the URL decides.
            store.upsert(c, List.of(item(c, "c1", "https://site.example.vn/y.html", "Tiêu đề", NOW)), NOW);
            assertEquals(2, stories());
            assertEquals(db.string("SELECT story_hash FROM item WHERE guid = 'b1'"),
                    db.string("SELECT story_hash FROM item WHERE guid = 'c1'"));
        }

        @Test
        void keepsTheJoinedStoryWhenACopyIsUpdated() {
            long a = feed("https://site.example.vn/rss/a.rss");
            long b = feed("https://site.example.vn/rss/b.rss");
            store.upsert(a, List.of(item(a, "a1", "https://site.example.vn/1.html", "Giá vàng", NOW)), NOW);
            store.upsert(b, List.of(item(b, "b1", "https://site.example.vn/2.html", "Giá vàng", NOW)), NOW);
            NormalizedItem changed = normalizer.normalize(new ParsedItem("b1", "https://site.example.vn/2.html", "Giá vàng",
                    null, "<p>cập nhật</p>", null, List.of(), null, NOW, null), b,
                    URI.create("https://site.example.vn/rss/b.rss"), NOW);
            assertEquals(1, store.upsert(b, List.of(changed), NOW.plusSeconds(60)).updated());
            assertEquals(1, stories());
        }

        @Test
        void joinsSectionFeedsStoredAtTheSameMomentOnTwoWorkers() throws Exception {
            for (int round = 0; round < 10; round++) {
                db.clear();
                long a = feed("https://site.example.vn/rss/a-" + round + ".rss");
                long b = feed("https://site.example.vn/rss/b-" + round + ".rss");
                List<NormalizedItem> itemsA = new ArrayList<>();
                List<NormalizedItem> itemsB = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    itemsA.add(item(a, "a" + i, "https://site.example.vn/doi-song/" + i + ".html", "Bài số " + i, NOW));
                    itemsB.add(item(b, "b" + i, "https://site.example.vn/thoi-su/" + i + ".html", "Bài số " + i, NOW));
                }
                CountDownLatch start = new CountDownLatch(1);
                CompletableFuture<UpsertResult> first = CompletableFuture.supplyAsync(() -> await(start, () -> store.upsert(a, itemsA, NOW)));
                CompletableFuture<UpsertResult> second = CompletableFuture.supplyAsync(() -> await(start, () -> store.upsert(b, itemsB, NOW)));
                start.countDown();
                first.join();
                second.join();
                assertEquals(40, db.count("SELECT COUNT(*) FROM item"));
                assertEquals(20, stories(), "round " + round);
            }
        }

        private static <T> T await(CountDownLatch latch, java.util.function.Supplier<T> work) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return work.get();
        }
    }

    @Test
    void givesDifferentStoriesToDifferentArticles() {
        long a = feed("https://site.example.vn/rss/a.rss");
        store.upsert(a, List.of(item(a, "1", "https://site.example.vn/1.html", "Một", NOW),
                item(a, "2", "https://site.example.vn/2.html", "Hai", NOW)), NOW);
        assertNotEquals(db.string("SELECT story_hash FROM item WHERE guid = '1'"),
                db.string("SELECT story_hash FROM item WHERE guid = '2'"));
    }
}
