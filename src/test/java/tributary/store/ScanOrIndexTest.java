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
    void aPhraseOfCommonWordsSkipsTheIndex() {
        // "bão số 3" at 1,000,000 items: its three tokens list about 170,000 entries, while its probe gets 50 ms.
        long index = ItemReader.indexNanos(170_000);
        assertEquals(1_700_000_000L, index);
        assertTrue(ItemReader.indexFarSlower(index, ItemReader.MIN_PROBE_NANOS));
    }

    @Test
    void aRareWordStillAsksTheIndex() {
        // sếu: 500 entries in 1,000,000 items, though ten of a category's newest thousand rows hold it.
        assertFalse(ItemReader.indexFarSlower(ItemReader.indexNanos(500), ItemReader.MIN_PROBE_NANOS));
        // Two rare words of a phrase: both lists are read.
        assertFalse(ItemReader.indexFarSlower(ItemReader.indexNanos(1_000), ItemReader.MIN_PROBE_NANOS));
    }

    @Test
    void theIndexIsSkippedOnlyWhenFourTimesSlowerThanItsProbe() {
        assertFalse(ItemReader.indexFarSlower(400_000_000L, 100_000_000L));
        assertTrue(ItemReader.indexFarSlower(400_000_001L, 100_000_000L));
        assertEquals(0, ItemReader.indexNanos(-1), "no estimate: nothing listed");
    }

    @Test
    void readingOnWithNoMatchIsEndless() {
        assertEquals(Long.MAX_VALUE, ItemReader.readOnNanos(500, 0, 50, 10_000_000L));
        assertEquals(40_000_000L, ItemReader.readOnNanos(1000, 10, 10, 40_000_000L));
    }
}
