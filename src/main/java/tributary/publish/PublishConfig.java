package tributary.publish;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** How merged feeds are published: the absolute base for self links (tributary.public-base-url), else the request's. */
@ConfigurationProperties("tributary")
public record PublishConfig(@Nullable String publicBaseUrl) {
}
