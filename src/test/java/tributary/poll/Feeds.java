package tributary.poll;

import java.time.LocalDateTime;
import tributary.store.FeedRow;

/** Feed rows for rule tests that need no database. */
final class Feeds {

    private Feeds() {
    }

    static FeedRow withInterval(Integer intervalSeconds) {
        return new FeedRow(1L, "https://example.org/feed.xml", "hash", null, null, null, null, null, intervalSeconds,
                null, false, true, "file", null, null, null, null, null, null, null, null, null, 0, LocalDateTime.of(2026, 1, 1, 0, 0),
                null, null, null, null, null, 0, null, null, null, "active", null, null, null, null, null);
    }

    static FeedRow withSchedule(Integer publisherSeconds, String skipHours, String skipDays) {
        FeedRow f = withInterval(900);
        return new FeedRow(f.id(), f.url(), f.urlHash(), null, null, null, null, null, 900, null, false, true, "file", null, null, null,
                null, null, null, null, null, null, 0, f.createdAt(), null, null, null, null, null, 0, publisherSeconds,
                skipHours, skipDays, "active", null, null, null, null, null);
    }
}
