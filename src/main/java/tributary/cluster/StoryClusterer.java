package tributary.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups items into clusters as they arrive, in memory: candidates come from the band index, only items of other
 * sites within the window count, and an item joins the cluster of its best accepted candidate unless that cluster
 * already holds its site. Clusters are never merged with each other: a wrong link cannot chain two events into one.
 * The database-backed ingest path asks the same {@link SameEventRule} of candidates found by the same band keys.
 */
public final class StoryClusterer {

    private final ClusterConfig config;
    private final MinHasher hasher;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<Long, List<Integer>> index = new HashMap<>();
    private long comparisons;

    public StoryClusterer(ClusterConfig config) {
        this.config = config;
        this.hasher = new MinHasher(config.bands(), config.rows());
    }

    private record Entry(ClusterItem item, StoryFeatures features, int cluster) {
    }

    /**
     * Adds one item and returns the index of the cluster it joined (its own when it joined none). Its candidates are
     * those ingest would judge (BandIndex, Candidates): under each of its band keys the newest perKey items within
     * the window, of those the maxCandidates sharing the most keys with it.
     */
    public int add(ClusterItem item) {
        StoryFeatures features = FeatureExtractor.read(item);
        long[] keys = hasher.bandKeys(features.content());
        Map<Long, List<Long>> byKey = new HashMap<>();
        for (long key : keys) {
            byKey.computeIfAbsent(key, k -> newest(k, item));
        }
        int bestCluster = -1;
        double best = -1;
        for (long candidate : Candidates.mostShared(keys, byKey, Set.of(), config.maxCandidates())) {
            Entry e = entries.get((int) candidate);
            if (e.item().site().equals(item.site()) || clusterHasSite(e.cluster(), item.site())) {
                continue;
            }
            comparisons++;
            Verdict verdict = SameEventRule.decide(features, e.features());
            if (verdict.same() && verdict.likeness() > best) {
                best = verdict.likeness();
                bestCluster = e.cluster();
            }
        }
        int id = entries.size();
        int cluster = bestCluster >= 0 ? bestCluster : id;
        entries.add(new Entry(item, features, cluster));
        for (long key : keys) {
            index.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
        }
        return cluster;
    }

    /** The newest perKey entries under key published within the window of item, as BandIndex.newest reads them. */
    private List<Long> newest(long key, ClusterItem item) {
        List<Integer> under = index.getOrDefault(key, List.of());
        List<Long> out = new ArrayList<>();
        for (int i = under.size() - 1; i >= 0 && out.size() < config.perKey(); i--) {
            if (withinWindow(entries.get(under.get(i)).item(), item)) {
                out.add((long) under.get(i));
            }
        }
        return out;
    }

    /** Item id → cluster id (the id of the cluster's first item), in order of arrival. */
    public Map<String, String> clusters() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            out.put(e.item().id(), entries.get(e.cluster()).item().id());
        }
        return out;
    }

    /** Pairs the precise rule was asked about: the cost the band index saves against comparing all pairs. */
    public long comparisons() {
        return comparisons;
    }

    private boolean withinWindow(ClusterItem a, ClusterItem b) {
        return Duration.between(a.published(), b.published()).abs().compareTo(config.window()) <= 0;
    }

    private boolean clusterHasSite(int cluster, String site) {
        for (Entry e : entries) {
            if (e.cluster() == cluster && e.item().site().equals(site)) {
                return true;
            }
        }
        return false;
    }

    /** The verdict of the precise rule on two items, whatever their sites and dates: for tests and admin views. */
    public static Verdict judge(ClusterItem a, ClusterItem b) {
        return judge(FeatureExtractor.read(a), FeatureExtractor.read(b));
    }

    /** The verdict of the precise rule on two items read before (the ingest path keeps items' features). */
    public static Verdict judge(StoryFeatures a, StoryFeatures b) {
        return SameEventRule.decide(a, b);
    }
}
