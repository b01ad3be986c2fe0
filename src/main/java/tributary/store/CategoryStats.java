package tributary.store;

import java.time.Instant;

/** How many items a category holds and when its newest one was published (null when empty). */
public record CategoryStats(long itemCount, Instant updated) {
}
