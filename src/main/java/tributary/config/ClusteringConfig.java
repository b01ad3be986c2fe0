package tributary.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Story clustering across publishers at ingest (tributary.cluster.*): whether it runs at all, the window within which
 * two reports may be one event, how many candidates of each new item the same-event rule is asked about (those sharing
 * the most MinHash bands, so the cost per item stays bounded however many stored items share vocabulary with it), and
 * how many items' features are kept in memory (each about 5.5 KB; a candidate is read once, not once per batch), and
 * how many items the in-memory band index holds (cluster.BandIndex, about 1.1–1.5 KB each). Checked when the service
 * starts (a @Context bean), so a wrong value stops it with the setting's name.
 */
@Context
@ConfigurationProperties("tributary.cluster")
public record ClusteringConfig(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "16") int maxCandidates,
        @Bindable(defaultValue = "48h") Duration window,
        @Bindable(defaultValue = "4096") int featureCache,
        @Bindable(defaultValue = "50000") int indexItems) {

    public ClusteringConfig {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new ConfigurationException("tributary.cluster.window (TRIBUTARY_CLUSTER_WINDOW) is '" + window
                    + "': it must be a positive duration such as 48h or 36h.");
        }
        if (maxCandidates < 0) {
            throw new ConfigurationException("tributary.cluster.max-candidates (TRIBUTARY_CLUSTER_MAX_CANDIDATES) is "
                    + maxCandidates + ": it must be 0 or more (0 judges no candidate).");
        }
        if (featureCache < 0) {
            throw new ConfigurationException("tributary.cluster.feature-cache (TRIBUTARY_CLUSTER_FEATURE_CACHE) is "
                    + featureCache + ": it must be 0 or more (0 keeps none).");
        }
        if (indexItems < 1) {
            throw new ConfigurationException("tributary.cluster.index-items (TRIBUTARY_CLUSTER_INDEX_ITEMS) is "
                    + indexItems + ": it must be 1 or more (the items of the window that new items are compared with).");
        }
    }
}
