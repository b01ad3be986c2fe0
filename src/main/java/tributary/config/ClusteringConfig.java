package tributary.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Story clustering across publishers at ingest (tributary.cluster.*): whether it runs at all (off unless enabled:
 * at 20,000 generated items of bench/polling.sh reading each candidate's features still took minutes, so it stays
 * opt-in until its cost is bounded and measured, issue 19), and how many candidates
 * of each new item the same-event rule is asked about (those sharing the most MinHash bands), so the cost per item
 * stays bounded however many stored items share vocabulary with it.
 */
@ConfigurationProperties("tributary.cluster")
public record ClusteringConfig(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "16") int maxCandidates) {
}
