package tributary.store;

import java.util.Locale;

/**
 * A feed's polling state, as the database computes it into feed.state (Flyway V2) from enabled, gone_at and
 * consecutive_failures; column() is that value, which metrics and the admin API show.
 */
public enum FeedState {
    ACTIVE,
    BACKING_OFF,
    GONE,
    DISABLED;

    /** "active", "backing-off", "gone", "disabled". */
    public String column() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The state a column value names. */
    public static FeedState of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
