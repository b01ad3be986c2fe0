package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tributary.match.IndexFilter;
import tributary.match.IndexTerms;
import tributary.match.MatchText;
import tributary.support.Database;
import tributary.support.FeedsYml;

/**
 * The vocabulary of the search index (real MariaDB): what a piece of a word resolves to, its bounds, and that words
 * are known only once their transaction commits. Every test writes words of its own, marked by a random tag: the
 * table outlives items, and a database named by DATASOURCES_DEFAULT_URL outlives the run.
 */
@MicronautTest(transactional = false)
class SearchWordsTest implements TestPropertyProvider {

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    Database db;

    @Inject
    SearchBackfill started;

    private SearchWords words;

    /** Letters no other run's words hold. */
    private final String tag = "zq" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).replaceAll("[0-9]", "q");

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties("tributary.poll.scheduler-enabled", "false");
    }

    @BeforeEach
    void aVocabulary() throws InterruptedException {
        SearchBackfillTest.awaitStartupRun(started);
        words = new SearchWords();
        boolean complete = tx.executeRead(status -> words.complete(status.getConnection()));
        assertTrue(complete, "a new database has nothing to fill");
    }

    private void add(String text) {
        tx.executeWrite(status -> {
            words.add(status.getConnection(), status, IndexTerms.words(MatchText.of(text, null, null, null)));
            return null;
        });
    }

    private Set<String> resolve(String piece, boolean end) {
        IndexFilter found = tx.executeRead(status -> words.resolve(status.getConnection(),
                new IndexFilter.Fragment(piece, end)));
        if (found == null) {
            return null;
        }
        Set<String> tokens = new HashSet<>();
        List<IndexFilter> parts = found instanceof IndexFilter.Any any ? any.parts() : List.of(found);
        for (IndexFilter part : parts) {
            tokens.add(((IndexFilter.Token) part).token());
        }
        return tokens;
    }

    private static String token(String word) {
        return IndexTerms.wordToken(word);
    }

    @Test
    void aPieceInsideAWordResolvesToTheWordsHoldingIt() {
        // Words of this test's own (the tag): other tests' items leave real words in the table, and every piece
        // inside a word also resolves to the words too long to keep whole (aLongWord…).
        add(("AKhuỷ%1$sb tay của Thuỷ%1$s, trận đấu bị huỷ%1$s; hủy%1$s bỏ").formatted(tag));
        Set<String> found = resolve("huỷ" + tag, false);
        assertTrue(found.containsAll(Set.of(token("akhuỷ" + tag + "b"), token("thuỷ" + tag), token("huỷ" + tag))),
                found.toString());
        // hủy and huỷ are one token, but a regex's literal is found in one spelling only: akhuỷ…b holds only huỷ.
        Set<String> otherSpelling = resolve("hủy" + tag, false);
        assertTrue(otherSpelling.contains(token("hủy" + tag)), otherSpelling.toString());
        assertTrue(!otherSpelling.contains(token("akhuỷ" + tag + "b")), "the other tone placement is another spelling");
        assertEquals(Set.of(IndexFilter.NOTHING.token()), resolve("qqxhuỷ" + tag, true), "no word holds it: no item");
    }

    @Test
    void aWordsEndResolvesOnlyToWordsEndingInIt() {
        add(("Điện%1$s lực: bện%1$sh viện%1$s").formatted(tag));
        assertEquals(Set.of(token("điện" + tag), token("viện" + tag)), resolve("ện" + tag, true));
        assertTrue(resolve("ện" + tag, false).contains(token("bện" + tag + "h")), "inside a word, it holds it too");
    }

    private Set<String> found(String regex) {
        IndexFilter found = tx.executeRead(status -> words.resolve(status.getConnection(),
                new IndexFilter.WordPattern(Pattern.compile(regex, Pattern.CASE_INSENSITIVE))));
        if (found == null) {
            return null;
        }
        Set<String> tokens = new HashSet<>();
        for (IndexFilter part : found instanceof IndexFilter.Any any ? any.parts() : List.of(found)) {
            tokens.add(((IndexFilter.Token) part).token());
        }
        return tokens;
    }

    @Test
    void aRegexFoundOnlyInsideWordsResolvesToTheWordsItIsFoundIn() {
        add(("Hotline 0912345678%1$s, giá 250%1$s").formatted(tag));
        // Words too long to keep whole are candidates for every regex (aLongWord… leaves one).
        Set<String> phone = found("^\\d{9,}" + tag + "$");
        assertTrue(phone.contains(token("0912345678" + tag)) && !phone.contains(token("250" + tag)), phone.toString());
        assertTrue(found("^\\d{3}" + tag.toUpperCase(Locale.ROOT) + "$").contains(token("250" + tag)),
                "case-insensitively, as in the text");
        db.update("DELETE FROM search_word WHERE NOT whole");
        assertEquals(Set.of(IndexFilter.NOTHING.token()), found("^\\d{11}" + tag + "$"), "no word: no item");
    }

    @Test
    void aVocabularyLargerThanMaxScannedIsNotReadThrough() {
        long have = db.count("SELECT COUNT(*) FROM search_word");
        long more = Math.max(0, SearchWords.MAX_SCANNED + 1 - have);
        String digit = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL"
                + " SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
        db.update("INSERT IGNORE INTO search_word (word, token, reversed, whole) SELECT CONCAT('scan', ?, n), 'zuscan',"
                + " 'x', TRUE FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d AS n FROM "
                + String.join(" JOIN ", digit + " a", digit + " b", digit + " c", digit + " e", digit + " f", digit + " g")
                + ") numbers WHERE n < " + more, tag);
        assertTrue(db.count("SELECT COUNT(*) FROM search_word") > SearchWords.MAX_SCANNED);
        try {
            assertNull(found("^scan" + tag + "1$"), "reading the whole vocabulary would cost more than the rows");
        } finally {
            db.update("DELETE FROM search_word WHERE word LIKE CONCAT('scan', ?, '%')", tag);
        }
        assertTrue(foundAfterAdding("scan" + tag).contains(token("scan" + tag)), "read through again below the bound");
    }

    private Set<String> foundAfterAdding(String word) {
        add(word);
        return found("^" + word + "$");
    }

    @Test
    void moreThanMaxWordsIsNotAnswered() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < SearchWords.MAX_WORDS; i++) {
            text.append(" w").append(i).append(tag);
        }
        add(text.toString());
        assertEquals(SearchWords.MAX_WORDS, resolve(tag, true).size());
        add("one more w" + SearchWords.MAX_WORDS + tag);
        assertNull(resolve(tag, true), "a common piece: the search reads rows instead");
    }

    @Test
    void aLongWordIsACandidateForEveryPieceInsideIt() {
        String longWord = "lw" + "a".repeat(SearchWords.WORD_CHARS) + "middle" + tag + "b".repeat(100);
        add(longWord);
        assertTrue(resolve("middle" + tag, false).contains(token(longWord)), "past the kept start");
        assertTrue(resolve("abbb", false).contains(token(longWord)));
        assertTrue(resolve("b".repeat(SearchWords.END_CHARS), true).contains(token(longWord)), "its end is kept");
        assertNull(resolve("q" + "b".repeat(SearchWords.END_CHARS), true), "a longer end is not looked up");
    }

    @Test
    void wordsAreKnownOnlyOnceTheirTransactionCommits() {
        String word = "rollback" + tag;
        Set<String> rolledBack = IndexTerms.words(MatchText.of(word, null, null, null));
        assertThrows(IllegalStateException.class, () -> tx.executeWrite(status -> {
            words.add(status.getConnection(), status, rolledBack);
            throw new IllegalStateException("the item's insert failed");
        }));
        assertEquals(0, db.count("SELECT COUNT(*) FROM search_word WHERE word = '" + word + "'"));
        add(word);
        assertEquals(1, db.count("SELECT COUNT(*) FROM search_word WHERE word = '" + word + "'"),
                "written when the item is stored again");
    }

    @Test
    void aWordRememberedIsNotWrittenAgainUntilMoreThanKnownAreRemembered() {
        words = new SearchWords(3);
        add(("a%1$s b%1$s c%1$s").formatted(tag));
        assertEquals(3, words.knownCount());
        db.update("DELETE FROM search_word WHERE word = ?", "a" + tag);
        add("a" + tag);
        assertEquals(0, db.count("SELECT COUNT(*) FROM search_word WHERE word = 'a" + tag + "'"), "remembered: not written");
        add(("d%1$s e%1$s").formatted(tag));
        assertEquals(2, words.knownCount(), "past the bound it forgets all it remembered");
        add("a" + tag);
        assertEquals(1, db.count("SELECT COUNT(*) FROM search_word WHERE word = 'a" + tag + "'"), "forgotten: written again");
    }

    @Test
    void piecesAreNotAskedBeforeTheOlderItemsWordsAreIn() {
        db.update("UPDATE search_word_fill SET done = FALSE WHERE id = 1");
        try {
            SearchWords fresh = new SearchWords();
            add("notyet" + tag);
            assertNull(tx.executeRead(status -> fresh.resolve(status.getConnection(),
                    new IndexFilter.Fragment("yet" + tag, false))));
        } finally {
            db.update("UPDATE search_word_fill SET done = TRUE WHERE id = 1");
        }
    }
}
