package tributary.fetch;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/** How feeds are fetched (tributary.fetch.*). */
@ConfigurationProperties("tributary.fetch")
public record FetchConfig(
        @Bindable(defaultValue = "false") boolean allowPrivateAddresses,
        @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Bindable(defaultValue = "20s") Duration readTimeout,
        @Bindable(defaultValue = "10485760") long maxBodyBytes,
        @Bindable(defaultValue = "5") int maxRedirects,
        @Bindable(defaultValue = "Tributary/0.1 (feed aggregator)") String userAgent) {
}
