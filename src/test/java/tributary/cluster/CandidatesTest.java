package tributary.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which candidates a new item is judged against (Candidates.mostShared): the most shared bands first, bounded. */
class CandidatesTest {

    private static final Map<Long, Set<Long>> BY_KEY = Map.of(
            1L, Set.of(10L, 11L, 12L, 13L),
            2L, Set.of(11L, 12L, 99L),
            3L, Set.of(12L, 99L),
            4L, Set.of(14L));

    @Test
    void theCandidatesSharingTheMostBandsComeFirstTheNewestAmongEquals() {
        assertEquals(List.of(12L, 11L, 14L, 13L, 10L),
                Candidates.mostShared(new long[] {1, 2, 3, 4}, BY_KEY, Set.of(99L), 10));
    }

    @Test
    void atMostLimitAreJudgedHoweverManyShareABand() {
        assertEquals(List.of(12L, 11L), Candidates.mostShared(new long[] {1, 2, 3, 4}, BY_KEY, Set.of(99L), 2));
        assertEquals(List.of(), Candidates.mostShared(new long[] {1, 2}, BY_KEY, Set.of(), 0));
    }

    @Test
    void theBatchsOwnItemsAreNoCandidates() {
        assertEquals(List.of(12L), Candidates.mostShared(new long[] {3}, BY_KEY, Set.of(99L), 5));
    }
}
