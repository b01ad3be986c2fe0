package tributary.ops;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.store.DatabaseSummary;

/** Logs one line at start: the version, the database it talks to, and how many feeds and categories it serves. */
@Singleton
class StartupSummary {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSummary.class);

    private final DatabaseSummary database;

    StartupSummary(DatabaseSummary database) {
        this.database = database;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        try {
            DatabaseSummary.Summary s = database.read();
            String summary = "database " + s.product() + " at " + s.url() + "; " + s.feeds() + " feeds ("
                    + s.enabledFeeds() + " enabled), " + s.categories() + " categories, " + s.items() + " items";
            LOG.info("Tributary {} serving on port {}: {}", version(), event.getSource().getPort(), summary);
        } catch (RuntimeException e) {
            LOG.warn("Tributary {} started, but the start-up summary could not be read: {}", version(), e.getMessage());
        }
    }

    static String version() {
        try (InputStream in = StartupSummary.class.getResourceAsStream("/tributary/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
