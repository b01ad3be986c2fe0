package tributary.fetch;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How feeds are fetched (tributary.fetch.*): whether feeds may live on loopback/private addresses (tests, intranets;
 * checked at every connect, and ambiguous spellings such as 0127.0.0.1, 127.1 or [::ffff:127.0.0.1] are refused
 * either way), timeouts, the overall deadline, the body cap, redirects, concurrent requests per host, and how
 * Tributary names itself; userAgent overrides the built one when set. tributary.fetch.max-items is read by
 * ParseConfig, since the parser is what stops at it.
 */
@ConfigurationProperties("tributary.fetch")
public record FetchConfig(
        @Bindable(defaultValue = "false") boolean allowPrivateAddresses,
        @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Bindable(defaultValue = "20s") Duration readTimeout,
        @Bindable(defaultValue = "60s") Duration deadline,
        @Bindable(defaultValue = "10485760") long maxBodyBytes,
        @Bindable(defaultValue = "5") int maxRedirects,
        @Bindable(defaultValue = "2") int maxPerHost,
        @Bindable(defaultValue = "https://github.com/tributary") String projectUrl,
        @Nullable String userAgent) {
}
