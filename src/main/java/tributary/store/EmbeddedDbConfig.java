package tributary.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where the embedded MariaDB keeps its files when no external database is configured: its data, its unpacked binaries
 * (no baseDir: beside the data, in "…-base"), and, when socket is set, the Unix socket it listens on instead of a
 * loopback port.
 */
@ConfigurationProperties("tributary.embedded-db")
public record EmbeddedDbConfig(
        @Bindable(defaultValue = "./data/mariadb") String dataDir,
        @Bindable(defaultValue = "tributary") String database,
        @Nullable String baseDir,
        @Nullable String socket) {

    /** Data dir and database only: binaries beside the data, a loopback port. */
    public EmbeddedDbConfig(String dataDir, String database) {
        this(dataDir, database, null, null);
    }
}
