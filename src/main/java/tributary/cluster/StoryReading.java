package tributary.cluster;

/** An item as clustering read it: its features for the same-event rule and its band keys for the candidate index. */
public record StoryReading(StoryFeatures features, long[] bandKeys) {

    static StoryReading of(ClusterItem item) {
        StoryFeatures features = FeatureExtractor.read(item);
        return new StoryReading(features, BandKeys.of(features));
    }
}
