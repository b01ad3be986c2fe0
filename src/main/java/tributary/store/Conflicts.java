package tributary.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.common.Causes;

/**
 * Transactions the database rolled back whole for a conflict, run again a bounded number of times with a growing,
 * jittered pause: a deadlock on one server, and on Galera a commit that lost certification to another node's write
 * (both answer "Deadlock found…", SQLSTATE 40001, error 1213). Counted in tributary_db_conflicts_total{where, outcome}.
 */
@Singleton
public class Conflicts {

    private static final Logger LOG = LoggerFactory.getLogger(Conflicts.class);

    /** Attempts of a retried transaction, the first included. */
    public static final int ATTEMPTS = 5;

    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);

    private final MeterRegistry registry;

    public Conflicts(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Whether the exception (anywhere on its chain) is a transaction the database rolled back for a conflict. */
    public static boolean isConflict(Throwable e) {
        return Causes.any(e, t -> t instanceof SQLTransactionRollbackException
                || t instanceof SQLException sql && (sql.getErrorCode() == 1213 || "40001".equals(sql.getSQLState())));
    }

    /**
     * Runs the transaction, again after a conflict (it was undone whole, so nothing is written twice), up to ATTEMPTS
     * times; the last conflict, or any other failure, is thrown. where names the caller in the metric and the log.
     */
    public <T> T retry(String where, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                T result = transaction.get();
                if (attempt > 1) {
                    count(where, "retried");
                }
                return result;
            } catch (Exception e) {
                // Exception, not RuntimeException: transaction callbacks rethrow the driver's checked SQLException as
                // it came (a batch's BatchUpdateException among them); rethrown precisely, as what it is.
                if (!isConflict(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    count(where, "gave-up");
                    throw e;
                }
                LOG.debug("{}: rolled back by a conflict ({}); attempt {} of {}", where, Causes.rootMessage(e),
                        attempt + 1, ATTEMPTS);
                pause(attempt);
            }
        }
    }

    /** Counts a conflict the caller settles itself (a lost claim is simply tried again at the next tick). */
    public void count(String where, String outcome) {
        Counter.builder("tributary.db.conflicts")
                .description("Transactions rolled back by a deadlock or a Galera certification conflict, by caller"
                        + " and what became of them (retried and committed, gave-up, lost)")
                .tag("where", where).tag("outcome", outcome).register(registry).increment();
    }

    private static void pause(int attempt) {
        // Doubling, with jitter, so two writers that just collided do not collide again at once.
        long base = FIRST_PAUSE.toMillis() << Math.min(attempt - 1, 6);
        try {
            Thread.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry after a conflict", e);
        }
    }
}
