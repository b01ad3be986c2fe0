package tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tributary.support.FeedsYml;

/**
 * A searched page bounds its FULLTEXT statement with MariaDB's max_statement_time and, when it is stopped, reads rows
 * as they come instead: that fallback keys on the SQLSTATE the driver gives a stopped statement, checked here against
 * the real server and driver.
 */
@MicronautTest(transactional = false)
class StatementTimeoutTest implements TestPropertyProvider {

    @Inject
    TransactionOperations<Connection> tx;

    @Override
    public Map<String, String> getProperties() {
        return FeedsYml.write(FeedsYml.EMPTY).properties();
    }

    @Test
    void aStatementPastItsMaxStatementTimeFailsWithTheStateTheReaderFallsBackOn() {
        Exception failed = assertThrows(Exception.class, () -> tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SET STATEMENT max_statement_time = 0.050 FOR WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL "
                            + "SELECT n + 1 FROM r WHERE n < ?) SELECT COUNT(*) FROM r a, r b, r c")) {
                // A billion rows: far longer than 50 ms on any machine.
                ps.setLong(1, 1000);
                ps.executeQuery().close();
            }
            return null;
        }));
        // The transaction manager hands the driver's SQLException on as it came, or wrapped.
        Throwable cause = failed;
        while (!(cause instanceof SQLException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        SQLException stopped = assertInstanceOf(SQLException.class, cause, failed.toString());
        assertEquals(ItemReader.STATEMENT_TIMEOUT, stopped.getSQLState(), stopped.getMessage());
    }
}
