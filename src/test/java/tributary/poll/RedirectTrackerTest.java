package tributary.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** A feed URL moves only after the same permanent redirect on three successive polls. */
class RedirectTrackerTest {

    private static final URI NEW = URI.create("https://new.example/feed");

    @Test
    void theThirdSuccessivePollWithTheSameRedirectRewrites() {
        RedirectTracker.Decision first = RedirectTracker.next(null, 0, NEW);
        assertEquals(new RedirectTracker.Decision(NEW.toString(), 1, null), first);
        RedirectTracker.Decision second = RedirectTracker.next(first.redirectUrl(), first.redirectCount(), NEW);
        assertEquals(new RedirectTracker.Decision(NEW.toString(), 2, null), second);
        RedirectTracker.Decision third = RedirectTracker.next(second.redirectUrl(), second.redirectCount(), NEW);
        assertEquals(new RedirectTracker.Decision(null, 0, NEW.toString()), third);
    }

    @Test
    void aPollWithoutTheRedirectStartsOver() {
        assertEquals(new RedirectTracker.Decision(null, 0, null), RedirectTracker.next(NEW.toString(), 2, null));
    }

    @Test
    void anotherTargetStartsCountingAgain() {
        URI other = URI.create("https://other.example/feed");
        assertEquals(new RedirectTracker.Decision(other.toString(), 1, null),
                RedirectTracker.next(NEW.toString(), 2, other));
    }
}
