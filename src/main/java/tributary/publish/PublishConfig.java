package tributary.publish;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/** How long readers may cache a feed (tributary.publish.max-age) and how many rendered pages stay in memory. */
@ConfigurationProperties("tributary.publish")
public record PublishConfig(@Bindable(defaultValue = "5m") Duration maxAge,
                            @Bindable(defaultValue = "1024") int cacheEntries) {
}
