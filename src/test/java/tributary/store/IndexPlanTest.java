package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import tributary.match.IndexFilter;

/** Which parts of a query's index filter a search asks the index for (IndexPlan): the cheapest that still narrow. */
class IndexPlanTest {

    /** Entries each token lists, as the sample would estimate them. */
    private static final Map<String, Long> LISTED = Map.of("zurare", 300L, "zuodd", 800L, "zucommon", 500_000L,
            "zuhalf", 250_000L);

    private static final ToLongFunction<IndexFilter.Token> ROWS = t -> LISTED.getOrDefault(t.token(), 0L);

    private static IndexFilter.Token word(String token) {
        return new IndexFilter.Token(token, false);
    }

    private static IndexFilter all(IndexFilter... parts) {
        return new IndexFilter.All(List.of(parts));
    }

    private static IndexFilter any(IndexFilter... parts) {
        return new IndexFilter.Any(List.of(parts));
    }

    @Test
    void aCommonWordBesideARareOneIsNotAsked() {
        IndexPlan plan = IndexPlan.of(all(word("zucommon"), word("zurare"), word("zuhalf")), ROWS);
        assertEquals("+zurare", plan.expression());
        assertEquals(300, plan.listedRows());
    }

    @Test
    void aShortListIsKeptBesideTheShortest() {
        IndexPlan plan = IndexPlan.of(all(word("zucommon"), word("zuodd"), word("zurare")), ROWS);
        assertEquals("+zurare +zuodd", plan.expression());
        assertEquals(1_100, plan.listedRows());
    }

    @Test
    void everyAlternativeIsAskedAndAddsUp() {
        IndexPlan plan = IndexPlan.of(any(all(word("zucommon"), word("zurare")), word("zuodd")), ROWS);
        assertEquals("+(zurare zuodd)", plan.expression());
        assertEquals(1_100, plan.listedRows());
    }

    @Test
    void aPieceOfAWordNotResolvedIsNotAsked() {
        IndexFilter piece = new IndexFilter.Fragment("rare", true);
        assertNull(IndexPlan.of(piece, ROWS), "nothing left to ask");
        assertNull(IndexPlan.of(null, ROWS));
    }
}
