package tributary.parse;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Limits on the work one document may cause (tributary.parse.*): its size once decompressed, the deepest nesting,
 * the items read (tributary.fetch.max-items, the same number the poller stores), the XML nodes kept, the distinct
 * namespace declarations, and the time spent on it.
 */
@ConfigurationProperties("tributary.parse")
public record ParseConfig(
        @Bindable(defaultValue = "10485760") int maxDocumentBytes,
        @Bindable(defaultValue = "200") int maxDepth,
        // The same number the poller stores, so it is set once, as tributary.fetch.max-items.
        @Value("${tributary.fetch.max-items:1000}") int maxItems,
        @Bindable(defaultValue = "200000") int maxNodes,
        @Bindable(defaultValue = "100") int maxNamespaces,
        @Bindable(defaultValue = "20s") Duration timeBudget) {

    /** The limits when no configuration is at hand (plain unit tests). */
    public static ParseConfig defaults() {
        return new ParseConfig(10 * 1024 * 1024, 200, 1000, 200_000, 100, Duration.ofSeconds(20));
    }

    public ParseConfig withMaxDocumentBytes(int bytes) {
        return new ParseConfig(bytes, maxDepth, maxItems, maxNodes, maxNamespaces, timeBudget);
    }

    public ParseConfig withMaxItems(int items) {
        return new ParseConfig(maxDocumentBytes, maxDepth, items, maxNodes, maxNamespaces, timeBudget);
    }

    public ParseConfig withTimeBudget(Duration budget) {
        return new ParseConfig(maxDocumentBytes, maxDepth, maxItems, maxNodes, maxNamespaces, budget);
    }
}
