package tributary.ops;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs one line at start: the version, the database it talks to, and how many feeds and categories it serves. */
@Singleton
class StartupSummary {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSummary.class);

    private final TransactionOperations<Connection> tx;

    StartupSummary(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        try {
            String summary = tx.executeRead(status -> {
                Connection c = status.getConnection();
                DatabaseMetaData meta = c.getMetaData();
                String url = meta.getURL().replaceAll("(?i)(password=)[^&]*", "$1***");
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM feed WHERE deleted_at IS NULL),"
                             + " (SELECT COUNT(*) FROM feed WHERE deleted_at IS NULL AND enabled = TRUE),"
                             + " (SELECT COUNT(*) FROM category), (SELECT COUNT(*) FROM item)")) {
                    rs.next();
                    return "database " + meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion()
                            + " at " + url + "; " + rs.getLong(1) + " feeds (" + rs.getLong(2) + " enabled), "
                            + rs.getLong(3) + " categories, " + rs.getLong(4) + " items";
                }
            });
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
