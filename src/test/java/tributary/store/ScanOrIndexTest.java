package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a tested walk reads on as the rows come and when it asks the FULLTEXT index (ItemReader.scanFillsSooner). */
class ScanOrIndexTest {

    @Test
    void nothingFoundInTheNewestRowsAsksTheIndex() {
        assertFalse(ItemReader.scanFillsSooner(500, 0, 50, 500), "a rare term: only the index finds it soon");
    }

    @Test
    void aCommonTermReadsOn() {
        // 15 of 500 rows matched (3 %): 35 more take about 1,200 rows, well within 8 × 500.
        assertTrue(ItemReader.scanFillsSooner(500, 15, 35, 500));
    }

    @Test
    void aTermTooRareToFillThePageSoonAsksTheIndex() {
        // 1 of 500 (0.2 %): 49 more would take about 24,500 rows.
        assertFalse(ItemReader.scanFillsSooner(500, 1, 49, 500));
    }

    @Test
    void theBoundIsEightTimesScanRows() {
        assertTrue(ItemReader.scanFillsSooner(1000, 10, 40, 500), "4,000 rows to fill: read on");
        assertFalse(ItemReader.scanFillsSooner(1000, 10, 41, 500), "4,100 rows to fill: ask the index");
    }

    @Test
    void scanRowsZeroStillReadsOnAtAHighShare() {
        assertTrue(ItemReader.scanFillsSooner(64, 64, 5, 0));
        assertFalse(ItemReader.scanFillsSooner(64, 1, 50, 0));
    }

    @Test
    void aProbeOfTheIndexEndsSoonerThanThePage() {
        long now = 1_000_000_000L;
        long page = now + 2_000_000_000L;
        assertEquals(now + 80_000_000L, ItemReader.statementDeadline(80_000_000L, page, now));
        assertEquals(page, ItemReader.statementDeadline(0, page, now), "no probe: the page's own deadline");
    }

    @Test
    void aProbeNeverOutlivesThePage() {
        long now = 1_000_000_000L;
        long page = now + 10_000_000L;
        assertEquals(page, ItemReader.statementDeadline(80_000_000L, page, now));
    }

    @Test
    void aProbeGetsAsLongAsReadingOnWouldTake() {
        // 10 matches in 1,000 rows read in 40 ms: 40 more take about 4,000 rows, 160 ms.
        assertEquals(160_000_000L, ItemReader.probeNanos(1000, 10, 40, 40_000_000L));
        // A fast read of a common word still leaves the index its least.
        assertEquals(ItemReader.MIN_PROBE_NANOS, ItemReader.probeNanos(1000, 500, 10, 10_000_000L));
        assertEquals(ItemReader.MIN_PROBE_NANOS, ItemReader.probeNanos(0, 0, 50, 0));
    }

    @Test
    void aStatementStoppedByItsBoundIsKnownByItsStateOrByItsTime() {
        long end = 5_000_000_000L;
        java.sql.SQLException timedOut = new java.sql.SQLException("Query execution was interrupted", "70100", 1969);
        // What InnoDB's FULLTEXT search answered when interrupted inside it (bench/search.sh, 300,000 items).
        java.sql.SQLException interruptedSearch = new java.sql.SQLException("(conn=3) Unknown error 188", "HY000", 188);
        assertTrue(ItemReader.stoppedByItsBound(timedOut, end - 1_000_000L, end));
        assertTrue(ItemReader.stoppedByItsBound(interruptedSearch, end + 1_000L, end));
        assertFalse(ItemReader.stoppedByItsBound(interruptedSearch, end - 30_000_000L, end),
                "the same error well before the bound is a real failure");
    }

    @Test
    void theIndexListsEachTokensShareAddedUp() {
        // 256 rows sampled: one token in 32 of them, one in 16, one never.
        assertEquals(0.1875, ItemReader.listedShare(new long[]{32, 16, 0}, 256), 1e-9);
        assertEquals(0.0, ItemReader.listedShare(new long[]{0}, 256), 1e-9);
    }

    @Test
    void aPhraseOfCommonWordsSkipsTheIndex() {
        // "bão số 3" at 1,000,000 items: its tokens in about 17 % of them, while reading on fills the page in ~10 ms.
        long index = ItemReader.indexNanos(0.17, 1_000_000);
        assertEquals(1_700_000_000L, index);
        assertTrue(ItemReader.indexFarSlower(index, 10_000_000L));
    }

    @Test
    void aRareWordInACategoryStillAsksTheIndex() {
        // sếu in a category's newest rows: 0.5 % of the sample (a clustered one: 0.05 % of the table), reading on
        // expected at 64 ms (it took 656 ms: the other matches lay far down).
        long index = ItemReader.indexNanos(0.005, 1_000_000);
        assertFalse(ItemReader.indexFarSlower(index, 64_000_000L));
    }

    @Test
    void theIndexIsSkippedOnlyWhenFourTimesSlower() {
        assertFalse(ItemReader.indexFarSlower(400_000_000L, 100_000_000L));
        assertTrue(ItemReader.indexFarSlower(400_000_001L, 100_000_000L));
        assertFalse(ItemReader.indexFarSlower(Long.MAX_VALUE / 2, Long.MAX_VALUE), "nothing matched yet: ask it");
    }

    @Test
    void readingOnWithNoMatchIsEndless() {
        assertEquals(Long.MAX_VALUE, ItemReader.readOnNanos(500, 0, 50, 10_000_000L));
        assertEquals(40_000_000L, ItemReader.readOnNanos(1000, 10, 10, 40_000_000L));
    }
}
