package tributary.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** Where the embedded MariaDB keeps its files when no external database is configured. */
@ConfigurationProperties("tributary.embedded-db")
public record EmbeddedDbConfig(
        @Bindable(defaultValue = "./data/mariadb") String dataDir,
        @Bindable(defaultValue = "tributary") String database) {
}
