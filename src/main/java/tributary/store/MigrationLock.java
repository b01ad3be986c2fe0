package tributary.store;

import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance migrates at a time, across a Galera cluster too: Flyway's own lock (GET_LOCK) holds only on the node
 * that took it, and three instances started together on three nodes ran the same migration at once (the DDL of one
 * replicated under the others', "Duplicate column", and Flyway recorded a failed migration). The lock is a row,
 * inserted when Flyway starts migrating (after it created or found its history table: before, the lock's table
 * would make the schema look non-empty to it) and deleted after; each pending migration is read again under it, so
 * the second instance finds them applied. On Galera two nodes inserting the row at once cannot both commit (one
 * loses certification), which makes it cluster-wide. A holder that died leaves a row whose lease (renewed while
 * migrating) lapses. Hand JDBC and a table outside Flyway: it must exist before the migrations run.
 */
@Singleton
@Named("default")
public class MigrationLock implements FlywayConfigurationCustomizer {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationLock.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration WAIT_AT_MOST = Duration.ofMinutes(15);

    private final String owner = UUID.randomUUID().toString();
    private volatile ScheduledExecutorService renewer;

    @Override
    public String getName() {
        return "default";
    }

    @Override
    public void customizeFluentConfiguration(FluentConfiguration configuration) {
        DataSource dataSource = configuration.getDataSource();
        Callback lock = new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.BEFORE_MIGRATE || event == Event.AFTER_MIGRATE
                        || event == Event.AFTER_MIGRATE_ERROR;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                if (event == Event.BEFORE_MIGRATE) {
                    acquire(dataSource);
                } else {
                    release(dataSource);
                }
            }

            @Override
            public String getCallbackName() {
                return "cluster-wide migration lock";
            }
        };
        configuration.callbacks(Stream.concat(Stream.of(configuration.getCallbacks()), Stream.of(lock))
                .toArray(Callback[]::new));
    }

    /** Takes the lock, waiting (bounded) while another instance holds it. */
    void acquire(DataSource dataSource) {
        long deadline = System.nanoTime() + WAIT_AT_MOST.toNanos();
        boolean told = false;
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE IF NOT EXISTS migration_lock (id TINYINT NOT NULL PRIMARY KEY,"
                            + " owner VARCHAR(64) NOT NULL, locked_until DATETIME(3) NOT NULL) ENGINE=InnoDB");
                }
                if (take(c)) {
                    renewer = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "migration-lock");
                        t.setDaemon(true);
                        return t;
                    });
                    renewer.scheduleWithFixedDelay(() -> renew(dataSource), LEASE.toSeconds() / 3,
                            LEASE.toSeconds() / 3, TimeUnit.SECONDS);
                    return;
                }
            } catch (SQLException e) {
                if (!Conflicts.isConflict(e)) {
                    throw new IllegalStateException("cannot take the migration lock: " + e.getMessage(), e);
                }
                // Another node inserted or took it at the same moment and committed first.
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("another instance has held the migration lock for "
                        + WAIT_AT_MOST.toMinutes() + " minutes: see the table migration_lock");
            }
            if (!told) {
                LOG.info("Another instance is migrating the schema; waiting for it");
                told = true;
            }
            sleep();
        }
    }

    private boolean take(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO migration_lock (id, owner, locked_until)"
                + " VALUES (1, ?, UTC_TIMESTAMP(3) + INTERVAL ? SECOND)")) {
            ps.setString(1, owner);
            ps.setLong(2, LEASE.toSeconds());
            ps.executeUpdate();
            return true;
        } catch (SQLIntegrityConstraintViolationException held) {
            // Held: taken over only once its lease lapsed (its holder died while migrating).
            try (PreparedStatement ps = c.prepareStatement("UPDATE migration_lock SET owner = ?,"
                    + " locked_until = UTC_TIMESTAMP(3) + INTERVAL ? SECOND WHERE id = 1"
                    + " AND locked_until < UTC_TIMESTAMP(3)")) {
                ps.setString(1, owner);
                ps.setLong(2, LEASE.toSeconds());
                return ps.executeUpdate() == 1;
            }
        }
    }

    private void renew(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE migration_lock SET locked_until = UTC_TIMESTAMP(3)"
                     + " + INTERVAL ? SECOND WHERE id = 1 AND owner = ?")) {
            c.setAutoCommit(true);
            ps.setLong(1, LEASE.toSeconds());
            ps.setString(2, owner);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Cannot renew the migration lock ({}); it lapses {} s after the last renewal", e.getMessage(),
                    LEASE.toSeconds());
        }
    }

    void release(DataSource dataSource) {
        ScheduledExecutorService running = renewer;
        if (running != null) {
            running.shutdownNow();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM migration_lock WHERE id = 1 AND owner = ?")) {
            c.setAutoCommit(true);
            ps.setString(1, owner);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Cannot release the migration lock ({}); it lapses within {} s", e.getMessage(),
                    LEASE.toSeconds());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the migration lock", e);
        }
    }
}
