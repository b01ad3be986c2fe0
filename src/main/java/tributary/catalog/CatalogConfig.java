package tributary.catalog;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** Where the feed list lives (tributary.feeds-file). */
@ConfigurationProperties("tributary")
public record CatalogConfig(@Bindable(defaultValue = "./feeds.yml") String feedsFile) {
}
