package tributary.cluster;

/** The MinHash band keys of an item under the default index shape: what the store indexes to find candidates. */
public final class BandKeys {

    private static final MinHasher HASHER = new MinHasher(ClusterConfig.DEFAULTS.bands(), ClusterConfig.DEFAULTS.rows());

    private BandKeys() {
    }

    public static long[] of(ClusterItem item) {
        return of(FeatureExtractor.read(item));
    }

    public static long[] of(StoryFeatures features) {
        return HASHER.bandKeys(features.content());
    }
}
