package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tributary.support.FeedsYml;

/**
 * A transaction the server rolls back for a deadlock (on Galera also for a lost certification, the same error) is run
 * again and commits once; anything else is thrown at once. The deadlock here is a real one between two connections.
 */
@MicronautTest(transactional = false)
class ConflictsTest implements TestPropertyProvider {

    /**
     * The waiting side's own threads: the common pool has one thread on two cores, and a task another test left there
     * kept the waiting update from starting at all in a full run ("no transaction came to wait for a lock").
     */
    private static final ExecutorService WAITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "conflicts-test-waiter");
        t.setDaemon(true);
        return t;
    });

    @Inject
    TransactionOperations<Connection> tx;

    private DataSource dataSource;

    @Inject
    void dataSource(DataSource contextual) throws java.sql.SQLException {
        // The pool itself: the injected DataSource hands out only the connection of a surrounding transaction.
        this.dataSource = contextual.unwrap(com.zaxxer.hikari.HikariDataSource.class);
    }

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final Conflicts conflicts = new Conflicts(registry);
    private final AtomicInteger attempts = new AtomicInteger();

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties();
    }

    @BeforeEach
    void rows() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            // The pool's connections do not commit by themselves.
            c.setAutoCommit(true);
            st.execute("CREATE TABLE IF NOT EXISTS conflict_probe (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB");
            st.execute("DELETE FROM conflict_probe");
            st.execute("INSERT INTO conflict_probe VALUES (1, 0), (2, 0), (3, 0), (4, 0), (5, 0)");
        }
    }

    @Test
    void aTransactionChosenAsTheDeadlockVictimRunsAgainAndCommitsOnce() throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            // The other transaction holds row 1 and has written more rows, so the server rolls back ours, the lighter.
            for (int id : new int[] {1, 3, 4, 5}) {
                update(other, "UPDATE conflict_probe SET v = v + 10 WHERE id = " + id);
            }
            CompletableFuture<Void> otherWaits = new CompletableFuture<>();

            conflicts.retry("test", () -> tx.executeWrite(status -> {
                Connection ours = status.getConnection();
                update(ours, "UPDATE conflict_probe SET v = v + 1 WHERE id = 2");
                if (attempts.incrementAndGet() == 1) {
                    // The other now waits for our row 2; our wait for its row 1 closes the cycle.
                    CompletableFuture.runAsync(() -> {
                        try {
                            update(other, "UPDATE conflict_probe SET v = v + 10 WHERE id = 2");
                            other.commit();
                            otherWaits.complete(null);
                        } catch (Exception e) {
                            otherWaits.completeExceptionally(e);
                        }
                    }, WAITERS);
                    awaitLockWait();
                }
                update(ours, "UPDATE conflict_probe SET v = v + 1 WHERE id = 1");
                return null;
            }));

            otherWaits.get(10, TimeUnit.SECONDS);
        }
        assertEquals(2, attempts.get(), "rolled back once, then committed");
        assertEquals(11, value(1));
        assertEquals(11, value(2));
        assertEquals(1.0, registry.counter("tributary.db.conflicts", "where", "test", "outcome", "retried").count());
    }

    @Test
    void theDriversDeadlockErrorIsRecognisedAsAConflict() throws Exception {
        try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            for (int id : new int[] {1, 3, 4, 5}) {
                // One row a statement: on five rows a range could be read by a scan, locking every row.
                update(a, "UPDATE conflict_probe SET v = 1 WHERE id = " + id);
            }
            update(b, "UPDATE conflict_probe SET v = 1 WHERE id = 2");
            CompletableFuture<Void> aWaits = CompletableFuture.runAsync(() -> {
                try {
                    update(a, "UPDATE conflict_probe SET v = 2 WHERE id = 2");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, WAITERS);
            awaitLockWait();
            Exception deadlock = assertThrows(Exception.class, () -> update(b, "UPDATE conflict_probe SET v = 2 WHERE id = 1"));
            aWaits.get(10, TimeUnit.SECONDS);
            a.rollback();
            assertTrue(Conflicts.isConflict(deadlock), deadlock.toString());
            assertTrue(Conflicts.isConflict(new IllegalStateException("wrapped", deadlock)));
        }
    }

    @Test
    void otherFailuresAreThrownAtOnce() {
        assertThrows(java.sql.SQLIntegrityConstraintViolationException.class, () -> conflicts.retry("test", () -> tx.executeWrite(status -> {
            attempts.incrementAndGet();
            // A duplicate key: the caller's mistake, never made right by running it again.
            update(status.getConnection(), "INSERT INTO conflict_probe VALUES (1, 0)");
            return null;
        })));
        assertEquals(1, attempts.get());
    }

    @Test
    void aConflictOnEveryAttemptIsThrownAfterTheLast() {
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> conflicts.retry("test", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("commit failed", new SQLTransactionRollbackException(
                    "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213));
        }));
        assertEquals("commit failed", thrown.getMessage());
        assertEquals(Conflicts.ATTEMPTS, attempts.get());
        assertEquals(1.0, registry.counter("tributary.db.conflicts", "where", "test", "outcome", "gave-up").count());
    }

    private static void update(Connection c, String sql) throws java.sql.SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    private int value(int id) {
        return tx.executeRead(status -> {
            try (Statement st = status.getConnection().createStatement();
                 var rs = st.executeQuery("SELECT v FROM conflict_probe WHERE id = " + id)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /**
     * Until some transaction waits for a row lock (at most 30 s): INNODB_TRX says LOCK WAIT, or the processlist shows
     * an UPDATE of conflict_probe still in its statement at two looks in a row. After another test's statement was
     * stopped by max_statement_time, INNODB_TRX went on saying RUNNING for a transaction that waited 30 s.
     */
    private void awaitLockWait() throws Exception {
        int seenUpdating = 0;
        for (int i = 0; i < 1200; i++) {
            long[] counts = tx.executeRead(status -> {
                try (Statement st = status.getConnection().createStatement();
                     var rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM information_schema.INNODB_TRX"
                             + " WHERE trx_state = 'LOCK WAIT'), (SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                             + " WHERE COMMAND = 'Query' AND INFO LIKE 'UPDATE conflict_probe%')")) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                }
            });
            seenUpdating = counts[1] > 0 ? seenUpdating + 1 : 0;
            if (counts[0] > 0 || seenUpdating >= 2) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no transaction came to wait for a lock");
    }
}
