package tributary.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which candidates an item is judged against, the same at ingest (ClusterLinker) and in the evaluation
 * (StoryClusterer): of the items found under its band keys, those sharing the most keys with it (the likeliest to be
 * the same event), the newest first among equals, at most a bound: news shares much vocabulary, and without a bound
 * the candidates of one item grew with the store.
 */
public final class Candidates {

    private Candidates() {
    }

    /** The ids under keys in byKey (not in exclude) sharing the most keys, at most limit, the highest id first among equals. */
    public static List<Long> mostShared(long[] keys, Map<Long, ? extends Collection<Long>> byKey, Set<Long> exclude,
            int limit) {
        Map<Long, int[]> shared = new HashMap<>();
        for (long key : keys) {
            Collection<Long> ids = byKey.get(key);
            if (ids == null) {
                continue;
            }
            for (Long id : ids) {
                if (!exclude.contains(id)) {
                    shared.computeIfAbsent(id, k -> new int[1])[0]++;
                }
            }
        }
        if (shared.isEmpty() || limit <= 0) {
            return List.of();
        }
        long[][] ranked = new long[shared.size()][];
        int n = 0;
        for (Map.Entry<Long, int[]> e : shared.entrySet()) {
            ranked[n++] = new long[] {e.getValue()[0], e.getKey()};
        }
        Arrays.sort(ranked, (a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(b[1], a[1]));
        List<Long> out = new ArrayList<>(Math.min(limit, n));
        for (int i = 0; i < n && i < limit; i++) {
            out.add(ranked[i][1]);
        }
        return out;
    }
}
