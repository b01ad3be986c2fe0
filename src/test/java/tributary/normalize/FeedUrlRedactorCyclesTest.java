package tributary.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A redacted copy of an exception whose causes loop back ends where the loop closes, instead of overflowing the stack. */
@Timeout(10)
class FeedUrlRedactorCyclesTest {

    @Test
    void aTwoElementCauseCycleIsCopiedOnce() {
        RuntimeException outer = new RuntimeException("poll of https://example.vn/rss?token=t0k3n");
        RuntimeException inner = new RuntimeException("via https://bob:hunter2@example.vn/rss", outer);
        outer.initCause(inner);
        Throwable redacted = FeedUrlRedactor.redactIn(outer);
        assertFalse(redacted.getMessage().contains("t0k3n"), redacted.getMessage());
        assertFalse(redacted.getCause().getMessage().contains("hunter2"), redacted.getCause().getMessage());
        assertNull(redacted.getCause().getCause());
    }

    @Test
    void aCauseThatIsItselfIsCopiedOnce() {
        RuntimeException self = new RuntimeException("self") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        Throwable redacted = FeedUrlRedactor.redactIn(self);
        assertEquals(self.getClass().getName() + ": self", redacted.getMessage());
        assertNull(redacted.getCause());
    }
}
