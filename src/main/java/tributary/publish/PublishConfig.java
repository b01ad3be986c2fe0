package tributary.publish;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How long readers may cache a feed (tributary.publish.max-age), how many rendered pages stay in memory, and whether
 * the render cache also follows changes other instances write to the shared database (peer-check, every
 * peer-check-interval).
 */
@ConfigurationProperties("tributary.publish")
public record PublishConfig(@Bindable(defaultValue = "5m") Duration maxAge,
                            @Bindable(defaultValue = "1024") int cacheEntries,
                            @Bindable(defaultValue = "true") boolean peerCheck,
                            @Bindable(defaultValue = "2s") Duration peerCheckInterval) {
}
