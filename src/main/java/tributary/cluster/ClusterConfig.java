package tributary.cluster;

import java.time.Duration;

/**
 * How clustering behaves: the time window within which two reports may be one event, and the shape of the MinHash
 * band index (more bands, more candidates found and more pairs checked).
 */
public record ClusterConfig(Duration window, int bands, int rows) {

    public static final ClusterConfig DEFAULTS = new ClusterConfig(Duration.ofHours(48), 32, 2);
}
