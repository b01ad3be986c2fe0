package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tributary.match.IndexTerms;
import tributary.match.MatchText;
import tributary.support.Database;
import tributary.support.FeedsYml;

/**
 * Rows indexed before V17 (terms_version 1) are written again, and the words of items stored before the vocabulary
 * (V18) go into it, after which searches may ask it (real MariaDB; rows written straight into item and item_search,
 * as an older version left them).
 */
@MicronautTest(transactional = false)
class SearchBackfillTest implements TestPropertyProvider {

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    Database db;

    /** The application's own, which runs once after start-up. */
    @Inject
    SearchBackfill started;

    @Inject
    @Named(TaskExecutors.SCHEDULED)
    TaskScheduler scheduler;

    /** A new one per test: once it has seen every row indexed, an instance no longer asks. */
    private SearchBackfill backfill;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties("tributary.poll.scheduler-enabled", "false");
    }

    @BeforeEach
    void aFeed() throws InterruptedException {
        awaitStartupRun(started);
        backfill = new SearchBackfill(tx, scheduler);
        db.clear();
        db.update("INSERT INTO feed (url, url_hash, origin, created_at) VALUES (?, ?, 'file', UTC_TIMESTAMP())",
                "https://feed.example/rss", "f".repeat(64));
    }

    /** The run after start-up must not write the rows a test puts in as an older version left them. */
    static void awaitStartupRun(SearchBackfill started) throws InterruptedException {
        for (int waited = 0; !started.startupRunEnded() && waited < 30_000; waited += 50) {
            Thread.sleep(50);
        }
        assertTrue(started.startupRunEnded(), "the start-up run of the backfill ended");
    }

    private long item(int n, String title) {
        String hash = String.format("%064x", n);
        db.update("INSERT INTO item (feed_id, identity_hash, story_hash, content_hash, url, title, published_at,"
                + " first_seen_at) SELECT id, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM feed",
                hash, hash, hash, "https://site.example/" + n, title);
        return db.count("SELECT MAX(id) FROM item");
    }

    /** A row as a version before V17 wrote it: a word too long to index whole left out, terms_version 1. */
    private void oldRow(long id, String title) {
        MatchText text = MatchText.of(title, null, null, null);
        String withoutLong = String.join(" ", java.util.Arrays.stream(IndexTerms.of(text).split(" "))
                .filter(t -> t.length() < 80).toList());
        db.update("INSERT INTO item_search (item_id, doc, terms, terms_version) VALUES (?, ?, ?, 1)", id,
                text.serialize(), withoutLong);
    }

    @Test
    void oldRowsAreWrittenAgainOnce() {
        int old = SearchBackfill.BATCH + 3;
        String longWord = "x".repeat(100);
        for (int n = 0; n < old; n++) {
            oldRow(item(n, "Đàn sếu " + longWord + " " + n), "Đàn sếu " + longWord + " " + n);
        }
        assertEquals(0, db.count("SELECT COUNT(*) FROM item_search WHERE terms LIKE '%zuxxx%'"));

        assertEquals(old, backfill.rewriteOldTerms());

        assertEquals(old, db.count("SELECT COUNT(*) FROM item_search WHERE terms_version = " + SearchBackfill.TERMS_VERSION
                + " AND terms LIKE '%zuxxx%'"), "the long word's start is indexed");
        assertEquals(0, backfill.rewriteOldTerms(), "nothing is written twice");
    }

    @Test
    void rowsWrittenNowHaveTheCurrentVersionByDefault() {
        long id = item(1, "Bão số 3");
        db.update("INSERT INTO item_search (item_id, doc, terms) VALUES (?, '', 'zubao')", id);
        assertEquals(SearchBackfill.TERMS_VERSION, db.count("SELECT terms_version FROM item_search"));
    }

    /** Rows as a version before V18 left them: search text, no words in the vocabulary, the fill not begun. */
    private void beforeTheVocabulary(int count, String title, String tag) {
        db.update("UPDATE search_word_fill SET after_item = 0, done = FALSE WHERE id = 1");
        for (int n = 0; n < count; n++) {
            long id = item(n, title + " " + tag + n);
            MatchText text = MatchText.of(title + " " + tag + n, null, null, null);
            db.update("INSERT INTO item_search (item_id, doc, terms) VALUES (?, ?, ?)", id, text.serialize(),
                    IndexTerms.of(text));
        }
    }

    private boolean complete(SearchWords words) {
        return tx.executeRead(status -> words.complete(status.getConnection()));
    }

    @Test
    void theWordsOfOlderItemsAreFilledInAndThenTheVocabularyIsAsked() {
        int old = SearchBackfill.BATCH + 3;
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36).replaceAll("[0-9]", "q");
        beforeTheVocabulary(old, "Bfillquyết" + tag + " Xfillđịnh" + tag, "fillw" + tag + "n");
        assertFalse(complete(new SearchWords()), "not filled yet: pieces of words are not asked");
        assertEquals(0, db.count("SELECT COUNT(*) FROM search_word WHERE word LIKE '%" + tag + "%'"));

        assertEquals(old, backfill.fillWords());

        assertEquals(1, db.count("SELECT COUNT(*) FROM search_word WHERE word = 'bfillquyết" + tag + "'"),
                "folded as regexes see it");
        assertEquals(1, db.count("SELECT COUNT(*) FROM search_word WHERE word = 'xfillđịnh" + tag + "'"));
        assertEquals(old, db.count("SELECT COUNT(*) FROM search_word WHERE word LIKE 'fillw" + tag + "n%'"),
                "every item's words");
        assertTrue(complete(new SearchWords()));
        assertEquals(0, backfill.fillWords(), "done stays done");
    }

    @Test
    void aFillStoppedHalfWayGoesOnWhereItStopped() {
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36).replaceAll("[0-9]", "q");
        beforeTheVocabulary(3, "Cfillhalf", "fillh" + tag + "n");
        long second = db.count("SELECT MIN(item_id) FROM item_search") + 1;
        db.update("UPDATE search_word_fill SET after_item = ? WHERE id = 1", second);
        assertEquals(1, backfill.fillWords(), "only the items after the last one done");
        assertEquals(1, db.count("SELECT COUNT(*) FROM search_word WHERE word LIKE 'fillh" + tag + "n%'"));
        assertTrue(complete(new SearchWords()));
    }

    @Test
    void itemsWithoutSearchTextGetItAtTheCurrentVersion() {
        item(1, "Đà Nẵng mưa lớn");
        assertEquals(1, backfill.run());
        assertEquals(1, db.count("SELECT COUNT(*) FROM item_search WHERE terms LIKE '%zunang%'"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM search_word WHERE word = 'nẵng' AND token = '"
                + IndexTerms.wordToken("nẵng") + "'"),
                "its words are in the vocabulary");
    }
}
