package tributary.cluster;

import java.time.Duration;

/**
 * How clustering behaves: the time window within which two reports may be one event, the shape of the MinHash band
 * index (more bands, more candidates found and more pairs checked), and which of the items found are judged: the
 * newest perKey under each band key (BandIndex reads no more), of those the maxCandidates sharing the most keys
 * (tributary.cluster.max-candidates at ingest, whose default this is).
 */
public record ClusterConfig(Duration window, int bands, int rows, int perKey, int maxCandidates) {

    public static final ClusterConfig DEFAULTS = new ClusterConfig(Duration.ofHours(48), 32, 2, 20, 16);

    /** This shape of the band index, everything else as it is. */
    public ClusterConfig withBands(int bands, int rows) {
        return new ClusterConfig(window, bands, rows, perKey, maxCandidates);
    }
}
