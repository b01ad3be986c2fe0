package tributary.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-memory band index answers what the band table answered (the newest perKey items of each key within a range,
 * the newest first, the higher id first among equals), passes over pending items, and holds no more than its bounds.
 */
class BandIndexTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final int PER_KEY = ClusterConfig.DEFAULTS.perKey();

    private static Instant minutes(int m) {
        return NOW.plus(Duration.ofMinutes(m));
    }

    /** One stored item as the band table held it: its id, date and keys. */
    private record Stored(long id, Instant published, long[] keys) {
    }

    /** What the table's query answered: per key, the newest PER_KEY rows within [from, to] by date, then id. */
    private static Map<Long, List<Long>> asTheTableAnswered(List<Stored> items, Set<Long> keys, Instant from,
            Instant to) {
        Map<Long, List<Long>> out = new HashMap<>();
        for (long key : keys) {
            List<Stored> under = new ArrayList<>();
            for (Stored s : items) {
                boolean has = false;
                for (long k : s.keys()) {
                    has |= k == key;
                }
                if (has && !s.published().isBefore(from) && !s.published().isAfter(to)) {
                    under.add(s);
                }
            }
            under.sort(Comparator.comparing(Stored::published).thenComparingLong(Stored::id).reversed());
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < under.size() && i < PER_KEY; i++) {
                ids.add(under.get(i).id());
            }
            if (!ids.isEmpty()) {
                out.put(key, ids);
            }
        }
        return out;
    }

    @Nested
    class Reading {

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 4, 5})
        void answersAsTheBandTableDidForItemsAddedInAnyOrder(int seed) {
            Random random = new Random(seed);
            BandIndex index = new BandIndex(10_000, PER_KEY);
            List<Stored> items = new ArrayList<>();
            for (int id = 1; id <= 3000; id++) {
                // Few keys, so that many items share each (as the generated feeds' do), and dates that repeat.
                long[] keys = new long[8];
                for (int k = 0; k < keys.length; k++) {
                    keys[k] = random.nextInt(60) - 30;
                }
                Stored s = new Stored(id, minutes(-random.nextInt(6000)), keys);
                items.add(s);
                index.add(s.id(), s.published(), s.keys(), false);
            }
            Set<Long> keys = Set.of(-30L, -1L, 0L, 7L, 29L, 1000L);
            for (int hours : new int[] {1, 10, 48, 200}) {
                Instant from = NOW.minus(Duration.ofHours(hours));
                assertEquals(asTheTableAnswered(items, keys, from, NOW), index.newest(keys, from, NOW), "from " + from);
            }
        }

        @Test
        void passesOverPendingItemsUntilTheyAreCommitted() {
            BandIndex index = new BandIndex(100, PER_KEY);
            index.add(1, minutes(-10), new long[] {5}, false);
            index.add(2, minutes(-5), new long[] {5}, true);
            assertEquals(Map.of(5L, List.of(1L)), index.newest(Set.of(5L), minutes(-60), NOW));
            index.commit(List.of(2L));
            assertEquals(Map.of(5L, List.of(2L, 1L)), index.newest(Set.of(5L), minutes(-60), NOW));
        }

        @Test
        void forgetsItemsWhoseTransactionRolledBack() {
            BandIndex index = new BandIndex(100, PER_KEY);
            index.add(1, minutes(-10), new long[] {5, 6}, true);
            index.remove(List.of(1L));
            assertFalse(index.holds(1));
            index.commit(List.of(1L));
            assertEquals(Map.of(), index.newest(Set.of(5L, 6L), minutes(-60), NOW));
            assertEquals(0, index.size());
        }

        @Test
        void anItemHeldAlreadyIsNotAddedAgain() {
            BandIndex index = new BandIndex(100, PER_KEY);
            assertTrue(index.add(1, minutes(-10), new long[] {5}, false));
            assertFalse(index.add(1, minutes(-1), new long[] {6}, false));
            assertEquals(Map.of(5L, List.of(1L)), index.newest(Set.of(5L, 6L), minutes(-60), NOW));
        }
    }

    @Nested
    class Bounds {

        @Test
        void holdsAtMostItsCapacityTheEarliestAddedGoingFirst() {
            BandIndex index = new BandIndex(50, PER_KEY);
            for (int id = 1; id <= 120; id++) {
                index.add(id, minutes(-id), new long[] {id, 1000 + id % 3}, false);
            }
            assertEquals(50, index.size());
            assertFalse(index.holds(70));
            assertTrue(index.holds(71));
            assertEquals(Map.of(), index.newest(Set.of(70L), minutes(-1000), NOW));
            assertEquals(Map.of(71L, List.of(71L)), index.newest(Set.of(71L), minutes(-1000), NOW));
        }

        @Test
        void keepsTwicePerKeyUnderAKeyTheOldestDropped() {
            BandIndex index = new BandIndex(1000, PER_KEY);
            int n = 2 * PER_KEY + 10;
            for (int id = 1; id <= n; id++) {
                // The newest are pending, so a look-up reads past them to what the key still keeps.
                index.add(id, minutes(id), new long[] {9}, id > PER_KEY + 10);
            }
            List<Long> kept = new ArrayList<>();
            for (long id = PER_KEY + 10; id > 10; id--) {
                kept.add(id);
            }
            assertEquals(Map.of(9L, kept), index.newest(Set.of(9L), minutes(-1), minutes(n)));
        }

        @Test
        void forgetsItemsDatedBeforeTheCutoff() {
            BandIndex index = new BandIndex(100, PER_KEY);
            index.add(1, minutes(-100), new long[] {5}, false);
            index.add(2, minutes(-10), new long[] {5}, false);
            assertEquals(1, index.expire(minutes(-50)));
            assertFalse(index.holds(1));
            assertEquals(Map.of(5L, List.of(2L)), index.newest(Set.of(5L), minutes(-1000), NOW));
        }

        @Test
        void anItemOfThirtyTwoKeysTakesAboutOneAndAHalfKilobytes() {
            Random random = new Random(7);
            int items = 20_000;
            BandIndex index = new BandIndex(items, PER_KEY);
            for (int id = 1; id <= items; id++) {
                long[] keys = new long[ClusterConfig.DEFAULTS.bands()];
                for (int k = 0; k < keys.length; k++) {
                    keys[k] = random.nextLong();
                }
                index.add(id, minutes(-id), keys, false);
            }
            long perItem = index.bytes() / items;
            assertTrue(perItem >= 1000 && perItem <= 1600, perItem + " bytes per item");
        }
    }
}
