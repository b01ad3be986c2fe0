package tributary.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Walking a cause chain: wrapped failures are found, and a chain that loops ends the walk instead of hanging it. */
@Timeout(10)
class CausesTest {

    @Nested
    class AlongTheChain {

        private final ConnectException refused = new ConnectException("Connection refused");
        private final RuntimeException wrapped = new IllegalStateException("poll failed",
                new UncheckedIOException("io", new IOException("read failed", refused)));

        @Test
        void findsTheFirstOfATypeWrappedDeep() {
            assertSame(refused, Causes.find(wrapped, ConnectException.class));
            assertSame(wrapped.getCause(), Causes.find(wrapped, UncheckedIOException.class));
            assertNull(Causes.find(wrapped, SQLException.class));
        }

        @Test
        void countsTheGivenThrowableItself() {
            assertSame(wrapped, Causes.find(wrapped, IllegalStateException.class));
            assertTrue(Causes.any(refused, ConnectException.class::isInstance));
        }

        @Test
        void rootIsTheInnermostAndNamesWhatFailed() {
            assertSame(refused, Causes.root(wrapped));
            assertEquals("Connection refused", Causes.rootMessage(wrapped));
            assertEquals("ConnectException", Causes.rootMessage(new RuntimeException("outer", new ConnectException())));
        }
    }

    @Nested
    class Cycles {

        /** Throwable refuses initCause(this), but a subclass can still answer itself (some libraries do). */
        private static final class OwnCause extends RuntimeException {
            OwnCause() {
                super("own cause");
            }

            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        }

        @Test
        void aCauseThatIsItselfEndsTheWalk() {
            OwnCause self = new OwnCause();
            RuntimeException outer = new RuntimeException("outer", self);
            assertSame(self, Causes.root(outer));
            assertEquals("own cause", Causes.rootMessage(outer));
            assertNull(Causes.find(outer, SQLException.class));
            assertSame(self, Causes.find(outer, OwnCause.class));
        }

        @Test
        void aTwoElementCycleEndsTheWalk() {
            RuntimeException a = new RuntimeException("a");
            RuntimeException b = new RuntimeException("b", a);
            a.initCause(b);
            assertSame(b, Causes.root(a));
            assertSame(a, Causes.root(b));
            assertEquals("b", Causes.rootMessage(a));
            assertFalse(Causes.any(a, SQLException.class::isInstance));
            assertSame(b, Causes.first(a, t -> "b".equals(t.getMessage())));
        }
    }

    @Nested
    class NextExceptions {

        @Test
        void followsSqlExceptionNextExceptionChain() {
            SQLException batch = new SQLException("Batch entry 3 failed");
            SQLException duplicate = new SQLException("Duplicate entry 'x' for key 'uq'", "23000", 1062);
            batch.setNextException(duplicate);
            RuntimeException wrapped = new RuntimeException("store failed", batch);
            assertSame(duplicate, Causes.first(wrapped, t -> t instanceof SQLException s && s.getErrorCode() == 1062));
        }

        @Test
        void followsTheCauseOfANextException() {
            SQLException batch = new SQLException("Batch entry 3 failed");
            ConnectException refused = new ConnectException("refused");
            batch.setNextException(new SQLException("link failure", refused));
            assertSame(refused, Causes.find(new RuntimeException(batch), ConnectException.class));
        }

        @Test
        void looksAtTheNextExceptionBeforeTheCause() {
            SQLException batch = new SQLException("batch", new SQLException("cause"));
            batch.setNextException(new SQLException("next"));
            assertEquals("next", Causes.first(batch, t -> !t.getMessage().equals("batch")).getMessage());
        }

        @Test
        void aLongBatchOfNextExceptionsCostsNoCallStack() {
            SQLException batch = new SQLException("entry 0");
            SQLException last = batch;
            for (int i = 1; i <= 100_000; i++) {
                SQLException next = new SQLException("entry " + i);
                last.setNextException(next);
                last = next;
            }
            assertEquals("entry 100000", Causes.first(batch, t -> t.getMessage().equals("entry 100000")).getMessage());
        }

        @Test
        void aNextExceptionChainThatLoopsEndsTheWalk() {
            SQLException first = new SQLException("first");
            SQLException second = new SQLException("second", "08000", 0, first);
            first.setNextException(second);
            assertNull(Causes.find(first, IOException.class));
        }
    }
}
