package tributary.parse;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import tributary.config.ConfigDefaults;

/**
 * Limits on the work one document may cause (tributary.parse.*): its size once decompressed, the deepest nesting,
 * the items read (tributary.fetch.max-items, the same number the poller stores; items past it are skipped unread,
 * not counted as nodes), the XML nodes kept (elements, attributes, text runs), the distinct namespace declarations,
 * and the time after which the parse is abandoned as the feed's recorded failure.
 */
@ConfigurationProperties("tributary.parse")
public record ParseConfig(
        @Bindable(defaultValue = "10485760") int maxDocumentBytes,
        @Bindable(defaultValue = "200") int maxDepth,
        // The one reader of tributary.fetch.max-items (the parser is what stops at it); the key keeps its old name.
        @Value("${tributary.fetch.max-items:1000}") int maxItems,
        @Bindable(defaultValue = "200000") int maxNodes,
        @Bindable(defaultValue = "100") int maxNamespaces,
        @Bindable(defaultValue = "20s") Duration timeBudget) {

    /** The limits when no configuration is at hand (plain unit tests): the defaults declared above. */
    public static ParseConfig defaults() {
        return ConfigDefaults.of(ParseConfig.class);
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
