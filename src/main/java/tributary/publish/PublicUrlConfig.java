package tributary.publish;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** The absolute base of self links (tributary.public-base-url); unset, it is taken from each request's host. */
@ConfigurationProperties("tributary")
public record PublicUrlConfig(@Nullable String publicBaseUrl) {
}
