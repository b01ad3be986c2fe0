package tributary.parse;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** Limits of the XML reader (tributary.parse.*): the largest document once decompressed, and the deepest nesting. */
@ConfigurationProperties("tributary.parse")
public record ParseConfig(
        @Bindable(defaultValue = "10485760") int maxDocumentBytes,
        @Bindable(defaultValue = "200") int maxDepth) {

    /** The limits when no configuration is at hand (plain unit tests). */
    public static ParseConfig defaults() {
        return new ParseConfig(10 * 1024 * 1024, 200);
    }
}
